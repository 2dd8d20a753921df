import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { recordAudit } from '../audit/record-audit.ts';
import type { AppDeps, AppEnv, StaffPrincipal } from '../platform/context.ts';
import { cookieAuth, errorResponses } from '../platform/openapi.ts';
import { StaffRoleSchema } from '../staff/staff.schemas.ts';
import { authorize } from './authorize.ts';
import { rolePermissions } from './permissions.ts';
import { clientIp } from './request-meta.ts';
import { revokeSession, sessionCookie } from './sessions.ts';
import { signIn } from './sign-in.ts';

export const MeSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    fullName: z.string(),
    role: StaffRoleSchema,
    permissions: z.array(z.string()),
    csrfToken: z
      .string()
      .openapi({ description: 'Gửi lại trong header x-csrf-token với mọi yêu cầu thay đổi dữ liệu' }),
  })
  .openapi('Me');

const SignInSchema = z
  .object({
    email: z.email({ message: 'Email không hợp lệ' }).max(254),
    password: z.string().min(1, 'Vui lòng nhập mật khẩu').max(200),
  })
  .openapi('SignIn');

const toMe = (s: StaffPrincipal): z.infer<typeof MeSchema> => ({
  id: s.id,
  email: s.email,
  fullName: s.fullName,
  role: s.role,
  permissions: [...rolePermissions[s.role]],
  csrfToken: s.csrfToken,
});

const signInRoute = createRoute({
  method: 'post',
  path: '/sign-in',
  tags: ['Xác thực'],
  summary: 'Đăng nhập nhân viên',
  request: { body: { content: { 'application/json': { schema: SignInSchema } }, required: true } },
  responses: {
    200: { description: 'Đã đăng nhập; cookie phiên được đặt', content: { 'application/json': { schema: MeSchema } } },
    ...errorResponses(400, 401, 429),
  },
});

const signOutRoute = createRoute({
  method: 'post',
  path: '/sign-out',
  tags: ['Xác thực'],
  summary: 'Đăng xuất',
  security: cookieAuth,
  responses: { 204: { description: 'Đã đăng xuất' }, ...errorResponses(401, 403) },
});

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: ['Xác thực'],
  summary: 'Nhân viên đang đăng nhập',
  security: cookieAuth,
  responses: {
    200: { description: 'Phiên hiện tại', content: { 'application/json': { schema: MeSchema } } },
    ...errorResponses(401),
  },
});

export function authRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/sign-out', authorize(deps));
  app.use('/me', authorize(deps));
  return app
    .openapi(signInRoute, async (c) => {
      const body = c.req.valid('json');
      const result = await signIn(deps, {
        ...body,
        ip: clientIp(c),
        userAgent: c.req.header('user-agent') ?? null,
        requestId: c.get('requestId'),
      });
      setCookie(c, sessionCookie, result.token, {
        httpOnly: true,
        secure: deps.config.COOKIE_SECURE,
        sameSite: 'Lax',
        path: '/',
        expires: result.expiresAt,
      });
      return c.json(toMe(result.staff), 200);
    })
    .openapi(signOutRoute, async (c) => {
      const staff = c.get('staff')!;
      await revokeSession(deps.db, staff.sessionId);
      await recordAudit(deps.db, {
        action: 'auth.sign_out',
        actorStaffId: staff.id,
        ip: clientIp(c),
        requestId: c.get('requestId'),
        detail: { sessionId: staff.sessionId },
      });
      deleteCookie(c, sessionCookie, { path: '/', secure: deps.config.COOKIE_SECURE });
      return c.body(null, 204);
    })
    .openapi(meRoute, (c) => c.json(toMe(c.get('staff')!), 200));
}
