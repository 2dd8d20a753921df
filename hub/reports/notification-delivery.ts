import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { Channel, NotificationState } from '../../db/schema/index.ts';
import { channelName } from './contact-volume.ts';
import { type CsvTable, csvTable, percent } from './csv.ts';
import { rate, sumRows } from './figures.ts';
import type { ReportRange } from './report-range.ts';

type AttemptCounts = {
  attempts: number;
  delivered: number;
  failed: number;
  inFlight: number;
  costVnd: number;
};

export type DeliveryRow = AttemptCounts & { deliveryRate: number | null; costPerDeliveredVnd: number | null };

export interface NotificationDelivery {
  totals: DeliveryRow;
  byChannel: (DeliveryRow & { channel: Channel })[];
  /** notifications created in the period, by where they ended up */
  outcomes: { state: NotificationState; count: number }[];
}

export const notificationStateLabel: Record<NotificationState, string> = {
  pending: 'Chờ gửi',
  sending: 'Đang gửi',
  sent: 'Đã gửi',
  delivered: 'Đã nhận',
  read: 'Đã xem',
  failed: 'Thất bại',
  suppressed: 'Không gửi (không đồng ý/không liên lạc được)',
  cancelled: 'Đã huỷ',
};

const withRates = <T extends AttemptCounts>(c: T): T & DeliveryRow => ({
  ...c,
  deliveryRate: rate(c.delivered, c.attempts),
  costPerDeliveredVnd: c.delivered > 0 ? Math.round(c.costVnd / c.delivered) : null,
});

/**
 * Send attempts made in the period per channel: delivered (a delivery or read receipt came back) over attempts, and
 * what the providers charged. With a branch, only notifications about appointments at that branch count.
 */
export async function notificationDelivery(db: DbOrTx, range: ReportRange): Promise<NotificationDelivery> {
  const branch = range.branchId
    ? sql`and exists (select 1 from appointments a where a.id = n.appointment_id and a.branch_id = ${range.branchId})`
    : sql``;
  const [attempts, outcomes] = await Promise.all([
    db.execute<AttemptCounts & { channel: Channel }>(sql`
      select na.channel::text as channel, count(*)::int as attempts,
             count(*) filter (where na.state in ('delivered', 'read'))::int as delivered,
             count(*) filter (where na.state = 'failed')::int as failed,
             count(*) filter (where na.state in ('queued', 'sent'))::int as "inFlight",
             coalesce(sum(na.cost_vnd), 0)::float8 as "costVnd"
        from notification_attempts na join notifications n on n.id = na.notification_id
       where na.created_at >= ${range.start} and na.created_at < ${range.end} ${branch}
       group by na.channel order by attempts desc, channel`),
    db.execute<{ state: NotificationState; count: number }>(sql`
      select n.state::text as state, count(*)::int as count from notifications n
       where n.created_at >= ${range.start} and n.created_at < ${range.end} ${branch}
       group by n.state order by count desc, state`),
  ]);
  const zero: AttemptCounts = { attempts: 0, delivered: 0, failed: 0, inFlight: 0, costVnd: 0 };
  const sum = sumRows(attempts.rows, zero);
  return { totals: withRates(sum), byChannel: attempts.rows.map(withRates), outcomes: outcomes.rows };
}

export function notificationDeliveryTables(data: NotificationDelivery): Record<string, CsvTable> {
  return {
    byChannel: csvTable(
      'Gửi thông báo theo kênh: tỉ lệ đến và chi phí',
      [
        { header: 'Kênh', value: (r) => (r.channel ? channelName(r.channel) : 'Tổng cộng') },
        { header: 'Lượt gửi', value: (r) => r.attempts },
        { header: 'Đã đến', value: (r) => r.delivered },
        { header: 'Thất bại', value: (r) => r.failed },
        { header: 'Đang chờ báo cáo', value: (r) => r.inFlight },
        { header: 'Tỉ lệ đến (%)', value: (r) => percent(r.deliveryRate) },
        { header: 'Chi phí (VND)', value: (r) => r.costVnd },
        { header: 'Chi phí mỗi tin đến (VND)', value: (r) => r.costPerDeliveredVnd },
      ],
      [...data.byChannel, { ...data.totals, channel: null }],
    ),
    outcomes: csvTable(
      'Thông báo theo trạng thái cuối',
      [
        { header: 'Trạng thái', value: (r) => notificationStateLabel[r.state] },
        { header: 'Số thông báo', value: (r) => r.count },
      ],
      data.outcomes,
    ),
  };
}
