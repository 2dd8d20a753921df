import { eq, sql } from 'drizzle-orm';
import { staffUsers } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { AppDeps, StaffPrincipal } from '../platform/context.ts';
import { DomainError, RateLimitedError } from '../platform/errors.ts';
import { decoyHash, verifyPassword } from './password.ts';
import { passwordAttempts } from './password-attempts.ts';
import { createSession } from './sessions.ts';

export interface SignInInput {
  email: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string;
}

export interface SignInResult {
  token: string;
  expiresAt: Date;
  staff: StaffPrincipal;
}

/**
 * Checks the password, locks an email after repeated failures, and opens a session. The answer to a wrong
 * email and to a wrong password is the same, and takes as long.
 */
export async function signIn(deps: AppDeps, input: SignInInput): Promise<SignInResult> {
  const { db, config } = deps;
  const email = input.email.trim().toLowerCase();
  const attempts = passwordAttempts(deps, email);

  const lockedFor = await attempts.lockedFor();
  if (lockedFor !== null) {
    await recordAudit(db, {
      action: 'auth.sign_in',
      outcome: 'denied',
      ip: input.ip,
      requestId: input.requestId,
      detail: { reason: 'locked' },
    });
    throw new RateLimitedError(lockedFor, 'Tài khoản tạm khoá do đăng nhập sai nhiều lần, vui lòng thử lại sau');
  }

  const [user] = await db
    .select()
    .from(staffUsers)
    .where(eq(sql`lower(${staffUsers.email})`, email))
    .limit(1);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));

  if (!user || !ok || !user.active) {
    await attempts.recordFailure();
    await recordAudit(db, {
      action: 'auth.sign_in',
      outcome: 'failure',
      actorStaffId: user?.id ?? null,
      ip: input.ip,
      requestId: input.requestId,
      detail: { reason: !user ? 'unknown_email' : !ok ? 'wrong_password' : 'disabled' },
    });
    throw new DomainError('invalid_credentials', 'Email hoặc mật khẩu không đúng', 401);
  }

  await attempts.clear();
  const session = await createSession(
    db,
    user.id,
    { ttlHours: config.SESSION_TTL_HOURS, idleMinutes: config.SESSION_IDLE_MINUTES },
    { ip: input.ip, userAgent: input.userAgent },
  );
  await db.update(staffUsers).set({ lastSignInAt: sql`now()` }).where(eq(staffUsers.id, user.id));
  await recordAudit(db, {
    action: 'auth.sign_in',
    actorStaffId: user.id,
    ip: input.ip,
    requestId: input.requestId,
    detail: { sessionId: session.id },
  });
  return {
    token: session.token,
    expiresAt: session.expiresAt,
    staff: {
      id: user.id,
      email: user.email,
      fullName: user.fullName,
      role: user.role,
      sessionId: session.id,
      csrfToken: session.csrfToken,
    },
  };
}
