import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { recordAudit } from '../audit/record-audit.ts';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { ForbiddenError, UnauthenticatedError } from '../platform/errors.ts';
import { can, type Permission } from './permissions.ts';
import { clientIp } from './request-meta.ts';
import { resolveSession, sessionCookie } from './sessions.ts';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A browser's Origin on a state-changing request must be this hub's own. */
function sameOrigin(origin: string | undefined, requestUrl: string, publicOrigin: string): boolean {
  if (!origin) return false;
  return origin === publicOrigin || origin === new URL(requestUrl).origin;
}

/**
 * The one permission middleware for staff routes: a valid session (401 otherwise), the session's CSRF token
 * on every state-changing request (403), and, when given, the permission — or one of several (403, audited).
 */
export function authorize(
  deps: AppDeps,
  permission?: Permission | Permission[],
  opts: { csrf: 'token' | 'origin' } = { csrf: 'token' },
): MiddlewareHandler<AppEnv> {
  const publicOrigin = new URL(deps.config.PUBLIC_URL).origin;
  const policy = { ttlHours: deps.config.SESSION_TTL_HOURS, idleMinutes: deps.config.SESSION_IDLE_MINUTES };
  return async (c, next) => {
    let staff = c.get('staff');
    if (!staff) {
      const token = getCookie(c, sessionCookie);
      staff = token ? ((await resolveSession(deps.db, token, policy)) ?? undefined) : undefined;
      if (!staff) throw new UnauthenticatedError();
      c.set('staff', staff);
    }
    if (unsafeMethods.has(c.req.method)) {
      const passed =
        opts.csrf === 'token'
          ? sameToken(c.req.header('x-csrf-token') ?? '', staff.csrfToken)
          : sameOrigin(c.req.header('origin'), c.req.url, publicOrigin);
      if (!passed) {
        throw new ForbiddenError('Phiên làm việc không hợp lệ, vui lòng tải lại trang', 'csrf_failed');
      }
    }
    const role = staff.role;
    if (permission && ![permission].flat().some((p) => can(role, p))) {
      await recordAudit(deps.db, {
        action: 'access.denied',
        outcome: 'denied',
        actorStaffId: staff.id,
        ip: clientIp(c),
        requestId: c.get('requestId'),
        detail: { permission, role: staff.role, method: c.req.method, path: c.req.path },
      });
      throw new ForbiddenError();
    }
    await next();
  };
}
