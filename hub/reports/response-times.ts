import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { type CsvTable, csvTable, percent } from './csv.ts';
import { rate, round1 } from './figures.ts';
import type { ReportRange } from './report-range.ts';

type RawTimes = {
  key: string | null;
  name: string | null;
  conversations: number;
  responded: number;
  frMedian: number | null;
  frAvg: number | null;
  resolved: number;
  resMedian: number | null;
  resAvg: number | null;
  frMet: number;
  frMissed: number;
  resMet: number;
  resMissed: number;
};

export interface ResponseTimeRow {
  id: string | null;
  name: string;
  conversations: number;
  responded: number;
  firstResponseMedianMinutes: number | null;
  firstResponseAvgMinutes: number | null;
  resolved: number;
  resolutionMedianMinutes: number | null;
  resolutionAvgMinutes: number | null;
  firstResponseSla: { met: number; missed: number; rate: number | null };
  resolutionSla: { met: number; missed: number; rate: number | null };
}

export interface ResponseTimes {
  totals: ResponseTimeRow;
  byAgent: ResponseTimeRow[];
  byTeam: ResponseTimeRow[];
}

const row = (r: RawTimes, fallbackName: string): ResponseTimeRow => ({
  id: r.key,
  name: r.name ?? fallbackName,
  conversations: r.conversations,
  responded: r.responded,
  firstResponseMedianMinutes: round1(r.frMedian),
  firstResponseAvgMinutes: round1(r.frAvg),
  resolved: r.resolved,
  resolutionMedianMinutes: round1(r.resMedian),
  resolutionAvgMinutes: round1(r.resAvg),
  firstResponseSla: { met: r.frMet, missed: r.frMissed, rate: rate(r.frMet, r.frMet + r.frMissed) },
  resolutionSla: { met: r.resMet, missed: r.resMissed, rate: rate(r.resMet, r.resMet + r.resMissed) },
});

/**
 * Conversations opened in the period, grouped by their assignee and by their team: time to the first agent reply
 * and to resolution (minutes, median and mean), and SLA compliance against the due times the inbox set. A due time
 * still ahead with no reply yet is neither met nor missed. Conversations have no branch; the branch filter does not
 * apply.
 */
export async function responseTimes(db: DbOrTx, range: ReportRange, now = new Date()): Promise<ResponseTimes> {
  const measure = (group: ReturnType<typeof sql>, name: ReturnType<typeof sql>, join: ReturnType<typeof sql>) =>
    db.execute<RawTimes>(sql`
      with t as (
        select cv.*, extract(epoch from cv.first_responded_at - cv.created_at) / 60 as fr,
               case when cv.status = 'resolved' then extract(epoch from cv.resolved_at - cv.created_at) / 60 end as res
          from conversations cv
         where cv.created_at >= ${range.start} and cv.created_at < ${range.end}
      )
      select ${group} as key, ${name} as name, count(*)::int as conversations,
             count(t.fr)::int as responded,
             percentile_cont(0.5) within group (order by t.fr) as "frMedian", avg(t.fr)::float8 as "frAvg",
             count(t.res)::int as resolved,
             percentile_cont(0.5) within group (order by t.res) as "resMedian", avg(t.res)::float8 as "resAvg",
             count(*) filter (where t.first_responded_at <= t.first_response_due_at)::int as "frMet",
             count(*) filter (where t.first_responded_at > t.first_response_due_at
                                 or (t.first_responded_at is null and t.first_response_due_at <= ${now}))::int as "frMissed",
             count(*) filter (where t.res is not null and t.resolved_at <= t.resolution_due_at)::int as "resMet",
             count(*) filter (where (t.res is not null and t.resolved_at > t.resolution_due_at)
                                 or (t.res is null and t.resolution_due_at <= ${now}))::int as "resMissed"
        from t ${join}
       group by 1, 2
       order by 3 desc, 2`);
  const [total, agents, teams] = await Promise.all([
    measure(sql`null::uuid`, sql`null::text`, sql``),
    measure(sql`t.assignee_staff_id`, sql`s.full_name`, sql`left join staff_users s on s.id = t.assignee_staff_id`),
    measure(sql`t.team_id`, sql`tm.name`, sql`left join teams tm on tm.id = t.team_id`),
  ]);
  const empty: RawTimes = {
    key: null,
    name: null,
    conversations: 0,
    responded: 0,
    frMedian: null,
    frAvg: null,
    resolved: 0,
    resMedian: null,
    resAvg: null,
    frMet: 0,
    frMissed: 0,
    resMet: 0,
    resMissed: 0,
  };
  return {
    totals: row(total.rows[0] ?? empty, 'Tổng cộng'),
    byAgent: agents.rows.map((r) => row(r, 'Chưa phân công')),
    byTeam: teams.rows.map((r) => row(r, 'Chưa có nhóm')),
  };
}

function timesTable(title: string, first: string, rows: ResponseTimeRow[]): CsvTable {
  return csvTable(
    title,
    [
      { header: first, value: (r) => r.name },
      { header: 'Hội thoại', value: (r) => r.conversations },
      { header: 'Đã phản hồi', value: (r) => r.responded },
      { header: 'Phản hồi đầu - trung vị (phút)', value: (r) => r.firstResponseMedianMinutes },
      { header: 'Phản hồi đầu - trung bình (phút)', value: (r) => r.firstResponseAvgMinutes },
      { header: 'Đã xử lý xong', value: (r) => r.resolved },
      { header: 'Thời gian xử lý - trung vị (phút)', value: (r) => r.resolutionMedianMinutes },
      { header: 'Thời gian xử lý - trung bình (phút)', value: (r) => r.resolutionAvgMinutes },
      { header: 'Đạt SLA phản hồi', value: (r) => r.firstResponseSla.met },
      { header: 'Trễ SLA phản hồi', value: (r) => r.firstResponseSla.missed },
      { header: 'Tỉ lệ đạt SLA phản hồi (%)', value: (r) => percent(r.firstResponseSla.rate) },
      { header: 'Đạt SLA xử lý', value: (r) => r.resolutionSla.met },
      { header: 'Trễ SLA xử lý', value: (r) => r.resolutionSla.missed },
      { header: 'Tỉ lệ đạt SLA xử lý (%)', value: (r) => percent(r.resolutionSla.rate) },
    ],
    rows,
  );
}

export function responseTimeTables(data: ResponseTimes): Record<string, CsvTable> {
  return {
    byAgent: timesTable('Thời gian phản hồi theo nhân viên', 'Nhân viên', [...data.byAgent, data.totals]),
    byTeam: timesTable('Thời gian phản hồi theo nhóm', 'Nhóm', [...data.byTeam, data.totals]),
  };
}
