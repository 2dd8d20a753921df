import { sql } from 'drizzle-orm';
import type { AppDeps } from '../platform/context.ts';
import { maskPhone } from '../platform/logger.ts';
import type { SegmentFilter } from './campaigns.schemas.ts';
import { consentGranted, segmentCondition } from './segment-filter.ts';

export async function countSegment(deps: AppDeps, filter: SegmentFilter): Promise<number> {
  const r = await deps.db.execute<{ n: number }>(
    sql`select count(*)::int as n from contacts c where ${segmentCondition(filter, deps.config.CLINIC_TIMEZONE)}`,
  );
  return r.rows[0]?.n ?? 0;
}

/** The live count while a marketer edits a filter: the audience, how many agreed per channel, and a few names. */
export async function previewSegment(deps: AppDeps, filter: SegmentFilter) {
  const where = segmentCondition(filter, deps.config.CLINIC_TIMEZONE);
  const [counts, sample] = await Promise.all([
    deps.db.execute<{ n: number; zns: number; sms: number; email: number; zalo_oa: number }>(sql`
      select count(*)::int as n,
             count(*) filter (where ${consentGranted('zns')})::int as zns,
             count(*) filter (where ${consentGranted('sms')})::int as sms,
             count(*) filter (where ${consentGranted('email')})::int as email,
             count(*) filter (where ${consentGranted('zalo_oa')})::int as zalo_oa
        from contacts c where ${where}`),
    deps.db.execute<{ id: string; name: string; phone: string | null }>(sql`
      select c.id, coalesce(c.display_name, c.full_name) as name, c.phone
        from contacts c where ${where} order by c.last_interaction_at desc nulls last, c.id limit 10`),
  ]);
  const c = counts.rows[0]!;
  return {
    count: c.n,
    withConsent: { zns: c.zns, sms: c.sms, email: c.email, zalo_oa: c.zalo_oa },
    sample: sample.rows.map((s) => ({
      contactId: s.id,
      displayName: s.name,
      phoneMasked: s.phone ? maskPhone(s.phone) : null,
    })),
  };
}
