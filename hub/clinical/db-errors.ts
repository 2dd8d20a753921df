function pgCode(err: unknown): string {
  let e = err as { code?: string; cause?: unknown } | undefined;
  while (e && !e.code && e.cause) e = e.cause as typeof e;
  return e?.code ?? '';
}

/** Storage itself is down: no ACK must go out, so that the sender keeps the message and resends it. */
export function isUnavailable(err: unknown): boolean {
  if (['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '08006', '08001', '08003'].includes(pgCode(err))) return true;
  // pg's own errors carry no code: the pool found no connection in time, or the connection died mid-query
  return /timeout exceeded when trying to connect|Connection terminated/i.test(String((err as Error)?.message));
}

/** Worth trying again as it is: a deadlock victim, a serialization failure, a lock or statement timeout. */
export function isTransient(err: unknown): boolean {
  return isUnavailable(err) || ['40001', '40P01', '55P03', '57014'].includes(pgCode(err));
}
