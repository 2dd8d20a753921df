import type { InferRequestType, InferResponseType } from 'hono/client';
import type { api } from '../api.ts';

type Appointments = typeof api.appointments;
type Catalog = typeof api.catalog;

// Every type comes from the hub's routes through the typed client: nothing is copied by hand.
export type AppointmentPage = InferResponseType<Appointments['$get'], 200>;
export type StaffAppointment = AppointmentPage['items'][number];
export type AppointmentDetail = InferResponseType<Appointments[':id']['$get'], 200>;
export type TimelineEntry = AppointmentDetail['timeline'][number];
export type AppointmentStatus = StaffAppointment['status'];
export type ListQuery = NonNullable<InferRequestType<Appointments['$get']>['query']>;
export type StaffBookBody = InferRequestType<Appointments['$post']>['json'];
export type NewProfileBody = NonNullable<StaffBookBody['newProfile']>;
export type BookingChannel = NonNullable<StaffBookBody['sourceChannel']>;

export type Branch = InferResponseType<Catalog['branches']['$get'], 200>['items'][number];
export type Department = InferResponseType<Catalog['departments']['$get'], 200>['items'][number];
export type Doctor = InferResponseType<Catalog['doctors']['$get'], 200>['items'][number];
export type ServicePackage = InferResponseType<Catalog['packages']['$get'], 200>['items'][number];
export type FreeSlot = InferResponseType<typeof api.availability.$get, 200>['slots'][number];
export type AvailableDay = InferResponseType<typeof api.availability.days.$get, 200>['days'][number];
