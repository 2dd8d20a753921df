/**
 * An error as it may be logged: drizzle's message ends with the query's parameters ("params: …"), which here are
 * patient names and result values. Only the error's kind, its PostgreSQL code and the message's first line remain.
 */
export function safeError(err: unknown): { name: string; code?: string; message: string } {
  let e = err as { name?: string; code?: string; message?: string; cause?: unknown };
  const name = e?.name ?? 'Error';
  const message = String(e?.message ?? err)
    .split('\n')[0]!
    .slice(0, 200);
  while (e && !e.code && e.cause) e = e.cause as typeof e;
  return { name, code: e?.code, message };
}
