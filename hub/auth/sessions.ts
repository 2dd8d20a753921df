import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { staffSessions, staffUsers } from '../../db/schema/index.ts';
import type { StaffPrincipal } from '../platform/context.ts';

export const sessionCookie = 'medicrm_session';

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

export interface SessionPolicy {
  ttlHours: number;
  idleMinutes: number;
}

/** Creates a session; returns the cookie token (only its hash is stored) and the CSRF token. */
export async function createSession(
  db: Db,
  staffId: string,
  policy: SessionPolicy,
  meta: { ip?: string | null; userAgent?: string | null },
): Promise<{ token: string; csrfToken: string; expiresAt: Date; id: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + policy.ttlHours * 3_600_000);
  const [row] = await db
    .insert(staffSessions)
    .values({
      tokenHash: sha256(token),
      staffId,
      csrfToken,
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      expiresAt,
    })
    .returning({ id: staffSessions.id });
  return { token, csrfToken, expiresAt, id: row!.id };
}

/** The signed-in staff member for a cookie token, or null when unknown, expired, idle too long, revoked or disabled. */
export async function resolveSession(db: Db, token: string, policy: SessionPolicy): Promise<StaffPrincipal | null> {
  const idleCutoff = new Date(Date.now() - policy.idleMinutes * 60_000);
  const [row] = await db
    .select({
      sessionId: staffSessions.id,
      csrfToken: staffSessions.csrfToken,
      lastSeenAt: staffSessions.lastSeenAt,
      id: staffUsers.id,
      email: staffUsers.email,
      fullName: staffUsers.fullName,
      role: staffUsers.role,
    })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.staffId))
    .where(
      and(
        eq(staffSessions.tokenHash, sha256(token)),
        isNull(staffSessions.revokedAt),
        gt(staffSessions.expiresAt, sql`now()`),
        gt(staffSessions.lastSeenAt, idleCutoff),
        eq(staffUsers.active, true),
      ),
    )
    .limit(1);
  if (!row) return null;
  // Sliding idle timeout, written at most once a minute per session.
  if (Date.now() - row.lastSeenAt.getTime() > 60_000) {
    await db.update(staffSessions).set({ lastSeenAt: sql`now()` }).where(eq(staffSessions.id, row.sessionId));
  }
  const { lastSeenAt: _seen, ...principal } = row;
  return principal;
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.update(staffSessions).set({ revokedAt: sql`now()` }).where(eq(staffSessions.id, sessionId));
}

/** Ends every open session of one staff member, except `keep` when given; returns how many were ended. */
export async function revokeStaffSessions(db: DbOrTx, staffId: string, keep?: string): Promise<number> {
  const revoked = await db
    .update(staffSessions)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(staffSessions.staffId, staffId),
        isNull(staffSessions.revokedAt),
        keep ? ne(staffSessions.id, keep) : undefined,
      ),
    )
    .returning({ id: staffSessions.id });
  return revoked.length;
}
