import type { Job, Processor } from 'bullmq';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ChannelAdapter, InboundEvent, InboundMessageEvent } from '../../adapters/channels/types.ts';
import { type Channel, contacts, type IdentityChannel, webhookEvents } from '../../db/schema/index.ts';
import { type Effects, mergeEffects, newEffects, runEffects } from '../inbox/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { type ApplyContext, applyInboundEvent, ReceiptTooEarlyError } from './apply-inbound-event.ts';
import { appliesInBatch, applyPersonMessages } from './apply-person-messages.ts';
import { channelAdapters } from './channel-registry.ts';
import { type InboundJobData, requeueStranded } from './webhook-store.ts';

/** The scheduled job that re-queues stored events no worker took (a crash between commit and queueing). */
export const intakeSweep = 'intake-sweep';

const sources: Record<string, { channel: Channel; identity: IdentityChannel }> = {
  zalo_oa: { channel: 'zalo_oa', identity: 'zalo_oa' },
  messenger: { channel: 'messenger', identity: 'messenger' },
  email: { channel: 'email', identity: 'email' },
};

/**
 * Names new Zalo contacts from the OA's user-detail API, after the commit (a slow or failing lookup never holds the
 * transaction or loses the event). Only a placeholder name is replaced.
 */
async function nameNewZaloContacts(deps: AppDeps, created: { contactId: string; externalId: string }[]) {
  const zalo = channelAdapters(deps).zaloOa;
  if (!zalo) return;
  // a few lookups at a time: a batch may bring many new people, and each lookup is a call to Zalo
  const queue = [...created];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      try {
        const p = await zalo.getUserProfile(c.externalId);
        if (!p.displayName) continue;
        const name = p.displayName.normalize('NFC').slice(0, 200);
        await deps.db
          .update(contacts)
          .set({
            displayName: name,
            fullName: sql`case when ${contacts.fullName} like 'Khách Zalo %' then ${name} else ${contacts.fullName} end`,
            ...(p.avatar ? { avatarUrl: p.avatar } : {}),
          })
          .where(eq(contacts.id, c.contactId));
      } catch {
        // the contact keeps "Khách Zalo …1234" until staff or the person fill it in
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, created.length) }, worker));
}

/**
 * The `inbound` queue: turns stored provider deliveries (a whole intake batch per job) into contacts, conversations,
 * messages and delivery states, in one transaction that also marks them processed: one commit for the batch. The rows
 * are taken FOR UPDATE SKIP LOCKED, so a second job naming the same events (the sweep) skips what is being worked
 * on. Consecutive people's messages are applied together, set-based, in one savepoint; every other event runs in its
 * own savepoint, and so does each event of a run that failed, so one that fails is rolled back alone and retried with
 * the job's backoff (parked as failed on the last attempt) while the rest commit. A re-run finds the events processed
 * and changes nothing.
 */
export function inboundProcessor(deps: AppDeps): Processor<InboundJobData> {
  // half the pool at most: the intake's INSERT (what an acknowledgement waits for) never queues behind the workers
  const gate = slots(Math.max(1, Math.floor(deps.config.DB_POOL_MAX / 2)));
  return async (job: Job<InboundJobData>) => {
    if (job.name === intakeSweep) return { requeued: await requeueStranded(deps) };
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const effects = newEffects();
    const created: { contactId: string; externalId: string }[] = [];
    const outcome = { processed: 0, ignored: 0, failed: 0, retry: 0 };
    await gate.take();
    try {
      await apply(job, lastAttempt, effects, created, outcome);
    } finally {
      gate.give();
    }
    if (created.length > 0) await nameNewZaloContacts(deps, created);
    await runEffects(deps, effects);
    // what failed stays `received` and is tried again with the job's backoff; the rest is committed already
    if (outcome.retry > 0) throw new Error(`${outcome.retry} event(s) to retry`);
    return outcome;
  };

  function apply(
    job: Job<InboundJobData>,
    lastAttempt: boolean,
    effects: Effects,
    created: { contactId: string; externalId: string }[],
    outcome: Outcome,
  ) {
    return deps.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(webhookEvents)
        .where(and(inArray(webhookEvents.id, job.data.webhookEventIds), eq(webhookEvents.state, 'received')))
        .orderBy(asc(webhookEvents.receivedAt), asc(webhookEvents.id))
        .for('update', { skipLocked: true });
      // runs of people's messages are applied together (one savepoint, a few statements for the whole run); any
      // other event, and every event of a run that fails, goes alone in its own savepoint
      let run: (Parsed & { ev: InboundMessageEvent })[] = [];
      const flush = async () => {
        if (run.length > 1) await applyRun(deps, tx, run, lastAttempt, effects, created, outcome);
        else if (run.length === 1)
          outcome[await applyOne(deps, tx, run[0]!.row, lastAttempt, effects, created, run[0]!.events)]++;
        run = [];
      };
      for (const row of rows) {
        const p = await parse(deps, row);
        const ev = p && personMessage(p);
        if (p && ev) run.push({ ...p, ev });
        else {
          await flush();
          outcome[await applyOne(deps, tx, row, lastAttempt, effects, created, p?.events)]++;
        }
      }
      await flush();
    });
  }
}

type Outcome = Record<'processed' | 'ignored' | 'failed' | 'retry', number>;

