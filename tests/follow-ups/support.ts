import type { Db } from '../../db/client.ts';
import { appointments, branches } from '../../db/schema/index.ts';

/**
 * A visit at the first branch that began half an hour ago and is checked in: the front desk can complete it now,
 * which is what makes after-visit tasks. Returns the appointment's id.
 */
export async function insertCheckedInVisit(
  db: Db,
  v: { patientId: string; bookingCode: string; departmentId?: string | null; packageId?: string | null },
): Promise<string> {
  const [branch] = await db.select({ id: branches.id }).from(branches).limit(1);
  const startsAt = new Date(Date.now() - 30 * 60_000);
  const [a] = await db
    .insert(appointments)
    .values({
      bookingCode: v.bookingCode,
      patientId: v.patientId,
      branchId: branch!.id,
      departmentId: v.departmentId ?? null,
      packageId: v.packageId ?? null,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 20 * 60_000),
      status: 'checked_in',
      sourceChannel: 'hotline',
      confirmedAt: startsAt,
      checkedInAt: startsAt,
    })
    .returning({ id: appointments.id });
  return a!.id;
}
