import type { InferRequestType, InferResponseType } from 'hono/client';
import type { api } from '../api.ts';

export type Schedule = InferResponseType<typeof api.admin.booking.schedules.$get, 200>['items'][number];
export type DayOff = InferResponseType<(typeof api.admin.booking)['days-off']['$get'], 200>['items'][number];
export type NewSchedule = InferRequestType<typeof api.admin.booking.schedules.$post>['json'];
export type NewDayOff = InferRequestType<(typeof api.admin.booking)['days-off']['$post']>['json'];
export type Affected = InferResponseType<typeof api.admin.booking.schedules.$post, 201>['affected'][number];
export type Practitioner = InferResponseType<typeof api.catalog.doctors.$get, 200>['items'][number];

export const weekdayLabels: Record<number, string> = {
  1: 'Thứ Hai',
  2: 'Thứ Ba',
  3: 'Thứ Tư',
  4: 'Thứ Năm',
  5: 'Thứ Sáu',
  6: 'Thứ Bảy',
  7: 'Chủ nhật',
};

export const dayOffKindLabels: Record<DayOff['kind'], string> = {
  public_holiday: 'Nghỉ lễ, Tết',
  clinic_closure: 'Phòng khám đóng cửa',
  doctor_leave: 'Bác sĩ nghỉ',
};

/** "2026-12-24" → "24/12/2026": staff write dates day first. */
export function formatDay(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export function practitionerName(p: Pick<Practitioner, 'title' | 'fullName'>): string {
  return [p.title, p.fullName].filter(Boolean).join(' ');
}