/** A counting semaphore: at most n holders at once, the others wait in arrival order. */
function slots(n: number) {
  let free = n;
  const waiting: (() => void)[] = [];
  return {
    async take() {
      if (free > 0) free--;
      else await new Promise<void>((resolve) => waiting.push(resolve));
    },
    give() {
      const next = waiting.shift();
      if (next) next();
      else free++;
    },
  };
}

type Tx = Parameters<Parameters<AppDeps['db']['transaction']>[0]>[0];
type Row = typeof webhookEvents.$inferSelect;

interface Parsed {
  row: Row;
  source: { channel: Channel; identity: IdentityChannel };
  events: InboundEvent[];
}

/** A stored delivery's events; undefined when its channel is not configured or it cannot be read (applyOne says why). */
async function parse(deps: AppDeps, row: Row): Promise<Parsed | undefined> {
  const source = sources[row.source];
  const adapter = source ? channelAdapters(deps).forChannel(source.channel) : undefined;
  if (!source || !adapter?.parseWebhook) return undefined;
  try {
    return { row, source, events: await adapter.parseWebhook({ headers: row.headers, rawBody: row.rawBody }) };
  } catch {
    return undefined;
  }
}

/** The one person's message a delivery brings, when it can be applied with others of its batch. */
function personMessage(p: Parsed): InboundMessageEvent | undefined {
  const [ev] = p.events;
  return p.events.length === 1 && ev && appliesInBatch(p.source.channel, ev) ? ev : undefined;
}

/**
 * A run of people's messages in one savepoint, set-based (applyPersonMessages), marked processed in one statement.
 * When the run fails, it is rolled back and each event applied alone instead, so that only what fails is retried.
 */
async function applyRun(
  deps: AppDeps,
  tx: Tx,
  run: (Parsed & { ev: InboundMessageEvent })[],
  lastAttempt: boolean,
  effects: Effects,
  created: { contactId: string; externalId: string }[],
  outcome: Outcome,
) {
  const mine = newEffects();
  const items = run.map((p) => ({
    ctx: { deps, ...p.source, createdContacts: [], lastAttempt } satisfies ApplyContext as ApplyContext,
    ev: p.ev,
  }));
  try {
    await tx.transaction(async (sp) => {
      await applyPersonMessages(sp, items, mine);
      await sp
        .update(webhookEvents)
        .set({
          state: 'processed',
          processedAt: new Date(),
          lastError: null,
          attempts: sql`${webhookEvents.attempts} + 1`,
        })
        .where(
          inArray(
            webhookEvents.id,
            run.map((p) => p.row.id),
          ),
        );
    });
  } catch (err) {
    deps.logger.info({ events: run.length, failure: describeFailure(err) }, 'inbound run applied one by one');
    for (const p of run) outcome[await applyOne(deps, tx, p.row, lastAttempt, effects, created, p.events)]++;
    return;
  }
  mergeEffects(effects, mine);
  for (const { ctx } of items) if (ctx.channel === 'zalo_oa') created.push(...ctx.createdContacts);
  outcome.processed += run.length;
}

async function applyOne(
  deps: AppDeps,
  tx: Tx,
  row: Row,
  lastAttempt: boolean,
  effects: Effects,
  created: { contactId: string; externalId: string }[],
  parsed?: InboundEvent[],
): Promise<'processed' | 'ignored' | 'failed' | 'retry'> {
  const source = sources[row.source];
  const adapter: ChannelAdapter | undefined = source ? channelAdapters(deps).forChannel(source.channel) : undefined;
  if (!source || !adapter?.parseWebhook) {
    await mark(tx, row.id, { state: 'failed', lastError: 'channel_not_configured' });
    return 'failed';
  }
  const mine = newEffects();
  const ctx: ApplyContext = { deps, ...source, createdContacts: [], lastAttempt };
  try {
    const events = parsed ?? (await adapter.parseWebhook({ headers: row.headers, rawBody: row.rawBody }));
    const applied = await tx.transaction(async (sp) => {
      let any = false;
      for (const ev of events) any = (await applyInboundEvent(sp, ctx, ev, mine)) || any;
      return any;
    });
    await mark(tx, row.id, { state: applied ? 'processed' : 'ignored', processedAt: new Date(), lastError: null });
    mergeEffects(effects, mine);
    if (source.channel === 'zalo_oa') created.push(...ctx.createdContacts);
    return applied ? 'processed' : 'ignored';
  } catch (err) {
    // what is kept and logged names the failure, never the query parameters (they hold what the patient wrote)
    const message = describeFailure(err);
    deps.logger.warn({ webhookEventId: row.id, source: row.source, failure: message }, 'inbound event failed');
    await mark(tx, row.id, { state: lastAttempt ? 'failed' : 'received', lastError: message });
    return lastAttempt ? 'failed' : 'retry';
  }
}

function mark(tx: Tx, id: string, set: Partial<typeof webhookEvents.$inferInsert>) {
  return tx
    .update(webhookEvents)
    .set({ ...set, attempts: sql`${webhookEvents.attempts} + 1` })
    .where(eq(webhookEvents.id, id));
}

function describeFailure(err: unknown): string {
  if (err instanceof ReceiptTooEarlyError) return 'receipt_before_send';
  let e = err as { code?: string; name?: string; cause?: unknown } | undefined;
  while (e) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return `database_error_${e.code}`;
    e = e.cause as typeof e;
  }
  return (err as { name?: string })?.name ?? 'error';
}
