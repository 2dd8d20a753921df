import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { type ChannelKey, channelName } from './contact-volume.ts';
import { type CsvTable, csvTable, percent } from './csv.ts';
import { rate } from './figures.ts';
import type { ReportRange } from './report-range.ts';

export type FunnelStage = 'lead' | 'booked' | 'checked_in' | 'completed';

export const funnelStageLabel: Record<FunnelStage, string> = {
  lead: 'Khách mới',
  booked: 'Đã đặt lịch',
  checked_in: 'Đã đến khám',
  completed: 'Hoàn tất khám',
};

type FunnelCounts = {
  leads: number;
  booked: number;
  checkedIn: number;
  completed: number;
};

export interface BookingFunnel {
  stages: { stage: FunnelStage; count: number; rateFromLead: number | null }[];
  bySource: (FunnelCounts & { channel: ChannelKey; bookingRate: number | null; completionRate: number | null })[];
}

/**
 * A cohort funnel over the period's new contacts (leads), by the channel they first came from. A lead is "booked"
 * once any appointment for one of its patients (or booked by it) was confirmed, "checked in" once one was checked in,
 * "completed" once a visit was completed — at any time up to now. With a branch, only appointments there count.
 * Holds that ran out unconfirmed are not bookings.
 */
export async function bookingFunnel(db: DbOrTx, range: ReportRange): Promise<BookingFunnel> {
  const branch = range.branchId ? sql`and a.branch_id = ${range.branchId}` : sql``;
  const { rows } = await db.execute<FunnelCounts & { channel: ChannelKey }>(sql`
    with leads as (
      select c.id, coalesce(c.first_channel::text, 'unknown') as channel
        from contacts c
       where c.merged_into_id is null and c.created_at >= ${range.start} and c.created_at < ${range.end}
    ), progress as (
      select l.id, l.channel,
             bool_or(a.confirmed_at is not null) as booked,
             bool_or(a.checked_in_at is not null) as checked_in,
             bool_or(a.completed_at is not null) as completed
        from leads l
        left join patients p on p.contact_id = l.id
        left join appointments a on (a.patient_id = p.id or a.booked_by_contact_id = l.id) ${branch}
       group by l.id, l.channel
    )
    select channel, count(*)::int as leads,
           count(*) filter (where booked)::int as booked,
           count(*) filter (where checked_in)::int as "checkedIn",
           count(*) filter (where completed)::int as completed
      from progress group by channel order by leads desc, channel`);

  const total: FunnelCounts = { leads: 0, booked: 0, checkedIn: 0, completed: 0 };
  for (const r of rows) {
    total.leads += r.leads;
    total.booked += r.booked;
    total.checkedIn += r.checkedIn;
    total.completed += r.completed;
  }
  const stage = (s: FunnelStage, count: number) => ({ stage: s, count, rateFromLead: rate(count, total.leads) });
  return {
    stages: [
      stage('lead', total.leads),
      stage('booked', total.booked),
      stage('checked_in', total.checkedIn),
      stage('completed', total.completed),
    ],
    bySource: rows.map((r) => ({
      channel: r.channel,
      leads: r.leads,
      booked: r.booked,
      checkedIn: r.checkedIn,
      completed: r.completed,
      bookingRate: rate(r.booked, r.leads),
      completionRate: rate(r.completed, r.leads),
    })),
  };
}

export function bookingFunnelTables(data: BookingFunnel): Record<string, CsvTable> {
  return {
    stages: csvTable(
      'Phễu đặt lịch',
      [
        { header: 'Bước', value: (r) => funnelStageLabel[r.stage] },
        { header: 'Số khách', value: (r) => r.count },
        { header: 'Tỉ lệ so với khách mới (%)', value: (r) => percent(r.rateFromLead) },
      ],
      data.stages,
    ),
    bySource: csvTable(
      'Chuyển đổi theo kênh nguồn',
      [
        { header: 'Kênh nguồn', value: (r) => channelName(r.channel) },
        { header: 'Khách mới', value: (r) => r.leads },
        { header: 'Đã đặt lịch', value: (r) => r.booked },
        { header: 'Đã đến khám', value: (r) => r.checkedIn },
        { header: 'Hoàn tất khám', value: (r) => r.completed },
        { header: 'Tỉ lệ đặt lịch (%)', value: (r) => percent(r.bookingRate) },
        { header: 'Tỉ lệ hoàn tất (%)', value: (r) => percent(r.completionRate) },
      ],
      data.bySource,
    ),
  };
}
