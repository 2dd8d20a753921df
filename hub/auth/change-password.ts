import { and, eq, sql } from 'drizzle-orm';
import { staffUsers } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { AppDeps, StaffPrincipal } from '../platform/context.ts';
import { DomainError, RateLimitedError, UnauthenticatedError } from '../platform/errors.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { passwordAttempts } from './password-attempts.ts';
import { revokeStaffSessions } from './sessions.ts';

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
  ip: string | null;
  requestId: string;
}

const wrongCurrent = () => new DomainError('wrong_current_password', 'Mật khẩu hiện tại không đúng', 400);

/**
 * A signed-in person replaces their own password. The current password is checked against the same failure
 * counter as sign-in; on success every other session of theirs ends, the one making the change stays.
 */
export async function changeOwnPassword(
  deps: AppDeps,
  staff: StaffPrincipal,
  input: ChangePasswordInput,
): Promise<{ revokedSessions: number }> {
  const { db } = deps;
  const attempts = passwordAttempts(deps, staff.email);
  const audit = (outcome: 'failure' | 'denied', reason: string) =>
    recordAudit(db, {
      action: 'auth.password_change',
      outcome,
      actorStaffId: staff.id,
      subjectType: 'staff',
      subjectId: staff.id,
      ip: input.ip,
      requestId: input.requestId,
      detail: { reason, sessionId: staff.sessionId },
    });

  const lockedFor = await attempts.lockedFor();
  if (lockedFor !== null) {
    await audit('denied', 'locked');
    throw new RateLimitedError(lockedFor, 'Nhập sai mật khẩu quá nhiều lần, vui lòng thử lại sau');
  }

  const [user] = await db
    .select({ passwordHash: staffUsers.passwordHash })
    .from(staffUsers)
    .where(eq(staffUsers.id, staff.id))
    .limit(1);
  if (!user) throw new UnauthenticatedError();
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await attempts.recordFailure();
    await audit('failure', 'wrong_password');
    throw wrongCurrent();
  }

  const passwordHash = await hashPassword(input.newPassword);
  const revokedSessions = await db.transaction(async (tx) => {
    // Only replace the hash that was checked: two changes racing cannot both succeed from the same old password.
    const [changed] = await tx
      .update(staffUsers)
      .set({ passwordHash, updatedAt: sql`now()` })
      .where(and(eq(staffUsers.id, staff.id), eq(staffUsers.passwordHash, user.passwordHash)))
      .returning({ id: staffUsers.id });
    if (!changed) return null;
    const revoked = await revokeStaffSessions(tx, staff.id, staff.sessionId);
    await recordAudit(tx, {
      action: 'auth.password_change',
      actorStaffId: staff.id,
      subjectType: 'staff',
      subjectId: staff.id,
      ip: input.ip,
      requestId: input.requestId,
      detail: { sessionId: staff.sessionId, revokedSessions: revoked },
    });
    return revoked;
  });
  if (revokedSessions === null) throw wrongCurrent();
  await attempts.clear();
  return { revokedSessions };
}
