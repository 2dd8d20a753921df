import { gzipSync } from 'node:zlib';
import pg from 'pg';

/** The NOTIFY channel the booking_slots / days_off / doctors / branches triggers signal on commit (migration 0003). */
export const availabilityChannel = 'availability_changed';

/** An answer as bytes: JSON, and gzipped once for the clients that accept it (a branch's week is ~200 kB of JSON). */
export interface CachedAnswer {
  json: Buffer;
  gzip: Buffer;
}

export interface AvailabilityCache {
  /** The serialized answer for `key`: from memory while nothing bookable changed, else from `load`. */
  get(key: string, load: () => Promise<unknown>): Promise<CachedAnswer>;
  close(): Promise<void>;
}

export interface AvailabilityCacheOptions {
  databaseUrl: string;
  /** An upper bound on an entry's age: the lead-time cut-off moves with the clock even when no row changes. */
  ttlMs: number;
  maxEntries: number;
  onError(err: unknown): void;
}

/**
 * Availability answers kept in memory and dropped the moment anything bookable changes in any process: the database
 * triggers NOTIFY on commit, so no code path can forget to invalidate. An answer computed while a change committed is
 * not kept (the generation moved on). While the LISTEN connection is down nothing is cached, and identical searches
 * in flight share one query. Holds and confirmations never trust this: the conditional UPDATE is the guard.
 */
export function createAvailabilityCache(opts: AvailabilityCacheOptions): AvailabilityCache {
  const entries = new Map<string, { body: CachedAnswer; expires: number }>();
  const inflight = new Map<string, Promise<CachedAnswer>>();
  let generation = 0;
  let listening = false;
  let closed = false;
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let retryMs = 250;
  let retryTimer: NodeJS.Timeout | undefined;

  const invalidate = () => {
    generation++;
    entries.clear();
    inflight.clear();
  };

  const dropConnection = () => {
    if (!listening && !client) return;
    listening = false;
    invalidate();
    const c = client;
    client = undefined;
    c?.end().catch(() => {});
    if (!closed && !retryTimer) {
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        void connect();
      }, retryMs);
      retryTimer.unref();
      retryMs = Math.min(retryMs * 2, 10_000);
    }
  };

  const connect = () => {
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString: opts.databaseUrl, application_name: 'medicrm-availability' });
      c.on('error', (err) => {
        opts.onError(err);
        dropConnection();
      });
      c.on('end', dropConnection);
      c.on('notification', invalidate);
      try {
        await c.connect();
        await c.query(`listen ${availabilityChannel}`);
        if (closed) return void (await c.end());
        client = c;
        // whatever changed before LISTEN took effect is not in any entry: the map is empty until now
        invalidate();
        listening = true;
        retryMs = 250;
      } catch (err) {
        opts.onError(err);
        client = c;
        dropConnection();
      }
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  };

  const fill = (key: string, load: () => Promise<unknown>) => {
    const started = generation;
    const p = load().then((value) => {
      const body = encode(value);
      if (listening && generation === started) {
        if (entries.size >= opts.maxEntries) entries.delete(entries.keys().next().value as string);
        entries.set(key, { body, expires: Date.now() + opts.ttlMs });
      }
      return body;
    });
    inflight.set(key, p);
    const forget = () => {
      if (inflight.get(key) === p) inflight.delete(key);
    };
    p.then(forget, forget);
    return p;
  };

  return {
    async get(key, load) {
      if (!listening) {
        if (!closed) void connect();
        return encode(await load());
      }
      const hit = entries.get(key);
      if (hit && hit.expires > Date.now()) return hit.body;
      if (hit) entries.delete(key);
      return inflight.get(key) ?? fill(key, load);
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      await connecting;
      listening = false;
      invalidate();
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}

function encode(value: unknown): CachedAnswer {
  const json = Buffer.from(JSON.stringify(value));
  return { json, gzip: gzipSync(json, { level: 6 }) };
}
