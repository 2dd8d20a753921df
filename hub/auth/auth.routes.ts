import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { recordAudit } from '../audit/record-audit.ts';
import type { AppDeps, AppEnv, StaffPrincipal } from '../platform/context.ts';
import { cookieAuth, errorResponses } from '../platform/openapi.ts';
import { PasswordSchema, StaffRoleSchema } from '../staff/staff.schemas.ts';
import { authorize } from './authorize.ts';
import { changeOwnPassword } from './change-password.ts';
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

const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Vui lòng nhập mật khẩu hiện tại').max(200),
    newPassword: PasswordSchema,
  })
  .refine((v) => v.newPassword.normalize('NFC') !== v.currentPassword.normalize('NFC'), {
    message: 'Mật khẩu mới phải khác mật khẩu hiện tại',
    path: ['newPassword'],
  })
  .openapi('ChangePassword');

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

const changePasswordRoute = createRoute({
  method: 'post',
  path: '/password',
  tags: ['Xác thực'],
  summary: 'Đổi mật khẩu của chính mình',
  description:
    'Cần mật khẩu hiện tại (sai nhiều lần thì bị tạm khoá như đăng nhập). Các phiên khác của người này bị đăng xuất; phiên hiện tại giữ nguyên.',
  security: cookieAuth,
  request: { body: { content: { 'application/json': { schema: ChangePasswordSchema } }, required: true } },
  responses: {
    200: {
      description: 'Đã đổi mật khẩu',
      content: { 'application/json': { schema: z.object({ revokedSessions: z.number().int() }) } },
    },
    ...errorResponses(400, 401, 403, 429),
  },
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
  app.use('/password', authorize(deps));
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
    .openapi(changePasswordRoute, async (c) => {
      const body = c.req.valid('json');
      const result = await changeOwnPassword(deps, c.get('staff')!, {
        ...body,
        ip: clientIp(c),
        requestId: c.get('requestId'),
      });
      return c.json(result, 200);
    })
    .openapi(meRoute, (c) => c.json(toMe(c.get('staff')!), 200));
}
