import type { Config } from '../config.ts';

/** The booking rules of the clinic, from configuration; the same for patients and for agents. */
export interface BookingPolicy {
  holdMinutes: number;
  changeCutoffHours: number;
  minLeadMinutes: number;
  horizonDays: number;
  timeZone: string;
}

export function bookingPolicy(config: Config): BookingPolicy {
  return {
    holdMinutes: config.BOOKING_HOLD_MINUTES,
    changeCutoffHours: config.BOOKING_CHANGE_CUTOFF_HOURS,
    minLeadMinutes: config.BOOKING_MIN_LEAD_MINUTES,
    horizonDays: config.BOOKING_HORIZON_DAYS,
    timeZone: config.CLINIC_TIMEZONE,
  };
}
