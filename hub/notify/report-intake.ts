import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { RawRequest } from '../../adapters/channels/types.ts';
import type { NotifyAdapter } from '../../adapters/notify/types.ts';
import { webhookEvents } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { jobId } from '../platform/queues.ts';
import { applyDeliveryReport, ReportTooEarlyError } from './delivery-reports.ts';
import type { NotifyEngine } from './engine.ts';
import { notifyEngine } from './engine-registry.ts';

/** Delivery-report sources and the adapter that reads each. */
export const reportSources = ['zns', 'esms', 'speedsms', 'email_dsn'] as const;
export type ReportSource = (typeof reportSources)[number];

export const reportJobName = 'delivery-report';
export interface ReportJobData {
  webhookEventId: string;
}

/** Where a callback's query string is kept with the stored event (webhook_events has a body and headers only). */
export const queryHeader = 'x-callback-query';

/** The request as the adapter reads it, from what the route received or the intake stored. */
export function rawRequest(stored: { headers: Record<string, string>; rawBody: string }): RawRequest {
  const query = stored.headers[queryHeader];
  return { headers: stored.headers, rawBody: stored.rawBody, ...(query ? { query } : {}) };
}

/** The adapter that verifies and parses one source's callbacks, when that provider is the one configured. */
export function reportAdapter(engine: NotifyEngine, source: ReportSource): NotifyAdapter | undefined {
  if (source === 'zns') return engine.adapters.zns;
  if (source === 'email_dsn') return engine.adapters.email;
  const sms = engine.adapters.sms;
  return sms?.provider === source ? sms : undefined;
}

/**
 * Stores one verified callback in webhook_events before the provider gets its answer (the unique (source,
 * dedupe_key) makes a re-delivery a no-op), then queues it on `notify`. Rows are written as `processing`: they are
 * this intake's, and the inbox's intake sweep (which re-queues `received` rows into `inbound`) leaves them alone.
 */
export async function storeReport(
  engine: NotifyEngine,
  source: ReportSource,
  req: RawRequest & { headers: Record<string, string> },
) {
  const dedupeKey = createHash('sha256')
    .update(`${req.headers[queryHeader] ?? ''}\n${req.rawBody}`)
    .digest('hex');
  const [row] = await engine.deps.db
    .insert(webhookEvents)
    .values({
      source,
      dedupeKey,
      eventType: 'delivery_report',
      rawBody: req.rawBody,
      headers: req.headers,
      state: 'processing',
    })
    .onConflictDoNothing({ target: [webhookEvents.source, webhookEvents.dedupeKey] })
    .returning({ id: webhookEvents.id });
  if (!row) return { duplicate: true };
  await enqueueReports(engine, [row.id]).catch((err: unknown) =>
    engine.deps.logger.warn({ err }, 'delivery report enqueue failed; the sweep will retry'),
  );
  return { duplicate: false };
}

async function enqueueReports(engine: NotifyEngine, ids: string[]) {
  await engine.deps.queues.notify.addBulk(
    ids.map((id) => ({
      name: reportJobName,
      data: { webhookEventId: id } satisfies ReportJobData,
      opts: { jobId: jobId.notifyReport(id) },
    })),
  );
}

/**
 * The hub's mail listener hands over every message it receives: a delivery-status report naming a notification email
 * (its envelope id is ours and signed) is stored as a report, and true tells the listener it is taken; anything else
 * (patients' mail, reports on the inbox's replies) is left to the inbox.
 */
export async function takeNotifyEmailReport(
  deps: AppDeps,
  raw: { headers: Record<string, string | undefined>; rawBody: string },
): Promise<boolean> {
  const engine = notifyEngine(deps);
  const adapter = engine.adapters.email;
  if (!adapter?.verifyCallback?.(raw).ok) return false;
  const headers = Object.fromEntries(
    Object.entries(raw.headers).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  await storeReport(engine, 'email_dsn', { headers, rawBody: raw.rawBody });
  return true;
}

/** Applies one stored callback's reports and marks it processed (or ignored when it named nothing of ours). */
export async function processReport(engine: NotifyEngine, data: ReportJobData, lastTry: boolean): Promise<string> {
  const { db } = engine.deps;
  const [row] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, data.webhookEventId));
  if (!row || row.state === 'processed' || row.state === 'ignored') return 'skipped';
  const adapter = reportAdapter(engine, row.source as ReportSource);
  const mark = (state: 'processed' | 'ignored' | 'failed' | 'processing', lastError: string | null = null) =>
    db
      .update(webhookEvents)
      .set({
        state,
        lastError,
        attempts: sql`${webhookEvents.attempts} + 1`,
        ...(state === 'processing' ? {} : { processedAt: new Date() }),
      })
      .where(eq(webhookEvents.id, row.id));
  if (!adapter?.parseCallback) {
    await mark('failed', 'channel_not_configured');
    return 'channel_not_configured';
  }
  try {
    const reports = adapter.parseCallback(rawRequest(row));
    let applied = false;
    for (const r of reports) applied = (await applyDeliveryReport(engine, r, lastTry)) || applied;
    await mark(applied ? 'processed' : 'ignored');
    return applied ? 'processed' : 'ignored';
  } catch (err) {
    const reason = err instanceof ReportTooEarlyError ? 'report_before_send' : ((err as Error).name ?? 'error');
    await mark(lastTry ? 'failed' : 'processing', reason);
    throw new Error(reason, { cause: err });
  }
}

/** Stored callbacks no job took (a crash between the commit and the queueing). */
export async function requeueReports(engine: NotifyEngine): Promise<number> {
  const rows = await engine.deps.db
    .select({ id: webhookEvents.id })
    .from(webhookEvents)
    .where(
      and(
        inArray(webhookEvents.source, [...reportSources]),
        eq(webhookEvents.state, 'processing'),
        eq(webhookEvents.attempts, 0),
        sql`${webhookEvents.receivedAt} < now() - interval '60 seconds'`,
      ),
    )
    .limit(1000);
  if (rows.length)
    await enqueueReports(
      engine,
      rows.map((r) => r.id),
    );
  return rows.length;
}
