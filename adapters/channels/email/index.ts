import type { ChannelAdapter, RawRequest } from '../types.ts';
import { createEmailSender, type EmailSenderOptions } from './client.ts';
import { emailEnvelope, parseEmail } from './webhook.ts';

export { smtpTransport } from './client.ts';
export { classifySmtpError } from './errors.ts';
export { type SmtpListener, type SmtpListenerOptions, startSmtpListener } from './listener.ts';
export { bareMessageId, mimeToRaw, parseDeliveryStatus, rawToMime } from './webhook.ts';

export type EmailAdapterOptions = EmailSenderOptions;

/**
 * Email: replies by SMTP (nodemailer), inbound mail from the SMTP listener. There is no webhook signature: the
 * listener accepts mail only for the clinic's mailbox.
 */
export function createEmailAdapter(opts: EmailAdapterOptions) {
  const sender = createEmailSender(opts);
  return {
    channel: 'email',
    send: sender.send,
    webhookEnvelope: emailEnvelope,
    parseWebhook: (req: RawRequest) => parseEmail(req, opts.fromAddress),
    close: sender.close,
  } satisfies ChannelAdapter & { close: unknown };
}

export type EmailAdapter = ReturnType<typeof createEmailAdapter>;
