import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { staffUsers } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { hashPassword } from '../auth/password.ts';
import { revokeStaffSessions } from '../auth/sessions.ts';
import type { AppDeps } from '../platform/context.ts';
import { ConflictError, NotFoundError } from '../platform/errors.ts';
import type { CreateStaffSchema, StaffSchema, UpdateStaffSchema } from './staff.schemas.ts';

type Staff = z.infer<typeof StaffSchema>;
export type Actor = { staffId: string; requestId: string; ip: string | null };

const columns = {
  id: staffUsers.id,
  email: staffUsers.email,
  fullName: staffUsers.fullName,
  role: staffUsers.role,
  active: staffUsers.active,
  capacity: staffUsers.capacity,
  lastSignInAt: staffUsers.lastSignInAt,
  createdAt: staffUsers.createdAt,
};

const toStaff = (r: { lastSignInAt: Date | null; createdAt: Date } & Omit<Staff, 'lastSignInAt' | 'createdAt'>) => ({
  ...r,
  lastSignInAt: r.lastSignInAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

export async function listStaff(deps: AppDeps): Promise<Staff[]> {
  const rows = await deps.db.select(columns).from(staffUsers).orderBy(asc(staffUsers.role), asc(staffUsers.fullName));
  return rows.map(toStaff);
}

export async function createStaff(
  deps: AppDeps,
  input: z.infer<typeof CreateStaffSchema>,
  actor: Actor,
): Promise<Staff> {
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(staffUsers)
      .values({
        email: input.email.toLowerCase(),
        fullName: input.fullName,
        role: input.role,
        passwordHash,
        capacity: input.capacity,
      })
      .onConflictDoNothing()
      .returning(columns);
    if (!row) throw new ConflictError('email_taken', 'Email này đã có tài khoản');
    await recordAudit(tx, {
      action: 'staff.create',
      actorStaffId: actor.staffId,
      subjectType: 'staff',
      subjectId: row.id,
      requestId: actor.requestId,
      ip: actor.ip,
      detail: { role: row.role },
    });
    return toStaff(row);
  });
}

/** Changing a role or disabling an account also ends that person's open sessions. */
export async function updateStaff(
  deps: AppDeps,
  id: string,
  input: z.infer<typeof UpdateStaffSchema>,
  actor: Actor,
): Promise<Staff> {
  const demotes = input.role !== undefined || input.active === false;
  if (id === actor.staffId && demotes) {
    throw new ConflictError('cannot_change_self', 'Bạn không thể tự đổi vai trò hoặc khoá tài khoản của chính mình');
  }
  return deps.db.transaction(async (tx) => {
    // Lock the active admins first so two admins demoting each other at once cannot leave none.
    await tx
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(and(eq(staffUsers.role, 'admin'), eq(staffUsers.active, true)))
      .for('update');
    const [row] = await tx
      .update(staffUsers)
      .set({ ...input, updatedAt: sql`now()` })
      .where(eq(staffUsers.id, id))
      .returning(columns);
    if (!row) throw new NotFoundError('Không tìm thấy nhân viên');
    const [admins] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(staffUsers)
      .where(and(eq(staffUsers.role, 'admin'), eq(staffUsers.active, true)));
    if (!admins?.n) throw new ConflictError('last_admin', 'Phải còn ít nhất một quản trị viên đang hoạt động');
    if (demotes) {
      await revokeStaffSessions(tx, id);
    }
    await recordAudit(tx, {
      action: 'staff.update',
      actorStaffId: actor.staffId,
      subjectType: 'staff',
      subjectId: id,
      requestId: actor.requestId,
      ip: actor.ip,
      detail: { ...input },
    });
    return toStaff(row);
  });
}
