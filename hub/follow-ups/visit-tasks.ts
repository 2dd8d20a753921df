import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import { and, eq, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import {
  appointments,
  contacts,
  followUpRules,
  followUpTasks,
  patients,
  servicePackages,
} from '../../db/schema/index.ts';

/**
 * The after-visit rule, run when a visit is completed: the active rules of the visit's package, or else of its
 * department (the package's department when the booking names none), each make one task due `days_after` clinic days
 * after the completion, for the contact who holds the patient's profile, assigned to the contact's owner if there is
 * one. The unique index on (appointment, kind) makes a replayed event add nothing. Returns the tasks created.
 */
export async function createVisitTasks(tx: DbOrTx, appointmentId: string, timeZone: string): Promise<number> {
  const [visit] = await tx
    .select({
      id: appointments.id,
      status: appointments.status,
      completedAt: appointments.completedAt,
      patientId: appointments.patientId,
      packageId: appointments.packageId,
      departmentId: sql<string | null>`coalesce(${appointments.departmentId}, ${servicePackages.departmentId})`,
      contactId: patients.contactId,
      ownerStaffId: contacts.ownerStaffId,
    })
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .innerJoin(contacts, eq(contacts.id, patients.contactId))
    .leftJoin(servicePackages, eq(servicePackages.id, appointments.packageId))
    .where(eq(appointments.id, appointmentId));
  if (visit?.status !== 'completed' || !visit.completedAt) return 0;

  const scopes = [
    visit.packageId ? eq(followUpRules.packageId, visit.packageId) : undefined,
    visit.departmentId ? eq(followUpRules.departmentId, visit.departmentId) : undefined,
  ].filter((s) => s !== undefined);
  if (scopes.length === 0) return 0;
  const rules = await tx
    .select()
    .from(followUpRules)
    .where(and(eq(followUpRules.active, true), or(...scopes)));
  const byPackage = rules.filter((r) => r.packageId !== null);
  const chosen = byPackage.length > 0 ? byPackage : rules;
  if (chosen.length === 0) return 0;

  const day = new TZDate(visit.completedAt.getTime(), timeZone);
  const created = await tx
    .insert(followUpTasks)
    .values(
      chosen.map((r) => ({
        contactId: visit.contactId,
        patientId: visit.patientId,
        appointmentId: visit.id,
        ruleId: r.id,
        kind: r.kind,
        source: 'visit_rule' as const,
        dueDate: format(addDays(day, r.daysAfter), 'yyyy-MM-dd'),
        note: r.instructions,
        assigneeStaffId: visit.ownerStaffId,
      })),
    )
    .onConflictDoNothing({
      target: [followUpTasks.appointmentId, followUpTasks.kind],
      where: eq(followUpTasks.source, 'visit_rule'),
    })
    .returning({ id: followUpTasks.id });
  return created.length;
}
