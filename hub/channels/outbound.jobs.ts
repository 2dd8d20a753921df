import { DelayedError, type Job, type Processor } from 'bullmq';
import { and, eq, ne, sql } from 'drizzle-orm';
import { PermanentError, RateLimitError, TransientError } from '../../adapters/channels/errors.ts';
import { messages } from '../../db/schema/index.ts';
import { replyTopic, runEffects } from '../inbox/index.ts';
import type { AppDeps } from '../platform/context.ts';
import type { OutboxJobData } from '../platform/outbox.ts';
import { channelAdapters, channelLabel } from './channel-registry.ts';

const maxRateLimitWaits = 30;

type OutboundJobData = OutboxJobData & { rateLimitWaits?: number };

async function markFailed(deps: AppDeps, messageId: string, conversationId: string, code: string, reason: string) {
  const r = await deps.db
    .update(messages)
    .set({ deliveryState: 'failed', failureCode: code.slice(0, 100), failureReason: reason.slice(0, 500) })
    .where(and(eq(messages.id, messageId), eq(messages.deliveryState, 'queued')))
    .returning({ id: messages.id });
  if (r.length) {
    await runEffects(deps, {
      events: [{ type: 'message.updated', conversationId, messageId, deliveryState: 'failed', failureReason: reason }],
      assignTeams: new Set(),
    });
  }
}

/**
 * The `outbound` queue: sends one queued reply on its conversation's channel. The provider error's class decides:
 * permanent → the message is parked as failed with the reason staff see; rate limit → the job waits the time the
 * provider asked (not counted as an attempt); transient → retried with backoff, failed after the last attempt.
 */
export function outboundProcessor(deps: AppDeps): Processor<OutboundJobData> {
  return async (job: Job<OutboundJobData>, token?: string) => {
    if (job.data.topic !== replyTopic) return 'not_for_me';
    const messageId = String(job.data.payload.messageId);
    const [m] = await deps.db.select().from(messages).where(eq(messages.id, messageId));
    if (m?.deliveryState !== 'queued') return 'already_handled';
    const adapter = channelAdapters(deps).forChannel(m.channel);
    if (!adapter) {
      await markFailed(
        deps,
        m.id,
        m.conversationId,
        'channel_not_configured',
        `Kênh ${channelLabel[m.channel]} chưa được cấu hình`,
      );
      return 'failed';
    }
    const attempt = job.attemptsMade + 1;
    const attempts = job.opts.attempts ?? 1;
    let result: Awaited<ReturnType<typeof adapter.send>>;
    try {
      result = await adapter.send({
        to: m.meta.externalId ?? '',
        text: m.body ?? '',
        ...(m.meta.messagingTag ? { messagingTag: m.meta.messagingTag } : {}),
        ...(m.meta.email?.messageId
          ? {
              email: {
                subject: m.meta.email.subject ?? '',
                messageId: m.meta.email.messageId,
                inReplyTo: m.meta.email.inReplyTo,
                references: m.meta.email.references,
              },
            }
          : {}),
      });
    } catch (err) {
      if (err instanceof PermanentError) {
        await markFailed(deps, m.id, m.conversationId, err.providerCode, err.reason);
        return 'failed';
      }
      if (err instanceof RateLimitError && (job.data.rateLimitWaits ?? 0) < maxRateLimitWaits && token) {
        await job.updateData({ ...job.data, rateLimitWaits: (job.data.rateLimitWaits ?? 0) + 1 });
        await job.moveToDelayed(Date.now() + err.retryAfterMs, token);
        throw new DelayedError();
      }
      const reason =
        err instanceof TransientError || err instanceof RateLimitError ? err.reason : 'Lỗi không xác định khi gửi';
      const code = err instanceof TransientError || err instanceof RateLimitError ? err.providerCode : 'error';
      if (attempt >= attempts) {
        await markFailed(deps, m.id, m.conversationId, code, `${reason} (đã thử ${attempt} lần)`);
        return 'failed';
      }
      await deps.db
        .update(messages)
        .set({ meta: sql`${messages.meta} || ${JSON.stringify({ attempts: attempt })}::jsonb` })
        .where(eq(messages.id, m.id));
      // logged by the worker: the class and code only (a provider's text may quote the recipient)
      throw new Error(`${(err as Error).name} ${code}`);
    }

    const updated = await deps.db.transaction(async (tx) => {
      // the provider's echo of this very message may have been stored first: fold it into ours
      const echoes = await tx
        .delete(messages)
        .where(
          and(
            eq(messages.channel, m.channel),
            eq(messages.providerMessageId, result.providerMessageId),
            ne(messages.id, m.id),
            sql`${messages.meta}->>'echo' = 'true'`,
          ),
        )
        .returning({
          deliveryState: messages.deliveryState,
          deliveredAt: messages.deliveredAt,
          readAt: messages.readAt,
        });
      const echo = echoes[0];
      const state = result.delivered ? 'delivered' : (echo?.deliveryState ?? 'sent');
      const [row] = await tx
        .update(messages)
        .set({
          providerMessageId: result.providerMessageId,
          deliveryState: state === 'queued' ? 'sent' : state,
          sentAt: new Date(),
          deliveredAt: echo?.deliveredAt ?? (result.delivered ? new Date() : null),
          readAt: echo?.readAt ?? null,
          meta: sql`${messages.meta} || ${JSON.stringify({ attempts: attempt, ...(result.quota ? { quota: result.quota } : {}) })}::jsonb`,
        })
        .where(and(eq(messages.id, m.id), eq(messages.deliveryState, 'queued')))
        .returning({ deliveryState: messages.deliveryState });
      return row;
    });
    if (updated) {
      await runEffects(deps, {
        events: [
          {
            type: 'message.updated',
            conversationId: m.conversationId,
            messageId: m.id,
            deliveryState: updated.deliveryState,
          },
        ],
        assignTeams: new Set(),
      });
    }
    return 'sent';
  };
}
