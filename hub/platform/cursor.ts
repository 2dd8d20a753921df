import { z } from '@hono/zod-openapi';
import { ValidationError } from './errors.ts';

/**
 * Keyset pagination (sort keys are compared at millisecond precision, as JavaScript dates carry them): a list returns `nextCursor`, an opaque token of the last row's sort key (an instant and an id),
 * and the next page is everything strictly after it. Stable under inserts, unlike offsets.
 */
export interface CursorKey {
  at: Date;
  id: string;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(`${key.at.toISOString()}|${key.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorKey | undefined {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = at ? new Date(at) : undefined;
  if (!date || Number.isNaN(date.getTime()) || !id || !/^[\w-]{1,64}$/.test(id)) {
    throw new ValidationError('Con trỏ phân trang không hợp lệ');
  }
  return { at: date, id };
}

export const PageQuery = {
  cursor: z.string().max(200).optional().openapi({ description: 'nextCursor của trang trước' }),
  limit: z.coerce.number().int().min(1).max(100).default(30),
};

/** Splits the `limit + 1` rows fetched into the page and the cursor of the next one. */
export function page<T>(rows: T[], limit: number, key: (row: T) => CursorKey) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null };
}
