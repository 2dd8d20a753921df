import { addDays, format, parseISO } from 'date-fns';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { Channel } from '../../db/schema/index.ts';
import { channelLabel } from '../channels/index.ts';
import { type CsvTable, csvTable } from './csv.ts';
import type { ReportRange } from './report-range.ts';

export type ChannelKey = Channel | 'unknown';

export interface ContactVolume {
  byChannel: { channel: ChannelKey; contacts: number; tickets: number }[];
  daily: { date: string; contacts: number; tickets: number }[];
  totals: { contacts: number; tickets: number };
}

export const channelName = (c: ChannelKey) => (c === 'unknown' ? 'Không rõ' : channelLabel[c]);

/**
 * New contacts (by the channel they first reached us on; merged duplicates count once) and new tickets
 * (conversations, by channel) created in the period. Neither has a branch, so the branch filter does not apply.
 */
export async function contactVolume(db: DbOrTx, range: ReportRange): Promise<ContactVolume> {
  const tz = range.timeZone;
  const { rows } = await db.execute<{ kind: 'contact' | 'ticket'; channel: ChannelKey; day: string; n: number }>(sql`
    select 'contact' as kind, coalesce(first_channel::text, 'unknown') as channel,
           to_char(created_at at time zone ${tz}, 'YYYY-MM-DD') as day, count(*)::int as n
      from contacts
     where merged_into_id is null and created_at >= ${range.start} and created_at < ${range.end}
     group by 2, 3
    union all
    select 'ticket', channel::text, to_char(created_at at time zone ${tz}, 'YYYY-MM-DD'), count(*)::int
      from conversations
     where created_at >= ${range.start} and created_at < ${range.end}
     group by 2, 3`);

  const channels = new Map<ChannelKey, { contacts: number; tickets: number }>();
  const days = new Map<string, { contacts: number; tickets: number }>();
  for (let d = parseISO(range.from); format(d, 'yyyy-MM-dd') <= range.to; d = addDays(d, 1)) {
    days.set(format(d, 'yyyy-MM-dd'), { contacts: 0, tickets: 0 });
  }
  const totals = { contacts: 0, tickets: 0 };
  for (const r of rows) {
    const field = r.kind === 'contact' ? 'contacts' : 'tickets';
    const ch = channels.get(r.channel) ?? { contacts: 0, tickets: 0 };
    ch[field] += r.n;
    channels.set(r.channel, ch);
    const day = days.get(r.day);
    if (day) day[field] += r.n;
    totals[field] += r.n;
  }
  return {
    byChannel: [...channels]
      .map(([channel, v]) => ({ channel, ...v }))
      .sort((a, b) => b.contacts + b.tickets - (a.contacts + a.tickets) || a.channel.localeCompare(b.channel)),
    daily: [...days].map(([date, v]) => ({ date, ...v })),
    totals,
  };
}

export function contactVolumeTables(data: ContactVolume): Record<string, CsvTable> {
  return {
    byChannel: csvTable(
      'Khách hàng mới và hội thoại mới theo kênh',
      [
        { header: 'Kênh', value: (r) => channelName(r.channel) },
        { header: 'Khách hàng mới', value: (r) => r.contacts },
        { header: 'Hội thoại mới', value: (r) => r.tickets },
      ],
      data.byChannel,
    ),
    daily: csvTable(
      'Khách hàng mới và hội thoại mới theo ngày',
      [
        { header: 'Ngày', value: (r) => r.date },
        { header: 'Khách hàng mới', value: (r) => r.contacts },
        { header: 'Hội thoại mới', value: (r) => r.tickets },
      ],
      data.daily,
    ),
  };
}
