import type { Processor } from 'bullmq';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../platform/context.ts';
import { jobId } from '../platform/queues.ts';
import { assignWaiting, autoAssignTeams } from './assignment.ts';
import { type InboxEvent, realtime } from './realtime.ts';

/** The inbox clocks run every 30 seconds, registered once as a job scheduler (idempotent across replicas). */
export async function scheduleInbox(deps: AppDeps): Promise<void> {
  await deps.queues.inbox.upsertJobScheduler(
    jobId.inboxScheduler('timers'),
    { every: 30_000 },
    { name: 'inbox-timers', data: {} },
  );
}

interface Row extends Record<string, unknown> {
  id: string;
  status: string;
  assignee_staff_id: string | null;
  team_id: string | null;
}

/**
 * Flags SLA breaches (first response not given / not resolved by the due time), wakes snoozed conversations whose
 * time has come, and sweeps every auto-assigning team's queue (agents who came back, capacity raised).
 */
export async function runInboxTimers(deps: AppDeps) {
  const events: InboxEvent[] = [];
  const firstResponse = await deps.db.execute<Row>(sql`
    update conversations set first_response_breached_at = now()
     where first_response_due_at < now() and first_responded_at is null and first_response_breached_at is null
       and status <> 'resolved'
     returning id, status, assignee_staff_id, team_id`);
  const resolution = await deps.db.execute<Row>(sql`
    update conversations set resolution_breached_at = now()
     where resolution_due_at < now() and resolved_at is null and resolution_breached_at is null
       and status <> 'resolved'
     returning id, status, assignee_staff_id, team_id`);
  for (const r of firstResponse.rows)
    events.push({ type: 'conversation.sla_breached', conversationId: r.id, which: 'first_response' });
  for (const r of resolution.rows)
    events.push({ type: 'conversation.sla_breached', conversationId: r.id, which: 'resolution' });
  const woken = await deps.db.execute<Row>(sql`
    update conversations set status = 'open', snoozed_until = null,
           waiting_since = case when assignee_staff_id is null then now() else null end
     where status = 'snoozed' and snoozed_until <= now()
     returning id, status, assignee_staff_id, team_id`);
  for (const r of woken.rows) {
    events.push({
      type: 'conversation.updated',
      conversationId: r.id,
      status: r.status,
      assigneeStaffId: r.assignee_staff_id,
      teamId: r.team_id,
    });
  }
  await realtime(deps).publish(events);
  let assigned = 0;
  for (const teamId of await autoAssignTeams(deps)) assigned += await assignWaiting(deps, teamId);
  return {
    firstResponseBreaches: firstResponse.rows.length,
    resolutionBreaches: resolution.rows.length,
    woken: woken.rows.length,
    assigned,
  };
}

export function inboxProcessor(deps: AppDeps): Processor {
  return async (job) => {
    if (job.name !== 'inbox-timers') throw new Error(`unknown inbox job ${job.name}`);
    return runInboxTimers(deps);
  };
}
