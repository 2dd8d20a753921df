import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { Channel } from '../../db/schema/index.ts';
import { channelName } from './contact-volume.ts';
import { type CsvTable, csvTable, percent } from './csv.ts';
import { rate, sumRows } from './figures.ts';
import type { ReportRange } from './report-range.ts';

type OutcomeCounts = {
  scheduled: number;
  attended: number;
  completed: number;
  noShow: number;
  cancelled: number;
  pending: number;
};

export type OutcomeRow = OutcomeCounts & { noShowRate: number | null; cancellationRate: number | null };

export interface AppointmentOutcomes {
  totals: OutcomeRow;
  bySource: (OutcomeRow & { channel: Channel })[];
}

const withRates = <T extends OutcomeCounts>(c: T): T & OutcomeRow => ({
  ...c,
  noShowRate: rate(c.noShow, c.attended + c.noShow),
  cancellationRate: rate(c.cancelled, c.scheduled),
});

/**
 * Confirmed bookings whose visit time falls in the period, by the channel they were booked through. Cancellation
 * rate = cancelled / scheduled; no-show rate = no-shows / visits whose outcome is known (arrived or not), so visits
 * still ahead do not dilute it. Holds that ran out unconfirmed were never bookings and are left out.
 */
export async function appointmentOutcomes(db: DbOrTx, range: ReportRange): Promise<AppointmentOutcomes> {
  const branch = range.branchId ? sql`and branch_id = ${range.branchId}` : sql``;
  const { rows } = await db.execute<OutcomeCounts & { channel: Channel }>(sql`
    select source_channel::text as channel,
           count(*)::int as scheduled,
           count(*) filter (where status in ('checked_in', 'completed'))::int as attended,
           count(*) filter (where status = 'completed')::int as completed,
           count(*) filter (where status = 'no_show')::int as "noShow",
           count(*) filter (where status = 'cancelled')::int as cancelled,
           count(*) filter (where status in ('requested', 'confirmed'))::int as pending
      from appointments
     where confirmed_at is not null and starts_at >= ${range.start} and starts_at < ${range.end} ${branch}
     group by source_channel order by scheduled desc, channel`);
  const zero: OutcomeCounts = { scheduled: 0, attended: 0, completed: 0, noShow: 0, cancelled: 0, pending: 0 };
  const sum = sumRows(rows, zero);
  return { totals: withRates(sum), bySource: rows.map(withRates) };
}

export function appointmentOutcomeTables(data: AppointmentOutcomes): Record<string, CsvTable> {
  return {
    bySource: csvTable(
      'Lịch hẹn theo kênh đặt: vắng mặt và huỷ',
      [
        { header: 'Kênh đặt lịch', value: (r) => (r.channel ? channelName(r.channel) : 'Tổng cộng') },
        { header: 'Lịch đã xác nhận', value: (r) => r.scheduled },
        { header: 'Đã đến', value: (r) => r.attended },
        { header: 'Hoàn tất', value: (r) => r.completed },
        { header: 'Vắng mặt', value: (r) => r.noShow },
        { header: 'Đã huỷ', value: (r) => r.cancelled },
        { header: 'Chưa ghi nhận', value: (r) => r.pending },
        { header: 'Tỉ lệ vắng mặt (%)', value: (r) => percent(r.noShowRate) },
        { header: 'Tỉ lệ huỷ (%)', value: (r) => percent(r.cancellationRate) },
      ],
      [...data.bySource, { ...data.totals, channel: null }],
    ),
  };
}
