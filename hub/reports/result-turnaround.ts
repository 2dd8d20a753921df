import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { OrderKind } from '../../db/schema/index.ts';
import { type CsvTable, csvTable } from './csv.ts';
import { round1 } from './figures.ts';
import type { ReportRange } from './report-range.ts';

export interface TurnaroundRow {
  kind: OrderKind;
  orders: number;
  released: number;
  medianHours: number | null;
  avgHours: number | null;
  p90Hours: number | null;
}

export interface ResultTurnaround {
  byKind: TurnaroundRow[];
}

export const orderKindLabel: Record<OrderKind, string> = { lab: 'Xét nghiệm', imaging: 'Chẩn đoán hình ảnh' };

/**
 * Orders placed in the period (not cancelled) and how long their results took from order to release to the patient,
 * in hours. With a branch, only orders of a visit at that branch count.
 */
export async function resultTurnaround(db: DbOrTx, range: ReportRange): Promise<ResultTurnaround> {
  const branch = range.branchId
    ? sql`and exists (select 1 from appointments a where a.id = o.appointment_id and a.branch_id = ${range.branchId})`
    : sql``;
  const { rows } = await db.execute<{
    kind: OrderKind;
    orders: number;
    released: number;
    median: number | null;
    avg: number | null;
    p90: number | null;
  }>(sql`
    with t as (
      select o.kind, extract(epoch from r.released_to_patient_at - o.placed_at) / 3600 as hours
        from orders o left join results r on r.order_id = o.id
       where o.status <> 'cancelled' and o.placed_at >= ${range.start} and o.placed_at < ${range.end} ${branch}
    )
    select kind::text as kind, count(*)::int as orders, count(hours)::int as released,
           percentile_cont(0.5) within group (order by hours) as median, avg(hours)::float8 as avg,
           percentile_cont(0.9) within group (order by hours) as p90
      from t group by kind order by kind`);
  return {
    byKind: rows.map((r) => ({
      kind: r.kind,
      orders: r.orders,
      released: r.released,
      medianHours: round1(r.median),
      avgHours: round1(r.avg),
      p90Hours: round1(r.p90),
    })),
  };
}

export function resultTurnaroundTables(data: ResultTurnaround): Record<string, CsvTable> {
  return {
    byKind: csvTable(
      'Thời gian trả kết quả (từ chỉ định đến khi trả cho người bệnh)',
      [
        { header: 'Loại', value: (r) => orderKindLabel[r.kind] },
        { header: 'Chỉ định', value: (r) => r.orders },
        { header: 'Đã trả kết quả', value: (r) => r.released },
        { header: 'Trung vị (giờ)', value: (r) => r.medianHours },
        { header: 'Trung bình (giờ)', value: (r) => r.avgHours },
        { header: 'Bách phân vị 90 (giờ)', value: (r) => r.p90Hours },
      ],
      data.byKind,
    ),
  };
}
