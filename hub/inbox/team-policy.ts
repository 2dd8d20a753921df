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

/** Clinic-wide closed dates (public holidays, closures) from `from` for the next `days`, as yyyy-MM-dd. */
async function closedDates(tx: DbOrTx, from: Date, tz: string, days: number): Promise<Set<string>> {
  const start = format(new TZDate(from.getTime(), tz), 'yyyy-MM-dd');
  const end = format(addDays(new TZDate(from.getTime(), tz), days), 'yyyy-MM-dd');
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
  return new Set(rows.map((r) => r.date));
}

/** First-response and resolution due times of a conversation opened at `from`, over the team's business hours. */
export async function slaDue(
  tx: DbOrTx,
  policy: Policy | null,
  from: Date,
  tz: string,
): Promise<{ firstResponseDueAt: Date | null; resolutionDueAt: Date | null }> {
  if (!policy) return { firstResponseDueAt: null, resolutionDueAt: null };
  const closed = await closedDates(tx, from, tz, 60);
  return {
    firstResponseDueAt: addBusinessMinutes(from, policy.firstResponseMinutes, policy.businessHours, closed, tz),
    resolutionDueAt: addBusinessMinutes(from, policy.resolutionMinutes, policy.businessHours, closed, tz),
  };
}
