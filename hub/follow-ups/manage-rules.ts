import { eq, sql } from 'drizzle-orm';
import { departments, followUpRules, servicePackages } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { AppDeps } from '../platform/context.ts';
import { NotFoundError } from '../platform/errors.ts';
import type { StaffActor } from './follow-up-actor.ts';
import type { CreateFollowUpRuleInput } from './follow-ups.schemas.ts';

export async function listFollowUpRules(deps: AppDeps) {
  const rows = await deps.db
    .select({
      r: followUpRules,
      scopeName: sql<string>`coalesce(${servicePackages.name}, ${departments.name}, '')`,
    })
    .from(followUpRules)
    .leftJoin(servicePackages, eq(servicePackages.id, followUpRules.packageId))
    .leftJoin(departments, eq(departments.id, followUpRules.departmentId))
    .where(eq(followUpRules.active, true))
    .orderBy(followUpRules.createdAt);
  return rows.map(({ r, scopeName }) => ({
    id: r.id,
    packageId: r.packageId,
    departmentId: r.departmentId,
    scopeName,
    kind: r.kind,
    daysAfter: r.daysAfter,
    instructions: r.instructions,
    active: r.active,
  }));
}

export async function createFollowUpRule(deps: AppDeps, input: CreateFollowUpRuleInput, actor: StaffActor) {
  const id = await deps.db.transaction(async (tx) => {
    if (input.packageId) {
      const [p] = await tx
        .select({ id: servicePackages.id })
        .from(servicePackages)
        .where(eq(servicePackages.id, input.packageId));
      if (!p) throw new NotFoundError('Không tìm thấy gói khám', 'package_not_found');
    }
    if (input.departmentId) {
      const [d] = await tx
        .select({ id: departments.id })
        .from(departments)
        .where(eq(departments.id, input.departmentId));
      if (!d) throw new NotFoundError('Không tìm thấy chuyên khoa', 'department_not_found');
    }
    const [row] = await tx
      .insert(followUpRules)
      .values({
        packageId: input.packageId ?? null,
        departmentId: input.departmentId ?? null,
        kind: input.kind,
        daysAfter: input.daysAfter,
        instructions: input.instructions ?? null,
        createdByStaffId: actor.staffId,
      })
      .returning({ id: followUpRules.id });
    await recordAudit(tx, {
      action: 'follow_up.rule_create',
      actorStaffId: actor.staffId,
      subjectType: 'follow_up_rule',
      subjectId: row!.id,
      ip: actor.ip,
      requestId: actor.requestId,
      detail: { packageId: input.packageId ?? null, departmentId: input.departmentId ?? null, days: input.daysAfter },
    });
    return row!.id;
  });
  return (await listFollowUpRules(deps)).find((r) => r.id === id)!;
}

/** Rules are switched off, not deleted: tasks they made keep pointing at them. */
export async function disableFollowUpRule(deps: AppDeps, id: string, actor: StaffActor): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const done = await tx
      .update(followUpRules)
      .set({ active: false })
      .where(eq(followUpRules.id, id))
      .returning({ id: followUpRules.id });
    if (done.length === 0) throw new NotFoundError('Không tìm thấy quy tắc', 'rule_not_found');
    await recordAudit(tx, {
      action: 'follow_up.rule_disable',
      actorStaffId: actor.staffId,
      subjectType: 'follow_up_rule',
      subjectId: id,
      ip: actor.ip,
      requestId: actor.requestId,
    });
  });
}
