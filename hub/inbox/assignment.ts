import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  agentInboxState,
  conversations,
  staffUsers,
  teamInboxPolicies,
  teamMembers,
  teams,
} from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { can } from '../auth/permissions.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppDeps } from '../platform/context.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts';
import type { Effects } from './effects.ts';
import { presenceOf } from './presence.ts';
import { type InboxEvent, realtime } from './realtime.ts';

/** Statuses that take a seat of an agent's capacity. */
const activeStatuses = ['open', 'pending'] as const;

export interface AgentLoad {
  staffId: string;
  fullName: string;
  role: string;
  capacity: number;
  active: number;
  lastAssignedAt: Date | null;
}

/** Members of a team who answer the inbox, with their current load. */
async function teamAgents(deps: AppDeps, teamId: string): Promise<AgentLoad[]> {
  const rows = await deps.db
    .select({
      staffId: staffUsers.id,
      fullName: staffUsers.fullName,
      role: staffUsers.role,
      capacity: staffUsers.capacity,
      lastAssignedAt: agentInboxState.lastAssignedAt,
      active: sql<number>`(select count(*)::int from conversations c
        where c.assignee_staff_id = ${staffUsers.id} and c.status in ('open', 'pending'))`,
    })
    .from(teamMembers)
    .innerJoin(staffUsers, eq(staffUsers.id, teamMembers.staffId))
    .leftJoin(agentInboxState, eq(agentInboxState.staffId, staffUsers.id))
    .where(and(eq(teamMembers.teamId, teamId), eq(staffUsers.active, true)));
  return rows.filter((r) => can(r.role, 'inbox.reply'));
}

/**
 * Round-robin: gives the team's waiting conversations, oldest first, to its online agents with a free seat, the one
 * assigned least recently first. Serialised per team by an advisory lock; audited as the system's decision.
 */
