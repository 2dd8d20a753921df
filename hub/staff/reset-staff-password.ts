import { eq, sql } from 'drizzle-orm';
import { staffUsers } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { hashPassword } from '../auth/password.ts';
import { passwordAttempts } from '../auth/password-attempts.ts';
import { revokeStaffSessions } from '../auth/sessions.ts';
import type { AppDeps } from '../platform/context.ts';
import { ConflictError, NotFoundError } from '../platform/errors.ts';
import type { Actor } from './manage-staff.ts';

/**
 * An admin sets a new password for someone else (forgotten password, suspected leak): all of that person's
 * sessions end, and a sign-in lock from earlier wrong guesses is lifted so the new password works at once.
 */
export async function resetStaffPassword(
  deps: AppDeps,
  id: string,
  password: string,
  actor: Actor,
): Promise<{ revokedSessions: number }> {
  if (id === actor.staffId) {
    throw new ConflictError('cannot_reset_self', 'Hãy dùng mục “Đổi mật khẩu” để đổi mật khẩu của chính bạn');
  }
  const passwordHash = await hashPassword(password);
  const { email, revokedSessions } = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(staffUsers)
      .set({ passwordHash, updatedAt: sql`now()` })
      .where(eq(staffUsers.id, id))
      .returning({ email: staffUsers.email });
    if (!row) throw new NotFoundError('Không tìm thấy nhân viên');
    const revoked = await revokeStaffSessions(tx, id);
    await recordAudit(tx, {
      action: 'staff.password_reset',
      actorStaffId: actor.staffId,
      subjectType: 'staff',
      subjectId: id,
      requestId: actor.requestId,
      ip: actor.ip,
      detail: { revokedSessions: revoked },
    });
    return { email: row.email, revokedSessions: revoked };
  });
  await passwordAttempts(deps, email).clear();
  return { revokedSessions };
}
