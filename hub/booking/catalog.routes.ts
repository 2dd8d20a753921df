import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { NotFoundError } from '../platform/errors.ts';
import { miniAppCors } from '../platform/miniapp-cors.ts';
import { errorResponses, json } from '../platform/openapi.ts';
import { createAvailabilityCache } from './availability-cache.ts';
import {
  AvailabilityQuerySchema,
  AvailabilitySchema,
  AvailableDaysSchema,
  BookingPolicySchema,
  BranchSchema,
  CatalogFilterSchema,
  ClosureQuerySchema,
  ClosureSchema,
  DepartmentSchema,
  DoctorFilterSchema,
  DoctorSchema,
  ServicePackageSchema,
} from './booking.schemas.ts';
import { type AvailabilityQuery, findAvailability, findAvailableDays, resolveRange } from './find-availability.ts';
import { getDoctor, listBranches, listClosures, listDepartments, listDoctors, listPackages } from './list-catalog.ts';
import { bookingPolicy } from './policy.ts';

const items = <T extends z.ZodType>(schema: T) => json(z.object({ items: z.array(schema) }));
const tags = ['Danh mục khám'];

const branchesRoute = createRoute({
  method: 'get',
  path: '/branches',
  tags,
  summary: 'Danh sách cơ sở khám',
  responses: { 200: { description: 'Cơ sở', ...items(BranchSchema) } },
});
const departmentsRoute = createRoute({
  method: 'get',
  path: '/departments',
  tags,
  summary: 'Chuyên khoa (lọc theo cơ sở)',
  request: { query: CatalogFilterSchema.pick({ branchId: true }) },
  responses: { 200: { description: 'Chuyên khoa', ...items(DepartmentSchema) }, ...errorResponses(400) },
});
const doctorsRoute = createRoute({
  method: 'get',
  path: '/doctors',
  tags,
  summary: 'Bác sĩ (lọc theo cơ sở, chuyên khoa)',
  request: { query: DoctorFilterSchema },
  responses: { 200: { description: 'Bác sĩ', ...items(DoctorSchema) }, ...errorResponses(400) },
});
const doctorRoute = createRoute({
  method: 'get',
  path: '/doctors/{id}',
  tags,
  summary: 'Thông tin một bác sĩ',
  request: { params: z.object({ id: z.uuid({ message: 'Mã bác sĩ không hợp lệ' }) }) },
  responses: { 200: { description: 'Bác sĩ', ...json(DoctorSchema) }, ...errorResponses(400, 404) },
});
const packagesRoute = createRoute({
  method: 'get',
  path: '/packages',
  tags,
  summary: 'Gói dịch vụ khám (giá VND, BHYT, thời lượng, chuẩn bị)',
  request: { query: CatalogFilterSchema },
  responses: { 200: { description: 'Gói dịch vụ', ...items(ServicePackageSchema) }, ...errorResponses(400) },
});
const closuresRoute = createRoute({
  method: 'get',
  path: '/closures',
  tags,
  summary: 'Ngày nghỉ lễ, Tết và ngày phòng khám đóng cửa',
  request: { query: ClosureQuerySchema },
  responses: { 200: { description: 'Ngày nghỉ', ...items(ClosureSchema) }, ...errorResponses(400) },
});
const policyRoute = createRoute({
  method: 'get',
  path: '/policy',
  tags,
  summary: 'Chính sách đặt lịch (giữ chỗ, hạn huỷ/đổi lịch)',
  responses: { 200: { description: 'Chính sách', ...json(BookingPolicySchema) } },
});

/** Public read of the catalog (no sign-in): the Mini App shows it before the patient signs in. */
export function catalogRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', miniAppCors(deps.config));
  return app
    .openapi(branchesRoute, async (c) => c.json({ items: await listBranches(deps.db) }, 200))
    .openapi(departmentsRoute, async (c) =>
      c.json({ items: await listDepartments(deps.db, c.req.valid('query')) }, 200),
    )
    .openapi(doctorsRoute, async (c) => c.json({ items: await listDoctors(deps.db, c.req.valid('query')) }, 200))
    .openapi(doctorRoute, async (c) => {
      const doctor = await getDoctor(deps.db, c.req.valid('param').id);
      if (!doctor) throw new NotFoundError('Không tìm thấy bác sĩ', 'doctor_not_found');
      return c.json(doctor, 200);
    })
    .openapi(packagesRoute, async (c) => c.json({ items: await listPackages(deps.db, c.req.valid('query')) }, 200))
    .openapi(closuresRoute, async (c) => c.json({ items: await listClosures(deps.db, c.req.valid('query')) }, 200))
    .openapi(policyRoute, (c) => c.json(bookingPolicy(deps.config), 200));
}

const availabilityTags = ['Lịch trống'];
const availabilityRoute = createRoute({
  method: 'get',
  path: '/',
  tags: availabilityTags,
  summary: 'Khung giờ còn trống theo cơ sở, chuyên khoa, bác sĩ, gói dịch vụ và khoảng ngày',
  request: { query: AvailabilityQuerySchema },
  responses: { 200: { description: 'Khung giờ trống', ...json(AvailabilitySchema) }, ...errorResponses(400, 404) },
});
const availableDaysRoute = createRoute({
  method: 'get',
  path: '/days',
  tags: availabilityTags,
  summary: 'Số khung giờ trống theo từng ngày',
  request: { query: AvailabilityQuerySchema },
  responses: { 200: { description: 'Ngày còn trống', ...json(AvailableDaysSchema) }, ...errorResponses(400, 404) },
});

/** Public availability search (no sign-in). */
export function availabilityRoutes(deps: AppDeps) {
  const policy = bookingPolicy(deps.config);
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', miniAppCors(deps.config));
  const cache = createAvailabilityCache({
    databaseUrl: deps.config.DATABASE_URL,
    ttlMs: deps.config.AVAILABILITY_CACHE_SECONDS * 1000,
    maxEntries: 5_000,
    onError: (err) => deps.logger.warn({ err }, 'availability cache listener'),
  });
  deps.onClose(() => cache.close());
  /** The answer's bytes (gzipped when accepted), typed as the route's 200 so the typed client still sees its shape. */
  const answer = async <T>(c: Context<AppEnv>, key: string, load: () => Promise<T>) => {
    if (deps.config.AVAILABILITY_CACHE_SECONDS === 0) return c.json(await load(), 200);
    const body = await cache.get(key, load);
    const gzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    c.header('vary', 'Accept-Encoding');
    if (gzip) c.header('content-encoding', 'gzip');
    const bytes = gzip ? body.gzip : body.json;
    return c.body(new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength), 200, {
      'content-type': 'application/json',
    }) as unknown as TypedResponse<T, 200, 'json'>;
  };
  return app
    .openapi(availabilityRoute, (c) => {
      const q = c.req.valid('query');
      return answer(c, `slots?${cacheKey(q, policy.timeZone)}`, () => findAvailability(deps.db, policy, q));
    })
    .openapi(availableDaysRoute, (c) => {
      const q = c.req.valid('query');
      return answer(c, `days?${cacheKey(q, policy.timeZone)}`, () => findAvailableDays(deps.db, policy, q));
    });
}

/** The same search spelled any way gives one key; the resolved dates make "this week" roll over at midnight. */
function cacheKey(q: AvailabilityQuery, timeZone: string): string {
  const { from, to } = resolveRange(q, timeZone);
  return [from, to, q.branchId, q.departmentId, q.doctorId, q.packageId].map((v) => v ?? '').join('|');
}
