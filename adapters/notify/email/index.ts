import type { RawRequest } from '../../channels/types.ts';
import type { NotifyAdapter } from '../types.ts';
import { createNotifyEmailSender, messageIdDomain, type NotifyEmailOptions } from './client.ts';
import { parseDsn, verifyDsn } from './dsn.ts';

export type { NotifyEmailOptions } from './client.ts';
export { openEnvelopeId } from './envelope-id.ts';

/**
 * Email notifications over SMTP (nodemailer), reusing the inbox's transport and error classes. Delivery reports are
 * mails (DSN) to `bounceAddress`: hand the listener's `mimeToRaw(mime)` to verifyCallback / parseCallback.
 */
export function createNotifyEmailAdapter(opts: NotifyEmailOptions): NotifyAdapter & { close(): void } {
  const sender = createNotifyEmailSender(opts);
  const domain = messageIdDomain(opts);
  return {
    channel: 'email',
    provider: 'smtp',
    account: opts.fromAddress,
    send: sender.send,
    verifyCallback: (req: RawRequest) => verifyDsn(req, opts.signingSecret),
    parseCallback: (req: RawRequest) => parseDsn(req, opts.signingSecret, domain),
    close: sender.close,
  };
}
