import type { Context } from 'hono';
import { clientIp } from '../auth/request-meta.ts';
import type { AppEnv } from './context.ts';
import { UnauthenticatedError } from './errors.ts';

/** Who is acting, for use cases and their audit entries. Only valid behind authorize(). */
export interface Actor {
  staffId: string;
  requestId?: string;
  ip?: string | null;
}

export function actorOf(c: Context<AppEnv>): Actor {
  const staff = c.get('staff');
  if (!staff) throw new UnauthenticatedError();
  return { staffId: staff.id, requestId: c.get('requestId'), ip: clientIp(c) };
}
