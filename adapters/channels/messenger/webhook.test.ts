import { describe, expect, it } from 'vitest';
import { classifyMessengerError } from './errors.ts';
import {
  messengerEnvelope,
  messengerHandshake,
  messengerSignature,
  parseMessengerWebhook,
  verifyMessengerWebhook,
} from './webhook.ts';

const secret = 'meta-app-secret';
const page = '111';
const signed = (body: unknown) => {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return { headers: { 'x-hub-signature-256': messengerSignature(secret, raw) }, rawBody: raw };
};
const delivery = (...messaging: Record<string, unknown>[]) => ({
  object: 'page',
  entry: [{ id: page, time: 1, messaging }],
});

describe('Messenger webhook (PROVIDERS.md §4)', () => {
  it('verifies X-Hub-Signature-256 over the raw bytes, escapes included', () => {
    // Meta sends non-ASCII escaped; re-serialising the parsed JSON would change the bytes
    const raw =
      '{"object":"page","entry":[{"id":"111","time":1,"messaging":[{"message":{"mid":"m","text":"Ch\\u00e0o"}}]}]}';
    expect(verifyMessengerWebhook(signed(raw), { appSecret: secret, verifyToken: 't' })).toEqual({ ok: true });
    const reserialised = JSON.stringify(JSON.parse(raw));
    expect(
      verifyMessengerWebhook(
        { headers: signed(raw).headers, rawBody: reserialised },
        { appSecret: secret, verifyToken: 't' },
      ),
    ).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyMessengerWebhook({ headers: {}, rawBody: 'x' }, { appSecret: secret, verifyToken: 't' })).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('answers the GET handshake only for the right token', () => {
    const q = { 'hub.mode': 'subscribe', 'hub.verify_token': 'tok-123', 'hub.challenge': '42' };
    expect(messengerHandshake(q, { verifyToken: 'tok-123' })).toBe('42');
    expect(messengerHandshake({ ...q, 'hub.verify_token': 'x' }, { verifyToken: 'tok-123' })).toBeNull();
    expect(messengerHandshake({ ...q, 'hub.mode': 'unsubscribe' }, { verifyToken: 'tok-123' })).toBeNull();
  });

  it('parses a batch: message with attachments and quick reply, postback, echo, delivery, read, reaction', async () => {
    const events = await parseMessengerWebhook(
      signed(
        delivery(
          {
            sender: { id: 'psid1' },
            recipient: { id: page },
            timestamp: 10,
            message: {
              mid: 'm1',
              text: 'Đặt lịch',
              quick_reply: { payload: 'BOOK' },
              attachments: [{ type: 'image', payload: { url: 'https://x/i.jpg' } }],
            },
          },
          {
            sender: { id: 'psid1' },
            recipient: { id: page },
            timestamp: 11,
            postback: { title: 'Bắt đầu', payload: 'GET_STARTED' },
          },
          {
            sender: { id: page },
            recipient: { id: 'psid1' },
            timestamp: 12,
            message: { mid: 'm2', text: 'Dạ', is_echo: true, app_id: 9 },
          },
          {
            sender: { id: 'psid1' },
            recipient: { id: page },
            timestamp: 13,
            delivery: { mids: ['m2'], watermark: 12 },
          },
          { sender: { id: 'psid1' }, recipient: { id: page }, timestamp: 14, read: { watermark: 13 } },
          {
            sender: { id: 'psid1' },
            recipient: { id: page },
            timestamp: 15,
            reaction: { reaction: 'love', mid: 'm2' },
          },
        ),
      ),
    );
    expect(events).toMatchObject([
      {
        type: 'message',
        providerMessageId: 'm1',
        text: 'Đặt lịch',
        payload: 'BOOK',
        contentType: 'image',
        echo: false,
      },
      {
        type: 'message',
        contentType: 'postback',
        text: 'Bắt đầu',
        payload: 'GET_STARTED',
        providerMessageId: 'postback-psid1-11',
      },
      { type: 'message', echo: true, person: { externalId: 'psid1' } },
      { type: 'delivered', providerMessageIds: ['m2'], watermark: new Date(12) },
      { type: 'read', providerMessageIds: [], watermark: new Date(13) },
      { type: 'ignored', eventName: 'reaction' },
    ]);
    expect(messengerEnvelope(signed(delivery({ message: {} })))?.dedupeKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(messengerEnvelope(signed({ object: 'user', entry: [] }))).toBeNull();
  });

  it('classifies Graph errors (PROVIDERS.md §4.4)', () => {
    expect(classifyMessengerError(400, 10, 2018278).name).toBe('PermanentError');
    expect(classifyMessengerError(400, 613, undefined).name).toBe('RateLimitError');
    expect(classifyMessengerError(500, 2, undefined).name).toBe('TransientError');
    expect(classifyMessengerError(503, undefined, undefined).name).toBe('TransientError');
    expect(classifyMessengerError(400, 551, 1545041).reason).toMatch(/không nhận được/);
    expect(classifyMessengerError(400, 100, 2018001).reason).toMatch(/Không tìm thấy/);
  });
});
