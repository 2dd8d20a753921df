import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import { materialiseSlots } from '../../db/slots.ts';
import type { AppDeps } from '../platform/context.ts';

/** Opens the booking slots of every schedule from today to the booking horizon (idempotent). */
export async function openSlots(deps: AppDeps, now = new Date()): Promise<number> {
  const today = new TZDate(now, deps.config.CLINIC_TIMEZONE);
  return materialiseSlots(deps.db, {
    from: format(today, 'yyyy-MM-dd'),
    to: format(addDays(today, deps.config.BOOKING_HORIZON_DAYS), 'yyyy-MM-dd'),
  });
}
