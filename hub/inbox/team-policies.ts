import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { staffUsers, teamInboxPolicies, teamMembers, teams } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppDeps } from '../platform/context.ts';
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import { defaultBusinessHours, validateBusinessHours } from './business-hours.ts';
import type { TeamPolicyInputSchema } from './inbox.schemas.ts';

/** Teams with their inbox policy (channels, auto-assignment, SLA, business hours) and members. */
export async function listTeamPolicies(deps: AppDeps) {
  const rows = await deps.db
    .select({ team: teams, policy: teamInboxPolicies })
    .from(teams)
    .leftJoin(teamInboxPolicies, eq(teamInboxPolicies.teamId, teams.id))
    .orderBy(asc(teams.name));
  const members = await deps.db
    .select({
      teamId: teamMembers.teamId,
      staffId: staffUsers.id,
      fullName: staffUsers.fullName,
      role: staffUsers.role,
    })
    .from(teamMembers)
    .innerJoin(staffUsers, eq(staffUsers.id, teamMembers.staffId))
    .orderBy(asc(staffUsers.fullName));
  return rows.map(({ team, policy }) => ({
    teamId: team.id,
    teamName: team.name,
    channels: policy?.channels ?? [],
    autoAssign: policy?.autoAssign ?? false,
    firstResponseMinutes: policy?.firstResponseMinutes ?? 30,
    resolutionMinutes: policy?.resolutionMinutes ?? 1440,
    businessHours: policy?.businessHours ?? defaultBusinessHours,
    members: members.filter((m) => m.teamId === team.id).map(({ teamId: _t, ...m }) => m),
  }));
}

export async function saveTeamPolicy(
  deps: AppDeps,
  teamId: string,
  input: z.output<typeof TeamPolicyInputSchema>,
  actor: Actor,
) {
  const problem = validateBusinessHours(input.businessHours);
  if (problem) throw new ValidationError(problem);
  await deps.db.transaction(async (tx) => {
    const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId));
    if (!team) throw new NotFoundError('Không tìm thấy nhóm');
    const values = { ...input, channels: [...new Set(input.channels)] };
    await tx
      .insert(teamInboxPolicies)
      .values({ teamId, ...values })
      .onConflictDoUpdate({ target: teamInboxPolicies.teamId, set: values });
    await recordAudit(tx, {
      action: 'inbox.team_policy.update',
      actorStaffId: actor.staffId,
      subjectType: 'team',
      subjectId: teamId,
      requestId: actor.requestId,
      detail: {
        channels: values.channels,
        autoAssign: input.autoAssign,
        firstResponseMinutes: input.firstResponseMinutes,
        resolutionMinutes: input.resolutionMinutes,
      },
    });
  });
  return (await listTeamPolicies(deps)).find((p) => p.teamId === teamId)!;
}
