import { classifySmtpError, smtpTransport } from '../../channels/email/index.ts';
import { PermanentError } from '../../channels/errors.ts';
import type { NotifyMessage, NotifySendResult } from '../types.ts';
import { signEnvelopeId } from './envelope-id.ts';

export interface NotifyEmailOptions {
  /** smtp://host:port or smtps://user:pass@host:port (the same relay the inbox replies through) */
  smtpUrl: string;
  /** the From of notifications (e.g. no-reply@clinic.vn); its domain names the Message-IDs */
  fromAddress: string;
  fromName: string;
  /** the envelope sender: the hub's own mailbox, where delivery reports (DSN) come back */
  bounceAddress: string;
  /** key of the envelope-id signature that authenticates those reports */
  signingSecret: string;
  timeoutMs?: number;
}

const emailShape = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export function messageIdDomain(opts: Pick<NotifyEmailOptions, 'fromAddress'>): string {
  return opts.fromAddress.split('@')[1]!.toLowerCase();
}

/**
 * A notification by SMTP (PROVIDERS.md §6): text and HTML parts, Message-ID `<trackingId@domain>`, a DSN request
 * (success, failure, delay) with a signed envelope id, and — on everything not transactional — one-click unsubscribe
 * (RFC 2369 List-Unsubscribe + RFC 8058 List-Unsubscribe-Post).
 */
export function createNotifyEmailSender(opts: NotifyEmailOptions) {
  const transport = smtpTransport(opts.smtpUrl, opts.timeoutMs);
  return {
    async send(msg: NotifyMessage): Promise<NotifySendResult> {
      if (!msg.email) throw new PermanentError('local_no_email', 'Thông báo chưa có nội dung email');
      if (!emailShape.test(msg.to)) throw new PermanentError('local_invalid_email', 'Địa chỉ email không hợp lệ');
      const { subject, text, html, unsubscribeUrl } = msg.email;
      const messageId = `${msg.trackingId}@${messageIdDomain(opts)}`;
      try {
        const info = await transport.sendMail({
          from: { name: opts.fromName, address: opts.fromAddress },
          to: msg.to,
          subject: subject.normalize('NFC'),
          text: text.normalize('NFC'),
          html: html.normalize('NFC'),
          messageId: `<${messageId}>`,
          envelope: { from: opts.bounceAddress, to: msg.to },
          dsn: {
            id: signEnvelopeId(msg.trackingId, opts.signingSecret),
            return: 'headers',
            notify: ['success', 'failure', 'delay'],
            recipient: opts.bounceAddress,
          },
          ...(unsubscribeUrl
            ? {
                list: { unsubscribe: unsubscribeUrl },
                headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
              }
            : {}),
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
