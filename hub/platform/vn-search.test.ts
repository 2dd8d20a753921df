import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { withAdmin } from '../../tests/support/pg-admin.ts';
import { containsFolded, foldedColumn, vnFold } from './vn-search.ts';

const alphabet = 'aáàảãạăắằẳẵặâấầẩẫậbcdđeéèẻẽẹêếềểễệghiíìỉĩịklmnoóòỏõọôốồổỗộơớờởỡợpqrstuúùủũụưứừửữựvxyýỳỷỹỵ';

describe('Vietnamese search folding', () => {
  it('drops accents, case and the stroke of "đ", whatever form the term came in', () => {
    expect(vnFold('Đặng Thị Hương')).toBe('dang thi huong');
    expect(vnFold('NGUYỄN VĂN ĐỨC')).toBe('nguyen van duc');
    // decomposed input (a phone keyboard's combining marks) folds the same
    expect(vnFold('Hương'.normalize('NFD'))).toBe('huong');
    expect(vnFold('Lê 50%')).toBe('le 50%');
  });

  it('folds every letter in PostgreSQL exactly as in the hub, lower and upper case', async () => {
    const text = `${alphabet} ${alphabet.toUpperCase()}`;
    const { sql: query, params } = new PgDialect().sqlToQuery(sql`select ${foldedColumn(sql`${text}::text`)} as f`);
    const folded = await withAdmin(async (c) => (await c.query<{ f: string }>(query, params)).rows[0]!.f);
    expect(folded).toBe(vnFold(text));
    expect(folded).toMatch(/^[a-z ]+$/);
  });

  it('searches for % and _ literally', () => {
    const { params } = new PgDialect().sqlToQuery(containsFolded(sql`x`, '50%_Hà'));
    expect(params.at(-1)).toBe('%50\\%\\_ha%');
  });
});
