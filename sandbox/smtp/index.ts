import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { simpleParser } from 'mailparser';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { fakePatients } from '../patients.ts';

/**
 * Stand-in for the outside mail system. An SMTP server (the patients' mail provider) receives what the hub sends with
 * nodemailer: known mailboxes only (550 5.1.1 otherwise), a message rate limit (421 4.7.0), temporary failures on
 * request (451 4.3.0); when the sender asked for a delivery report (RFC 3461 NOTIFY=SUCCESS) it mails a
 * multipart/report back (RFC 3464) to the sender's address, i.e. to the hub's SMTP listener.
 *
 * /_sandbox/* is the patient's mail client: read the mailbox, write to the clinic (sent into the hub's listener).
 */
export interface SmtpTwinOptions {
  /** port of the twin's SMTP server; 0 picks a free one */
  smtpPort: number;
  host?: string;
  /** the hub's SMTP listener, where patients' mail and delivery reports are delivered */
  hubSmtp?: { host: string; port: number };
  /** the clinic's address patients write to */
  clinicAddress?: string;
}

interface StoredMail {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  inReplyTo?: string;
  at: string;
  direction: 'received' | 'sent';
  /** sent mail: what the clinic's server answered */
  status?: string;
}

const reportingMta = 'sandbox-mail.medicrm.local';

