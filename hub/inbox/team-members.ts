import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { staffUsers, teamMembers, teams } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { can } from '../auth/permissions.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppDeps } from '../platform/context.ts';
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import { listAgents } from './assignment.ts';
import { listTeamPolicies } from './team-policies.ts';

/**
 * Sets who answers a team's conversations. Only active staff whose role may reply can join: round-robin would
 * otherwise hand conversations to someone who cannot answer them. People already in the team (a marketer in the
 * marketing team) may stay; assignment skips those who cannot reply anyway.
 */
export async function setTeamMembers(deps: AppDeps, teamId: string, staffIds: readonly string[], actor: Actor) {
  const wanted = [...new Set(staffIds)];
  await deps.db.transaction(async (tx) => {
    const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).for('update');
    if (!team) throw new NotFoundError('Không tìm thấy nhóm', 'team_not_found');
    const before = await tx
      .select({ staffId: teamMembers.staffId })
      .from(teamMembers)
      .where(eq(teamMembers.teamId, teamId));
    const had = new Set(before.map((b) => b.staffId));
    const people = wanted.length
      ? await tx
          .select({ id: staffUsers.id, role: staffUsers.role, active: staffUsers.active })
          .from(staffUsers)
          .where(inArray(staffUsers.id, wanted))
      : [];
    const refused = wanted.filter((id) => {
      const s = people.find((p) => p.id === id);
      return !s || (!had.has(id) && (!s.active || !can(s.role, 'inbox.reply')));
    });
    if (refused.length) {
      throw new ValidationError('Chỉ thêm được nhân viên đang hoạt động và được trả lời hộp thư vào nhóm', {
        staffIds: refused,
      });
    }
    await tx
      .delete(teamMembers)
      .where(
        wanted.length
          ? and(eq(teamMembers.teamId, teamId), notInArray(teamMembers.staffId, wanted))
          : eq(teamMembers.teamId, teamId),
      );
    if (wanted.length) {
      await tx
        .insert(teamMembers)
        .values(wanted.map((staffId) => ({ teamId, staffId })))
        .onConflictDoNothing();
    }
    await recordAudit(tx, {
      action: 'inbox.team_members.update',
      actorStaffId: actor.staffId,
      subjectType: 'team',
      subjectId: teamId,
      requestId: actor.requestId,
      ip: actor.ip,
      detail: {
        added: wanted.filter((id) => !had.has(id)),
        removed: [...had].filter((id) => !wanted.includes(id)),
      },
    });
  });
  return (await listTeamPolicies(deps)).find((p) => p.teamId === teamId)!;
}

/** How many open conversations round-robin may give one agent at a time. */
export async function setAgentCapacity(deps: AppDeps, staffId: string, capacity: number, actor: Actor) {
  await deps.db.transaction(async (tx) => {
    const [s] = await tx
      .select({ role: staffUsers.role, capacity: staffUsers.capacity, active: staffUsers.active })
      .from(staffUsers)
      .where(eq(staffUsers.id, staffId))
      .for('update');
    if (!s?.active || !can(s.role, 'inbox.reply'))
      throw new NotFoundError('Không tìm thấy nhân viên hộp thư', 'agent_not_found');
    await tx.update(staffUsers).set({ capacity, updatedAt: new Date() }).where(eq(staffUsers.id, staffId));
    await recordAudit(tx, {
      action: 'inbox.agent_capacity.update',
      actorStaffId: actor.staffId,
      subjectType: 'staff',
      subjectId: staffId,
      requestId: actor.requestId,
      ip: actor.ip,
      detail: { from: s.capacity, to: capacity },
    });
  });
  const agent = (await listAgents(deps)).find((a) => a.staffId === staffId);
  if (!agent) throw new NotFoundError('Không tìm thấy nhân viên hộp thư', 'agent_not_found');
  return agent;
}
