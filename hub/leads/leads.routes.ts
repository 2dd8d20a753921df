import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { clientIp } from '../auth/request-meta.ts';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { ForbiddenError } from '../platform/errors.ts';
import { errorResponses } from '../platform/openapi.ts';
import { rateLimitByIp } from '../platform/rate-limit.ts';
import { LeadSchema, leadReference, leadThanks, submitLead } from './submit-lead.ts';

const leadRoute = createRoute({
  method: 'post',
  path: '/lead',
  tags: ['Công khai'],
  summary: 'Form đặt lịch trên trang đích (không cần đăng nhập)',
  description:
    'Tạo (hoặc tìm theo số điện thoại) liên hệ và một phiếu yêu cầu đặt lịch. Chỉ nhận từ các origin trong LEAD_FORM_ORIGINS, giới hạn số lần gửi theo IP; trường `website` là bẫy bot.',
  request: { body: { content: { 'application/json': { schema: LeadSchema } }, required: true } },
  responses: {
    201: {
      description: 'Đã nhận yêu cầu',
      content: {
        'application/json': {
          schema: z.object({ ok: z.literal(true), reference: z.string(), message: z.string() }).openapi('LeadAccepted'),
        },
      },
    },
    ...errorResponses(400, 403, 429),
  },
});

/** The public landing-page API: CORS allow-list, a per-IP hourly limit in Redis, a honeypot. */
export function leadRoutes(deps: AppDeps) {
  const allowed = new Set(
    deps.config.LEAD_FORM_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  );
  const app = new OpenAPIHono<AppEnv>();
  app.use(
    '/lead',
    cors({
      origin: (o) => (allowed.has(o) ? o : null),
      allowMethods: ['POST'],
      allowHeaders: ['content-type'],
      maxAge: 600,
    }),
  );
  const limit = rateLimitByIp(deps, { name: 'lead', limit: deps.config.LEAD_FORM_RATE_PER_HOUR, windowSeconds: 3600 });
  app.use('/lead', async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const origin = c.req.header('origin');
    // a browser always sends Origin with a cross-site POST: refuse pages not on the list (non-browsers are rate-limited)
    if (origin && !allowed.has(origin))
      throw new ForbiddenError('Trang này không được phép gửi form', 'origin_not_allowed');
    return limit(c, next);
  });
  return app.openapi(leadRoute, async (c) => {
    const input = c.req.valid('json');
    if (input.website?.trim()) {
      // a bot filled the hidden field: answer as if accepted, keep nothing
      c.var.log().info({ honeypot: true }, 'lead form: honeypot filled');
      return c.json({ ok: true as const, reference: leadReference(crypto.randomUUID()), message: leadThanks }, 201);
    }
    const { reference } = await submitLead(deps, input, { ip: clientIp(c), origin: c.req.header('origin') });
    return c.json({ ok: true as const, reference, message: leadThanks }, 201);
  });
}
