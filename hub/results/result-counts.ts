import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { results } from '../../db/schema/index.ts';

// Correlated counts for result lists (one row per result, no join fan-out).

export const abnormalCount = sql<number>`(select count(*)::int from result_observations o
  where o.result_id = ${results.id} and o.flag is not null and btrim(o.flag) <> '' and upper(btrim(o.flag)) <> 'N')`;

export const previewCount = sql<number>`(select count(*)::int from imaging_previews p
  join imaging_studies s on s.id = p.study_id where s.result_id = ${results.id})`;

/**
 * The instant lists sort on: when the source reported the result, else when it arrived; truncated to milliseconds,
 * the precision the page cursor carries (hub/platform/cursor.ts).
 */
export const resultSortAt = sql<Date>`date_trunc('milliseconds', coalesce(${results.reportedAt}, ${results.createdAt}))`;

/** `(sort key, id) < cursor`, for newest-first pages. */
export const beforeCursor = (sortKey: SQL, id: SQL | AnyColumn, after: { at: Date; id: string }) =>
  sql`(${sortKey}, ${id}) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`;

/** `(sort key, id) > cursor`, for oldest-first pages. */
export const afterCursor = (sortKey: SQL, id: SQL | AnyColumn, after: { at: Date; id: string }) =>
  sql`(${sortKey}, ${id}) > (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`;
