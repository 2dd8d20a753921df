import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SmtpListenerOptions {
  host: string;
  port: number;
  /** addresses this listener accepts mail for (lower-case); anything else is refused with 550 */
  mailboxes: string[];
  maxBytes: number;
  /** stores the message; the SMTP 250 is given only after it resolves, so nothing acknowledged is lost */
  onMessage(mime: Buffer, envelope: { from: string; to: string[] }): Promise<void>;
  onError?(err: unknown): void;
}

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

/** The clinic's inbound mailbox: an SMTP server that receives mail forwarded to the clinic address. */
export async function startSmtpListener(opts: SmtpListenerOptions): Promise<SmtpListener> {
  const mailboxes = new Set(opts.mailboxes.map((m) => m.toLowerCase()));
  const server = new SMTPServer({
    name: 'medicrm',
    banner: 'MediCRM inbound mail',
    size: opts.maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideDSN: false,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (mailboxes.has(address.address.toLowerCase())) return callback();
      callback(Object.assign(new Error('5.1.1 Hộp thư không tồn tại'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(Object.assign(new Error('5.3.4 Thư quá lớn'), { responseCode: 552 }));
        }
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
        };
        opts.onMessage(Buffer.concat(chunks), envelope).then(
          () => callback(),
          (err: unknown) => {
            // a refusal the caller decided (malformed mail) keeps its code; anything else is temporary
            const code = (err as { responseCode?: number }).responseCode;
            if (code) return callback(err as Error);
            opts.onError?.(err);
            callback(
              Object.assign(new Error('4.3.0 Tạm thời không nhận được thư, vui lòng gửi lại'), { responseCode: 451 }),
            );
          },
        );
      });
    },
  });
  server.on('error', (err) => opts.onError?.(err));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
