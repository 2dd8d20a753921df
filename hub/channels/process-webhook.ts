import type { Job, Processor } from 'bullmq';
import { and, eq, sql } from 'drizzle-orm';
import type { ChannelAdapter, InboundEvent } from '../../adapters/channels/types.ts';
import { type Channel, contactIdentities, type IdentityChannel, webhookEvents } from '../../db/schema/index.ts';
import { newEffects, runEffects } from '../inbox/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { type ApplyContext, applyInboundEvent, ReceiptTooEarlyError } from './apply-inbound-event.ts';
import { channelAdapters } from './channel-registry.ts';
import { type InboundJobData, requeueStranded } from './webhook-store.ts';

/** The scheduled job that re-queues stored events no worker took (a crash between commit and queueing). */
export const intakeSweep = 'intake-sweep';

const sources: Record<string, { channel: Channel; identity: IdentityChannel }> = {
  zalo_oa: { channel: 'zalo_oa', identity: 'zalo_oa' },
  messenger: { channel: 'messenger', identity: 'messenger' },
  email: { channel: 'email', identity: 'email' },
};

/** Names of Zalo users seen for the first time, from the OA's user-detail API (best effort, outside the transaction). */
async function zaloProfiles(deps: AppDeps, events: InboundEvent[]) {
  const out = new Map<string, { displayName?: string; avatarUrl?: string }>();
  const zalo = channelAdapters(deps.config).zaloOa;
  if (!zalo) return out;
  const ids = [
    ...new Set(
      events.flatMap((e) => (e.type === 'message' || e.type === 'follow' ? [e.person.externalId] : [])).filter(Boolean),
    ),
  ];
  for (const id of ids) {
    const [known] = await deps.db
      .select({ id: contactIdentities.id })
      .from(contactIdentities)
      .where(and(eq(contactIdentities.channel, 'zalo_oa'), eq(contactIdentities.externalId, id)));
    if (known) continue;
    try {
      const p = await zalo.getUserProfile(id);
      out.set(id, { displayName: p.displayName, avatarUrl: p.avatar });
    } catch {
      // a nameless contact ("Khách Zalo …1234") until staff or the person fill it in
    }
  }
  return out;
}

/**
 * The `inbound` queue: turns one stored provider delivery into contacts, conversations, messages and delivery
 * states, in one transaction with marking the event processed. A re-run finds the event processed (or the message
 * ids already stored) and changes nothing.
 */
export function inboundProcessor(deps: AppDeps): Processor<InboundJobData> {
  return async (job: Job<InboundJobData>) => {
    if (job.name === intakeSweep) return { requeued: await requeueStranded(deps) };
    const [row] = await deps.db.select().from(webhookEvents).where(eq(webhookEvents.id, job.data.webhookEventId));
    if (!row || row.state === 'processed' || row.state === 'ignored') return 'skipped';
    const source = sources[row.source];
    const adapter: ChannelAdapter | undefined = source
      ? channelAdapters(deps.config).forChannel(source.channel)
      : undefined;
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (!source || !adapter?.parseWebhook) {
      await deps.db
        .update(webhookEvents)
        .set({ state: 'failed', lastError: 'channel_not_configured', attempts: sql`${webhookEvents.attempts} + 1` })
        .where(eq(webhookEvents.id, row.id));
      return 'channel_not_configured';
    }
    try {
      const events = await adapter.parseWebhook({ headers: row.headers, rawBody: row.rawBody });
      const ctx: ApplyContext = {
        deps,
        ...source,
        profiles: source.channel === 'zalo_oa' ? await zaloProfiles(deps, events) : new Map(),
        lastAttempt,
      };
      const effects = newEffects();
      await deps.db.transaction(async (tx) => {
        let applied = false;
        for (const ev of events) applied = (await applyInboundEvent(tx, ctx, ev, effects)) || applied;
        await tx
          .update(webhookEvents)
          .set({
            state: applied ? 'processed' : 'ignored',
            processedAt: new Date(),
            attempts: sql`${webhookEvents.attempts} + 1`,
            lastError: null,
          })
          .where(eq(webhookEvents.id, row.id));
      });
      await runEffects(deps, effects);
      return 'processed';
    } catch (err) {
      const message = err instanceof ReceiptTooEarlyError ? 'receipt_before_send' : String(err).slice(0, 500);
      await deps.db
        .update(webhookEvents)
        .set({
          state: lastAttempt ? 'failed' : 'received',
          lastError: message,
          attempts: sql`${webhookEvents.attempts} + 1`,
        })
        .where(eq(webhookEvents.id, row.id));
      throw err;
    }
  };
}
