import { eq } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { contacts } from '../../db/schema/index.ts';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { DomainError, UnauthenticatedError } from '../platform/errors.ts';
import { verifyPatientToken } from './patient-token.ts';

/**
 * The patient-auth middleware of /api/patient/*: a genuine, unexpired hub token in `Authorization: Bearer`, for a
 * contact that still exists and was not merged away (401 otherwise: the Mini App signs in again).
 */
export function requirePatient(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const claims = token ? verifyPatientToken(deps.config.PATIENT_TOKEN_SECRET, token) : null;
    if (!claims)
      throw new UnauthenticatedError('Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.');
    const [contact] = await deps.db
      .select({ id: contacts.id, mergedIntoId: contacts.mergedIntoId })
      .from(contacts)
      .where(eq(contacts.id, claims.sub));
    if (!contact || contact.mergedIntoId) {
      throw new DomainError('session_stale', 'Tài khoản đã được cập nhật. Vui lòng đăng nhập lại.', 401);
    }
    c.set('patient', { contactId: claims.sub, zaloUserId: claims.zid });
    await next();
  };
}
