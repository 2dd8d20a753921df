/** True when a PostgreSQL unique constraint refused the write (drizzle wraps the driver error as `cause`). */
export function isUniqueViolation(err: unknown): boolean {
  let e = err as { code?: string; cause?: unknown } | undefined;
  while (e) {
    if (e.code === '23505') return true;
    e = e.cause as typeof e;
  }
  return false;
}
