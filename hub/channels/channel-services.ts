import { mimeToRaw, startSmtpListener } from '../../adapters/channels/email/index.ts';
import { takeNotifyEmailReport } from '../notify/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { jobId } from '../platform/queues.ts';
import { channelAdapters } from './channel-registry.ts';
import { intakeSweep } from './process-webhook.ts';
import { webhookStore } from './webhook-store.ts';

export interface ChannelServices {
  /** the SMTP listener's port, when email is configured */
  smtpPort?: number;
  stop(): Promise<void>;
}

/**
 * What the channels run besides HTTP, in ROLE=worker or all: the intake sweep's schedule, and the SMTP listener that
 * receives mail forwarded to the clinic's address (a message is stored in webhook_events before the SMTP 250, like
 * any webhook).
 */
export async function startChannelServices(deps: AppDeps): Promise<ChannelServices> {
  await deps.queues.inbound.upsertJobScheduler(
    jobId.inboxScheduler(intakeSweep),
    { every: 60_000 },
    { name: intakeSweep, data: {} },
  );
  const adapters = channelAdapters(deps);
  const email = adapters.email;
  const inbox = deps.config.EMAIL_INBOX_ADDRESS;
  if (!email || !inbox) return { stop: async () => adapters.close() };
  const store = webhookStore(deps);
  const listener = await startSmtpListener({
    host: deps.config.EMAIL_LISTEN_HOST,
    port: deps.config.EMAIL_LISTEN_PORT,
    mailboxes: [inbox],
    maxBytes: deps.config.EMAIL_MAX_BYTES,
    async onMessage(mime, envelope) {
      const raw = mimeToRaw(mime);
      // a delivery report of a notification email (signed envelope id) belongs to the notifications (hub/notify)
      if (await takeNotifyEmailReport(deps, raw)) return;
      const env = email.webhookEnvelope(raw);
      if (!env) throw Object.assign(new Error('5.6.0 Thư không đúng định dạng'), { responseCode: 550 });
      await store.store({
        source: 'email',
        ...env,
        rawBody: raw.rawBody,
        headers: { ...(raw.headers as Record<string, string>), 'x-envelope-from': envelope.from.slice(0, 254) },
      });
    },
    onError: (err) => deps.logger.warn({ err }, 'smtp listener error'),
  });
  deps.logger.info({ port: listener.port }, 'smtp listener started');
  return {
    smtpPort: listener.port,
    async stop() {
      await listener.close();
      adapters.close();
    },
  };
}
