import { createTransport } from 'nodemailer';
import { PermanentError } from '../errors.ts';
import type { OutboundMessage, SendResult } from '../types.ts';
import { classifySmtpError } from './errors.ts';

export interface EmailSenderOptions {
  /** smtp://host:port or smtps://user:pass@host:port */
  smtpUrl: string;
  /** the clinic mailbox replies come from; delivery reports come back to it */
  fromAddress: string;
  fromName: string;
  timeoutMs?: number;
}

/** The nodemailer SMTP transport every sender of the hub uses (inbox replies, notifications), with its timeouts. */
export function smtpTransport(smtpUrl: string, timeoutMs?: number) {
  return createTransport(smtpUrl, {
    connectionTimeout: timeoutMs ?? 10_000,
    greetingTimeout: timeoutMs ?? 10_000,
    socketTimeout: timeoutMs ?? 30_000,
  } as Record<string, unknown>);
}

/** A clinic reply by SMTP, threaded with In-Reply-To / References and a DSN request (PROVIDERS.md §6). */
export function createEmailSender(opts: EmailSenderOptions) {
  const transport = smtpTransport(opts.smtpUrl, opts.timeoutMs);
  return {
    async send(msg: OutboundMessage): Promise<SendResult> {
      if (!msg.email) throw new PermanentError('local_no_thread', 'Thiếu thông tin luồng email để trả lời');
      const { subject, messageId, inReplyTo, references } = msg.email;
      try {
        const info = await transport.sendMail({
          from: { name: opts.fromName, address: opts.fromAddress },
          to: msg.to,
          subject,
          text: msg.text.normalize('NFC'),
          messageId: `<${messageId}>`,
          ...(inReplyTo ? { inReplyTo: `<${inReplyTo}>` } : {}),
          ...(references?.length ? { references: references.map((r) => `<${r}>`) } : {}),
          envelope: { from: opts.fromAddress, to: msg.to },
          // ask the receiving side for a delivery report (RFC 3461); servers without DSN ignore it
          dsn: {
            id: messageId,
            return: 'headers',
            notify: ['success', 'failure', 'delay'],
            recipient: opts.fromAddress,
          },
          attachments: (msg.attachments ?? []).map((a) => ({ filename: a.name, path: a.url })),
        });
        if (info.rejected.length > 0) {
          throw Object.assign(new Error('rejected'), { responseCode: 550, response: info.response });
        }
        return { providerMessageId: messageId };
      } catch (err) {
        throw classifySmtpError(err);
      }
    },
    close: () => transport.close(),
  };
}
