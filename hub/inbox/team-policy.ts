import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import { and, asc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { type Channel, daysOff, teamInboxPolicies, teams } from '../../db/schema/index.ts';
import { addBusinessMinutes } from './business-hours.ts';

type Policy = typeof teamInboxPolicies.$inferSelect;

/** The team whose policy lists this channel (the first by name when several do); null when none does. */
export async function teamForChannel(tx: DbOrTx, channel: Channel): Promise<Policy | null> {
  const [row] = await tx
    .select({ p: teamInboxPolicies })
    .from(teamInboxPolicies)
    .innerJoin(teams, eq(teams.id, teamInboxPolicies.teamId))
    .where(sql`${channel}::channel = any(${teamInboxPolicies.channels})`)
    .orderBy(asc(teams.name))
    .limit(1);
  return row?.p ?? null;
}

export async function policyOf(tx: DbOrTx, teamId: string | null): Promise<Policy | null> {
  if (!teamId) return null;
  const [p] = await tx.select().from(teamInboxPolicies).where(eq(teamInboxPolicies.teamId, teamId));
  return p ?? null;
}

const day = (at: Date, tz: string, plusDays = 0) =>
  format(addDays(new TZDate(at.getTime(), tz), plusDays), 'yyyy-MM-dd');

/** Clinic-wide closed dates (public holidays, closures) from `start` to `end` (yyyy-MM-dd, both included). */
async function closedDatesBetween(tx: DbOrTx, start: string, end: string): Promise<string[]> {
  const rows = await tx
    .select({ date: daysOff.date })
    .from(daysOff)
    .where(
      and(
        isNull(daysOff.branchId),
        isNull(daysOff.doctorId),
        inArray(daysOff.kind, ['public_holiday', 'clinic_closure']),
        gte(daysOff.date, start),
        lte(daysOff.date, end),
      ),
    );
  return rows.map((r) => r.date);
}

type Due = { firstResponseDueAt: Date | null; resolutionDueAt: Date | null };

/** First-response and resolution due times of a conversation opened at `from`, over the team's business hours. */
export async function slaDue(tx: DbOrTx, policy: Policy | null, from: Date, tz: string): Promise<Due> {
  return (await slaDueEach(tx, policy, [from], tz))[0]!;
}

/**
 * Due times for several conversations of one team opened at once (an inbound batch): one read of the closed dates
 * covering them all, each due time computed over the 60 days after its own opening.
 */
export async function slaDueEach(tx: DbOrTx, policy: Policy | null, froms: Date[], tz: string): Promise<Due[]> {
  if (!policy || froms.length === 0) return froms.map(() => ({ firstResponseDueAt: null, resolutionDueAt: null }));
  const times = froms.map((f) => f.getTime());
  const all = await closedDatesBetween(
    tx,
    day(new Date(Math.min(...times)), tz),
    day(new Date(Math.max(...times)), tz, 60),
  );
  return froms.map((from) => {
    const start = day(from, tz);
    const end = day(from, tz, 60);
    const closed = new Set(all.filter((d) => d >= start && d <= end));
    return {
      firstResponseDueAt: addBusinessMinutes(from, policy.firstResponseMinutes, policy.businessHours, closed, tz),
      resolutionDueAt: addBusinessMinutes(from, policy.resolutionMinutes, policy.businessHours, closed, tz),
    };
  });
}