function deliveryReport(to: string, recipient: string, envid: string | null, originalHeaders: string): string {
  const boundary = `dsn-${randomBytes(8).toString('hex')}`;
  return [
    `From: Mail Delivery System <mailer-daemon@${reportingMta}>`,
    `To: <${to}>`,
    'Subject: Delivery Status Notification (Success)',
    `Message-ID: <${randomBytes(12).toString('hex')}@${reportingMta}>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Your message was delivered to the recipient.',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    `Reporting-MTA: dns; ${reportingMta}`,
    ...(envid ? [`Original-Envelope-Id: ${envid}`] : []),
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    'Action: delivered',
    'Status: 2.0.0',
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    originalHeaders.trim(),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

export function smtpTwin(opts: SmtpTwinOptions) {
  const clinic = opts.clinicAddress ?? 'cskh@demo.medicrm.vn';
  const mailboxes = new Map<string, StoredMail[]>(fakePatients.map((p) => [p.email, []]));
  const settings = { messagesPerMinute: 600, transientFaults: 0 };
  const accepted: number[] = [];
  let server: SMTPServer | undefined;
  let port = opts.smtpPort;

  const toHub = () =>
    opts.hubSmtp
      ? createTransport({ host: opts.hubSmtp.host, port: opts.hubSmtp.port, secure: false, ignoreTLS: true })
      : undefined;

  const smtp = () =>
    new SMTPServer({
      name: reportingMta,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      hideDSN: false,
      logger: false,
      onRcptTo(address, _session, cb) {
        if (mailboxes.has(address.address.toLowerCase())) return cb();
        cb(
          Object.assign(new Error('5.1.1 The email account that you tried to reach does not exist'), {
            responseCode: 550,
          }),
        );
      },
      onData(stream, session, cb) {
        // the session's envelope is reset once the message is answered: keep this one
        const envelope = structuredClone(session.envelope);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', async () => {
          const now = Date.now();
          while (accepted.length && accepted[0]! < now - 60_000) accepted.shift();
          if (accepted.length >= settings.messagesPerMinute) {
            return cb(Object.assign(new Error('4.7.0 Too many messages, slow down'), { responseCode: 421 }));
          }
          if (settings.transientFaults > 0) {
            settings.transientFaults--;
            return cb(
              Object.assign(new Error('4.3.0 Temporary system problem, try again later'), { responseCode: 451 }),
            );
          }
          accepted.push(now);
          const raw = Buffer.concat(chunks);
          const parsed = await simpleParser(raw);
          const messageId = (parsed.messageId ?? '').replace(/^<|>$/g, '');
          for (const r of envelope.rcptTo) {
            mailboxes.get(r.address.toLowerCase())?.push({
              messageId,
              from: envelope.mailFrom ? envelope.mailFrom.address : '',
              to: r.address.toLowerCase(),
              subject: parsed.subject ?? '',
              text: (parsed.text ?? '').trim(),
              inReplyTo: parsed.inReplyTo?.replace(/^<|>$/g, ''),
              at: new Date().toISOString(),
              direction: 'received',
            });
          }
          cb();
          // delivery reports the sender asked for (RFC 3461 NOTIFY=SUCCESS), once the message is in the mailbox
          const from = envelope.mailFrom ? envelope.mailFrom.address : '';
          const transport = toHub();
          if (!from || !transport) return;
          const headers = raw.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '';
          for (const r of envelope.rcptTo) {
            if (!r.dsn?.notify?.includes('SUCCESS')) continue;
            await transport
              .sendMail({
                envelope: { from: `mailer-daemon@${reportingMta}`, to: from },
                raw: deliveryReport(from, r.address, envelope.dsn?.envid ?? null, headers),
              })
              .catch(() => {});
          }
          transport.close();
        });
      },
    });

  const app = new Hono();

  app.get('/_sandbox/mailboxes', (c) =>
    c.json({ items: fakePatients.map((p) => ({ key: p.key, name: p.name, address: p.email })), clinic }),
  );

  app.get('/_sandbox/mailboxes/:address', (c) => {
    const key = c.req.param('address').toLowerCase();
    const address = fakePatients.find((p) => p.key === key)?.email ?? key;
    const box = mailboxes.get(address);
    if (!box) return c.json({ error: 'unknown mailbox' }, 404);
    return c.json({ address, items: box });
  });

  /** The patient writes to the clinic: delivered by SMTP into the hub's listener. */
  app.post('/_sandbox/mailboxes/:address/send', async (c) => {
    const key = c.req.param('address').toLowerCase();
    const patient = fakePatients.find((p) => p.key === key || p.email === key);
    if (!patient) return c.json({ error: 'unknown mailbox' }, 404);
    const transport = toHub();
    if (!transport) return c.json({ error: 'the hub SMTP listener is not configured' }, 503);
    const b = (await c.req.json().catch(() => ({}))) as {
      subject?: string;
      text?: string;
      inReplyTo?: string;
      attachments?: { filename: string; contentType?: string; contentBase64: string }[];
    };
    if (!b.text?.trim()) return c.json({ error: 'text required' }, 400);
    const messageId = `${randomBytes(12).toString('hex')}@${patient.email.split('@')[1]}`;
    const subject = (b.subject ?? 'Hỏi về lịch khám').normalize('NFC');
    const box = mailboxes.get(patient.email)!;
    const record: StoredMail = {
      messageId,
      from: patient.email,
      to: clinic,
      subject,
      text: b.text.normalize('NFC'),
      inReplyTo: b.inReplyTo,
      at: new Date().toISOString(),
      direction: 'sent',
    };
    try {
      const info = await transport.sendMail({
        from: { name: patient.name, address: patient.email },
        to: clinic,
        subject,
        text: record.text,
        messageId: `<${messageId}>`,
        ...(b.inReplyTo ? { inReplyTo: `<${b.inReplyTo}>`, references: [`<${b.inReplyTo}>`] } : {}),
        attachments: (b.attachments ?? []).map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.contentBase64, 'base64'),
        })),
      });
      record.status = info.response;
      box.push(record);
      return c.json({ messageId, response: info.response });
    } catch (err) {
      const e = err as { responseCode?: number; response?: string; message?: string };
      return c.json({ error: e.response ?? e.message ?? String(err), responseCode: e.responseCode ?? null }, 502);
    } finally {
      transport.close();
    }
  });

  app.post('/_sandbox/settings', async (c) => {
    const b = (await c.req.json().catch(() => ({}))) as Partial<typeof settings>;
    for (const k of Object.keys(settings) as (keyof typeof settings)[]) {
      if (b[k] !== undefined) (settings as Record<string, unknown>)[k] = b[k];
    }
    if (b.messagesPerMinute !== undefined) accepted.length = 0;
    return c.json({ ...settings, smtpPort: port });
  });

  app.get('/', (c) =>
    c.html(
      `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Email (giả lập)</title><h1>Máy chủ email — giả lập</h1><p>SMTP cổng ${port}; điện thoại bệnh nhân: <a href="../phone/">/phone/</a></p>`,
    ),
  );

  return {
    app,
    get port() {
      return port;
    },
    async start() {
      const s = smtp();
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(opts.smtpPort, opts.host ?? '127.0.0.1', () => resolve());
      });
      s.on('error', () => {});
      server = s;
      port = (s.server.address() as AddressInfo).port;
    },
    async stop() {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}
