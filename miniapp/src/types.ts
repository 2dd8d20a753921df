import type { InferResponseType } from 'hono/client';
import type { HubClient } from './api.ts';

// Every shape the app shows comes from the hub's route types; nothing is re-declared by hand.

export type Branch = InferResponseType<HubClient['catalog']['branches']['$get'], 200>['items'][number];
export type Department = InferResponseType<HubClient['catalog']['departments']['$get'], 200>['items'][number];
export type Doctor = InferResponseType<HubClient['catalog']['doctors']['$get'], 200>['items'][number];
export type ServicePackage = InferResponseType<HubClient['catalog']['packages']['$get'], 200>['items'][number];
export type FreeSlot = InferResponseType<HubClient['availability']['$get'], 200>['slots'][number];
export type AvailableDay = InferResponseType<HubClient['availability']['days']['$get'], 200>['days'][number];
export type Me = InferResponseType<HubClient['patient']['me']['$get'], 200>;
export type Profile = Me['profiles'][number];
export type PermissionScope = Me['permissions'][number]['scope'];
export type Appointment = InferResponseType<HubClient['patient']['appointments']['$post'], 201>;
export type AppointmentDetail = InferResponseType<HubClient['patient']['appointments'][':id']['$get'], 200>;
export type PatientNotice = InferResponseType<HubClient['patient']['notifications']['$get'], 200>['items'][number];