export async function assignWaiting(deps: AppDeps, teamId: string): Promise<number> {
  const [policy] = await deps.db
    .select({ autoAssign: teamInboxPolicies.autoAssign })
    .from(teamInboxPolicies)
    .where(eq(teamInboxPolicies.teamId, teamId));
  if (!policy?.autoAssign) return 0;
  const agents = await teamAgents(deps, teamId);
  const presence = await presenceOf(
    deps,
    agents.map((a) => a.staffId),
  );
  // nobody online with a free seat: nothing to do, and no lock taken
  if (!agents.some((a) => presence.get(a.staffId)?.online && a.active < a.capacity)) return 0;
  const events: InboxEvent[] = [];
  const assigned = await deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`inbox-assign:${teamId}`}))`);
    // loads re-read under the lock: another replica may just have assigned
    const fresh = await tx
      .select({ staffId: conversations.assigneeStaffId, n: sql<number>`count(*)::int` })
      .from(conversations)
      .where(
        and(
          inArray(
            conversations.assigneeStaffId,
            agents.map((a) => a.staffId).concat('00000000-0000-0000-0000-000000000000'),
          ),
          inArray(conversations.status, [...activeStatuses]),
        ),
      )
      .groupBy(conversations.assigneeStaffId);
    const load = new Map(fresh.map((f) => [f.staffId!, f.n]));
    const online = agents.filter((a) => presence.get(a.staffId)?.online && (load.get(a.staffId) ?? 0) < a.capacity);
    const free = online.reduce((s, a) => s + a.capacity - (load.get(a.staffId) ?? 0), 0);
    if (free === 0) return 0;
    const waiting = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(eq(conversations.teamId, teamId), isNull(conversations.assigneeStaffId), eq(conversations.status, 'open')),
      )
      .orderBy(asc(conversations.waitingSince), asc(conversations.createdAt))
      .limit(free)
      .for('update', { skipLocked: true });
    let n = 0;
    let clock = Date.now();
    for (const w of waiting) {
      const next = online
        .filter((a) => (load.get(a.staffId) ?? 0) < a.capacity)
        .sort(
          (a, b) =>
            (a.lastAssignedAt?.getTime() ?? 0) - (b.lastAssignedAt?.getTime() ?? 0) ||
            a.staffId.localeCompare(b.staffId),
        )[0];
      if (!next) break;
      const at = new Date(clock++);
      await tx
        .update(conversations)
        .set({ assigneeStaffId: next.staffId, assignedAt: at, waitingSince: null })
        .where(eq(conversations.id, w.id));
      await tx
        .insert(agentInboxState)
        .values({ staffId: next.staffId, lastAssignedAt: at })
        .onConflictDoUpdate({ target: agentInboxState.staffId, set: { lastAssignedAt: at } });
      next.lastAssignedAt = at;
      load.set(next.staffId, (load.get(next.staffId) ?? 0) + 1);
      await recordAudit(tx, {
        action: 'inbox.conversation.assign',
        actorKind: 'system',
        subjectType: 'conversation',
        subjectId: w.id,
        detail: { assigneeStaffId: next.staffId, teamId, mode: 'round_robin' },
      });
      events.push({
        type: 'assignment.changed',
        conversationId: w.id,
        assigneeStaffId: next.staffId,
        previousAssigneeStaffId: null,
        teamId,
      });
      n++;
    }
    return n;
  });
  await realtime(deps).publish(events);
  return assigned;
}

/** Every team with automatic assignment on (the sweep runs them all). */
export async function autoAssignTeams(deps: AppDeps): Promise<string[]> {
  const rows = await deps.db
    .select({ teamId: teamInboxPolicies.teamId })
    .from(teamInboxPolicies)
    .where(eq(teamInboxPolicies.autoAssign, true));
  return rows.map((r) => r.teamId);
}

/**
 * Manual (re)assignment. A supervisor (inbox.assign) may give any conversation to anyone who answers the inbox,
 * beyond capacity; an agent may only take an unassigned conversation for themselves. Audited.
 */
export async function assignConversation(
  deps: AppDeps,
  conversationId: string,
  input: { assigneeStaffId: string | null; teamId?: string | null },
  actor: Actor & { role: Parameters<typeof can>[0] },
  effects: Effects,
): Promise<void> {
  const supervisor = can(actor.role, 'inbox.assign');
  await deps.db.transaction(async (tx) => {
    const [conv] = await tx.select().from(conversations).where(eq(conversations.id, conversationId)).for('update');
    if (!conv) throw new NotFoundError('Không tìm thấy hội thoại', 'conversation_not_found');
    if (!supervisor) {
      const selfTake = input.assigneeStaffId === actor.staffId && input.teamId === undefined;
      if (!selfTake) throw new ForbiddenError('Chỉ giám sát viên mới được phân công cho người khác');
      if (conv.assigneeStaffId && conv.assigneeStaffId !== actor.staffId) {
        throw new ConflictError('conversation_taken', 'Hội thoại đã có người phụ trách', {
          assigneeStaffId: conv.assigneeStaffId,
        });
      }
    }
    if (input.assigneeStaffId) {
      const [s] = await tx
        .select({ id: staffUsers.id, role: staffUsers.role, active: staffUsers.active })
        .from(staffUsers)
        .where(eq(staffUsers.id, input.assigneeStaffId));
      if (!s?.active || !can(s.role, 'inbox.reply')) {
        throw new ValidationError('Người được phân công không trả lời hộp thư được');
      }
    }
    const teamId = input.teamId === undefined ? conv.teamId : input.teamId;
    if (teamId && teamId !== conv.teamId) {
      const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId));
      if (!team) throw new ValidationError('Nhóm không tồn tại');
    }
    const now = new Date();
    await tx
      .update(conversations)
      .set({
        assigneeStaffId: input.assigneeStaffId,
        teamId,
        assignedAt: input.assigneeStaffId ? now : null,
        waitingSince: input.assigneeStaffId ? null : conv.status === 'open' ? (conv.waitingSince ?? now) : null,
      })
      .where(eq(conversations.id, conversationId));
    await recordAudit(tx, {
      action: 'inbox.conversation.assign',
      actorStaffId: actor.staffId,
      subjectType: 'conversation',
      subjectId: conversationId,
      requestId: actor.requestId,
      ip: actor.ip,
      detail: {
        assigneeStaffId: input.assigneeStaffId,
        previousAssigneeStaffId: conv.assigneeStaffId,
        teamId,
        mode: supervisor ? 'manual' : 'self',
      },
    });
    effects.events.push({
      type: 'assignment.changed',
      conversationId,
      assigneeStaffId: input.assigneeStaffId,
      previousAssigneeStaffId: conv.assigneeStaffId,
      teamId,
    });
    // the previous assignee has a free seat now, and an unassigned conversation waits in its team's queue
    if (conv.teamId) effects.assignTeams.add(conv.teamId);
    if (teamId) effects.assignTeams.add(teamId);
  });
}

/** Agents of the inbox with presence and load, for the supervisor's view and the assignment picker. */
export async function listAgents(deps: AppDeps) {
  const rows = await deps.db
    .select({
      staffId: staffUsers.id,
      fullName: staffUsers.fullName,
      role: staffUsers.role,
      capacity: staffUsers.capacity,
      teamIds: sql<
        string[]
      >`coalesce(array_agg(${teamMembers.teamId}) filter (where ${teamMembers.teamId} is not null), '{}')`,
      active: sql<number>`(select count(*)::int from conversations c
        where c.assignee_staff_id = ${staffUsers.id} and c.status in ('open', 'pending'))`,
    })
    .from(staffUsers)
    .leftJoin(teamMembers, eq(teamMembers.staffId, staffUsers.id))
    .where(eq(staffUsers.active, true))
    .groupBy(staffUsers.id)
    .orderBy(asc(staffUsers.fullName));
  const agents = rows.filter((r) => can(r.role, 'inbox.reply'));
  const presence = await presenceOf(
    deps,
    agents.map((a) => a.staffId),
  );
  return agents.map((a) => {
    const p = presence.get(a.staffId)!;
    return {
      staffId: a.staffId,
      fullName: a.fullName,
      role: a.role,
      teamIds: a.teamIds,
      capacity: a.capacity,
      activeConversations: a.active,
      availability: p.availability,
      connected: p.connected,
      online: p.online,
    };
  });
}

/** Teams a staff member belongs to (their presence change may let those teams' queues move). */
export async function teamsOf(deps: AppDeps, staffId: string): Promise<string[]> {
  const rows = await deps.db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.staffId, staffId));
  return rows.map((r) => r.teamId);
}
