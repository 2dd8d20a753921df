import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { staffUsers } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { AppDeps, StaffPrincipal } from '../platform/context.ts';
import { DomainError, RateLimitedError } from '../platform/errors.ts';
import { decoyHash, verifyPassword } from './password.ts';
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
  const { db, redis, config } = deps;
  const email = input.email.trim().toLowerCase();
  const failKey = `${config.REDIS_PREFIX}:signin-fail:${createHash('sha256').update(email).digest('hex')}`;

  const failures = Number(await redis.get(failKey)) || 0;
  if (failures >= config.SIGNIN_MAX_FAILURES) {
    const ttl = await redis.ttl(failKey);
    await recordAudit(db, {
      action: 'auth.sign_in',
      outcome: 'denied',
      ip: input.ip,
      requestId: input.requestId,
      detail: { reason: 'locked' },
    });
    throw new RateLimitedError(Math.max(ttl, 1), 'Tài khoản tạm khoá do đăng nhập sai nhiều lần, vui lòng thử lại sau');
  }

  const [user] = await db
    .select()
    .from(staffUsers)
    .where(eq(sql`lower(${staffUsers.email})`, email))
    .limit(1);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));

  if (!user || !ok || !user.active) {
    await redis
      .multi()
      .incr(failKey)
      .expire(failKey, config.SIGNIN_LOCK_MINUTES * 60)
      .exec();
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

  await redis.del(failKey);
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
