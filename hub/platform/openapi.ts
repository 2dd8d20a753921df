import { z } from '@hono/zod-openapi';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'forbidden' }),
      message: z.string().openapi({ example: 'Bạn không có quyền thực hiện thao tác này' }),
      requestId: z.string().optional(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

const descriptions = {
  400: 'Dữ liệu không hợp lệ',
  401: 'Chưa đăng nhập',
  403: 'Không có quyền',
  404: 'Không tìm thấy',
  409: 'Xung đột dữ liệu',
  429: 'Quá nhiều yêu cầu',
} as const;

/** The error responses a route can give, for its OpenAPI entry. */
export function errorResponses<S extends keyof typeof descriptions>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: descriptions[s], content: { 'application/json': { schema: ErrorSchema } } },
    ]),
  ) as unknown as {
    [K in S]: { description: string; content: { 'application/json': { schema: typeof ErrorSchema } } };
  };
}

export const cookieAuth = [{ staffSession: [] }];

/** A JSON body or response of the given schema, for createRoute. */
export const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
