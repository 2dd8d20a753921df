import type { Job, Processor } from 'bullmq';
import { eq, sql } from 'drizzle-orm';
import type { ChannelAdapter } from '../../adapters/channels/types.ts';
import { type Channel, contacts, type IdentityChannel, webhookEvents } from '../../db/schema/index.ts';
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

/**
 * Names new Zalo contacts from the OA's user-detail API, after the commit (a slow or failing lookup never holds the
 * transaction or loses the event). Only a placeholder name is replaced.
 */
async function nameNewZaloContacts(deps: AppDeps, created: { contactId: string; externalId: string }[]) {
  const zalo = channelAdapters(deps.config).zaloOa;
  if (!zalo) return;
  for (const c of created) {
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
        createdContacts: [],
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
      if (source.channel === 'zalo_oa') await nameNewZaloContacts(deps, ctx.createdContacts);
      await runEffects(deps, effects);
      return 'processed';
    } catch (err) {
      // what is kept and logged names the failure, never the query parameters (they hold what the patient wrote)
      const message = describeFailure(err);
      await deps.db
        .update(webhookEvents)
        .set({
          state: lastAttempt ? 'failed' : 'received',
          lastError: message,
          attempts: sql`${webhookEvents.attempts} + 1`,
        })
        .where(eq(webhookEvents.id, row.id));
      throw new Error(message, { cause: err });
    }
  };
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
