import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mimeToRaw, rawToMime, startSmtpListener } from '../../channels/email/index.ts';
import type { RawRequest } from '../../channels/types.ts';
import { signEnvelopeId } from './envelope-id.ts';
import { createNotifyEmailAdapter } from './index.ts';

const secret = 'test-envelope-secret-0123456789abcdef';
const received: RawRequest[] = [];
let listener: Awaited<ReturnType<typeof startSmtpListener>>;
let adapter: ReturnType<typeof createNotifyEmailAdapter>;

beforeAll(async () => {
  listener = await startSmtpListener({
    host: '127.0.0.1',
    port: 0,
    mailboxes: ['benhnhan@example.vn', 'cskh@clinic.vn'],
    maxBytes: 1_000_000,
    async onMessage(mime) {
      received.push(mimeToRaw(mime));
    },
  });
  adapter = createNotifyEmailAdapter({
    smtpUrl: `smtp://127.0.0.1:${listener.port}`,
    fromAddress: 'no-reply@clinic.vn',
    fromName: 'Phòng khám ABC',
    bounceAddress: 'cskh@clinic.vn',
    signingSecret: secret,
  });
});
afterAll(async () => {
  adapter?.close();
  await listener?.close();
});

const headOf = (id: string) => {
  const mail = received.find((r) => r.rawBody.includes(id));
  return rawToMime(mail!)
    .toString('utf8')
    .split(/\r?\n\r?\n/)[0]!;
};

describe('notification email', () => {
  const base = {
    to: 'benhnhan@example.vn',
    email: { subject: 'Ưu đãi khám', text: 'Nội dung', html: '<p>Nội dung</p>' },
  };

  it('carries one-click List-Unsubscribe (RFC 2369 + 8058) when it is not transactional', async () => {
    const sent = await adapter.send({
      ...base,
      trackingId: 'n-marketing-1',
      email: { ...base.email, unsubscribeUrl: 'https://hub.clinic.vn/u/tok123' },
    });
    expect(sent.providerMessageId).toBe('n-marketing-1@clinic.vn');
    const head = headOf('n-marketing-1@clinic.vn');
    expect(head).toMatch(/^List-Unsubscribe: <https:\/\/hub\.clinic\.vn\/u\/tok123>/m);
    expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    expect(head).toMatch(/^Message-ID: <n-marketing-1@clinic\.vn>/m);
  });

  it('has no unsubscribe headers on a transactional message', async () => {
    await adapter.send({ ...base, trackingId: 'n-transactional-1' });
    expect(headOf('n-transactional-1@clinic.vn')).not.toMatch(/List-Unsubscribe/i);
  });

  it('accepts a delivery report only with an envelope id the hub signed', () => {
    const dsn = (envid: string, action = 'delivered') => ({
      headers: {},
      rawBody: [
        'From: <mailer-daemon@mx.example.vn>',
        'Date: Sat, 12 Sep 2026 01:30:00 +0000',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
        '',
        '--b',
        'Content-Type: message/delivery-status',
        '',
        `Original-Envelope-Id: ${envid}`,
        '',
        'Final-Recipient: rfc822; benhnhan@example.vn',
        `Action: ${action}`,
        'Status: 5.1.1',
        '--b--',
        '',
      ].join('\r\n'),
    });
    const good = dsn(signEnvelopeId('n-42', secret));
    expect(adapter.verifyCallback!(good)).toEqual({ ok: true });
    expect(adapter.parseCallback!(good)).toEqual([
      {
        channel: 'email',
        providerMessageId: 'n-42@clinic.vn',
        trackingId: 'n-42',
        state: 'delivered',
        at: new Date('2026-09-12T01:30:00Z'),
      },
    ]);
    expect(adapter.parseCallback!(dsn(signEnvelopeId('n-42', secret), 'failed'))).toMatchObject([
      { state: 'failed', code: '5.1.1' },
    ]);
    expect(adapter.verifyCallback!(dsn(signEnvelopeId('n-42', 'someone-elses-secret')))).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(adapter.parseCallback!(dsn('n-42.000000000000000000000000'))).toEqual([]);
    expect(adapter.verifyCallback!({ headers: {}, rawBody: 'Subject: hi\r\n\r\nnot a report' })).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });
});
