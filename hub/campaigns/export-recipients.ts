import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../platform/context.ts';
import { maskPhone } from '../platform/logger.ts';
import { campaignNotFound } from './campaign-errors.ts';
import { syncRecipients } from './sync-recipients.ts';

const pageSize = 2_000;
const header = [
  'Khách hàng',
  'Số điện thoại',
  'Trạng thái',
  'Lý do',
  'Mã lỗi nhà cung cấp',
  'Kênh',
  'Chi phí (VND)',
  'Gửi lúc',
  'Nhận lúc',
  'Đọc lúc',
  'Bấm lúc',
  'Đặt lịch lúc',
];

const cell = (v: string | number | null | undefined) => {
  const s = v === null || v === undefined ? '' : String(v);
  // quote always; a leading = + - @ would be a formula in Excel
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

/**
 * The recipients as CSV for Excel (UTF-8 with BOM, phones masked), streamed a keyset page at a time: a 100,000-row
 * campaign never sits in memory.
 */
export async function exportRecipients(deps: AppDeps, id: string): Promise<ReadableStream<Uint8Array>> {
  const found = await deps.db.execute(sql`select 1 from campaigns where id = ${id}`);
  if (found.rows.length === 0) throw campaignNotFound();
  await syncRecipients(deps.db, id);
  const tz = deps.config.CLINIC_TIMEZONE;
  const time = (d: Date | string | null) =>
    d ? format(new TZDate(new Date(d).getTime(), tz), 'dd/MM/yyyy HH:mm') : '';
  const enc = new TextEncoder();
  let after: string | null = null;
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (first) {
        first = false;
        controller.enqueue(enc.encode(`\uFEFF${header.map(cell).join(',')}\r\n`));
        return;
      }
      const r = await deps.db.execute<{
        id: string;
        full_name: string;
        phone: string | null;
        state: string;
        reason: string | null;
        provider_code: string | null;
        channel: string | null;
        cost_vnd: number | null;
        sent_at: string | null;
        delivered_at: string | null;
        read_at: string | null;
        clicked_at: string | null;
        booked_at: string | null;
      }>(sql`
        select r.id, c.full_name, c.phone, r.state, r.reason, r.provider_code, r.channel, r.cost_vnd,
               r.sent_at, r.delivered_at, r.read_at, r.clicked_at, r.booked_at
          from campaign_recipients r join contacts c on c.id = r.contact_id
         where r.campaign_id = ${id} ${after ? sql`and r.id > ${after}` : sql``}
         order by r.id limit ${pageSize}`);
      if (r.rows.length === 0) {
        controller.close();
        return;
      }
      after = r.rows[r.rows.length - 1]!.id;
      const lines = r.rows.map((x) =>
        [
          x.full_name,
          x.phone ? maskPhone(x.phone) : '',
          x.state,
          x.reason,
          x.provider_code,
          x.channel,
          x.cost_vnd,
          time(x.sent_at),
          time(x.delivered_at),
          time(x.read_at),
          time(x.clicked_at),
          time(x.booked_at),
        ]
          .map(cell)
          .join(','),
      );
      controller.enqueue(enc.encode(`${lines.join('\r\n')}\r\n`));
    },
  });
}
