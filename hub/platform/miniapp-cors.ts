import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { Config } from '../config.ts';

/**
 * CORS for the routes the Zalo Mini App calls from Zalo's own origin (MINIAPP_ALLOWED_ORIGINS). They authenticate
 * with a bearer token, never a cookie, so no credentials are allowed across origins.
 */
export function miniAppCors(config: Config): MiddlewareHandler {
  return cors({
    origin: config.MINIAPP_ALLOWED_ORIGINS,
    allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowHeaders: ['authorization', 'content-type'],
    maxAge: 600,
  });
}
