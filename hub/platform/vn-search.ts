import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/**
 * Vietnamese text search the way staff type: without accents ("huong" finds "Hương", "Nguyen" finds "Nguyễn"), in
 * any case, and "đ" as "d". The column side folds in SQL with translate(), which needs no extension and is immutable
 * (an expression index can use it); the term folds here the same way.
 */
const accented =
  'áàảãạăắằẳẵặâấầẩẫậđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵ' +
  'ÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬĐÉÈẺẼẸÊẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÝỲỶỸỴ';
const plain =
  'aaaaaaaaaaaaaaaaadeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyy' +
  'AAAAAAAAAAAAAAAAADEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYY';

const fromChars = [...accented];
const toChars = [...plain];
if (fromChars.length !== toChars.length) throw new Error('vn-search: the folding tables differ in length');
const table = new Map(fromChars.map((c, i) => [c, toChars[i]!]));

/** A term as the folded column reads: NFC, accents and "đ" dropped, lower case. */
export function vnFold(text: string): string {
  let out = '';
  for (const c of text.normalize('NFC')) out += table.get(c) ?? c;
  // anything the table does not hold (a decomposed mark, another script) falls back to Unicode decomposition
  return out.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The column folded in SQL (NFC text, as the hub stores it). */
export function foldedColumn(column: SQLWrapper): SQL {
  return sql`lower(translate(${column}, ${accented}, ${plain}))`;
}

/** `%` and `_` typed by staff are searched for literally. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The column contains the term, accents and case aside. */
export function containsFolded(column: SQLWrapper, term: string): SQL {
  return sql`${foldedColumn(column)} like ${`%${escapeLike(vnFold(term))}%`}`;
}

/** The column starts with the term, accents and case aside. */
export function startsWithFolded(column: SQLWrapper, term: string): SQL {
  return sql`${foldedColumn(column)} like ${`${escapeLike(vnFold(term))}%`}`;
}
