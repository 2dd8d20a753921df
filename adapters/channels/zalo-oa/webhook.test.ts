import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RateLimitError } from '../errors.ts';
import { classifyZaloError } from './errors.ts';
import { parseZaloWebhook, verifyZaloWebhook, zaloEnvelope } from './webhook.ts';

const appId = '360846524940903967';
const oaId = '388613280878808645';
const oaSecret = 'oa-secret-key-123';
const appSecret = 'app-secret-key-456';
const now = 1_800_000_000_000;
const ts = String(now - 1_000);

const req = (body: unknown, first = appId, secret = oaSecret) => {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const mac = createHash('sha256')
    .update(first + raw + ts + secret)
    .digest('hex');
  return { headers: { 'x-zevent-signature': `mac=${mac}` }, rawBody: raw };
};
const opts = {
  appId,
  oaId,
  oaSecretKey: oaSecret,
  appSecret,
  variants: ['app_id+oa_secret'] as const,
  maxAgeSeconds: 3600,
  now: () => now,
};
const user = { sender: { id: '246845883529197922' }, recipient: { id: oaId }, user_id_by_app: '552177279717587730' };
const envelope = (event_name: string, message: Record<string, unknown>, extra: Record<string, unknown> = user) => ({
  app_id: appId,
  ...extra,
  event_name,
  message,
  timestamp: ts,
});

describe('Zalo webhook signature (PROVIDERS.md §1.6, §9.1)', () => {
  const body = envelope('user_send_text', { msg_id: 'm1', text: 'Cho tôi đặt lịch khám' });

  it('accepts sha256(appId + body + timestamp + OA secret) and names the variant', () => {
    expect(verifyZaloWebhook(req(body), opts)).toEqual({ ok: true, variant: 'app_id+oa_secret' });
  });

  it('accepts the other variants only when configured', () => {
    const withOaId = req(body, oaId, oaSecret);
    expect(verifyZaloWebhook(withOaId, opts)).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(verifyZaloWebhook(withOaId, { ...opts, variants: ['app_id+oa_secret', 'oa_id+oa_secret'] })).toEqual({
      ok: true,
      variant: 'oa_id+oa_secret',
    });
    const withAppSecret = req(body, appId, appSecret);
    expect(verifyZaloWebhook(withAppSecret, { ...opts, variants: ['app_id+app_secret'] })).toMatchObject({ ok: true });
  });

  it('refuses a wrong or missing mac, an altered body, a stale or future timestamp, and reports malformed bodies', () => {
    const good = req(body);
    expect(verifyZaloWebhook({ ...good, headers: {} }, opts)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyZaloWebhook({ ...good, rawBody: good.rawBody.replace('khám', 'răng') }, opts)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyZaloWebhook(good, { ...opts, now: () => now + 2 * 3_600_000 })).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifyZaloWebhook(good, { ...opts, now: () => now - 10 * 60_000 })).toEqual({ ok: false, reason: 'stale' });
    expect(verifyZaloWebhook({ headers: {}, rawBody: '{"event_name":' }, opts)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verifyZaloWebhook(req({ event_name: 'follow' }), opts)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('Zalo webhook events (PROVIDERS.md §1.6)', () => {
  const parse = async (b: unknown) => parseZaloWebhook(req(b));

  it('user text, with the OA-scoped and app-scoped ids', async () => {
    const [e] = await parse(envelope('user_send_text', { msg_id: 'm1', text: 'Xin chào' }));
    expect(e).toMatchObject({
      type: 'message',
      providerMessageId: 'm1',
      contentType: 'text',
      text: 'Xin chào',
      echo: false,
      inboxKey: oaId,
      person: { externalId: '246845883529197922', appScopedId: '552177279717587730' },
      at: new Date(Number(ts)),
    });
  });

  it.each([
    [
      'user_send_image',
      { type: 'image', payload: { url: 'https://z/i.jpg', thumbnail: 'https://z/t.jpg' } },
      { kind: 'image', url: 'https://z/i.jpg', thumbnailUrl: 'https://z/t.jpg' },
    ],
    ['user_send_gif', { type: 'gif', payload: { url: 'https://z/g.gif' } }, { kind: 'image', url: 'https://z/g.gif' }],
    [
      'user_send_file',
      { type: 'file', payload: { url: 'https://z/f.pdf', name: 'kết quả.pdf', size: '2048', type: 'pdf' } },
      { kind: 'file', name: 'kết quả.pdf', sizeBytes: 2048 },
    ],
    [
      'user_send_audio',
      { type: 'audio', payload: { url: 'https://z/a.aac' } },
      { kind: 'audio', url: 'https://z/a.aac' },
    ],
    [
      'user_send_video',
      { type: 'video', payload: { url: 'https://z/v.mp4', thumbnail: 'https://z/v.jpg' } },
      { kind: 'video' },
    ],
    [
      'user_send_sticker',
      { type: 'sticker', payload: { id: 'st1', url: 'https://z/s.png' } },
      { kind: 'sticker', name: 'st1' },
    ],
    [
      'user_send_link',
      { type: 'link', payload: { url: 'https://phongkham.vn', description: 'Trang', thumbnail: 'x' } },
      { kind: 'link', url: 'https://phongkham.vn' },
    ],
    [
      'user_send_location',
      { type: 'location', payload: { coordinates: { latitude: '21.02', longitude: '105.83' } } },
      { kind: 'location', latitude: 21.02, longitude: 105.83 },
    ],
    [
      'user_send_business_card',
      { type: 'business_card', payload: { thumbnail: 'https://z/qr.png', description: '{"name":"An"}' } },
      { kind: 'file' },
    ],
  ])('%s becomes a message with its attachment', async (event, attachment, expected) => {
    const [e] = await parse(envelope(event, { msg_id: 'm2', text: 'chú thích', attachments: [attachment] }));
    expect(e).toMatchObject({ type: 'message', contentType: event.replace('user_send_', ''), attachments: [expected] });
  });

  it.each(['oa_send_text', 'oa_send_image', 'oa_send_gif', 'oa_send_list', 'oa_send_file', 'oa_send_sticker'])(
    '%s (sent from Zalo’s own OA page) is an echo to the user',
    async (event) => {
      const [e] = await parse(
        envelope(
          event,
          { msg_id: 'm3', text: 'Dạ' },
          { sender: { id: oaId }, recipient: { id: '2468' }, user_id_by_app: '55' },
        ),
      );
      expect(e).toMatchObject({ type: 'message', echo: true, person: { externalId: '2468' }, inboxKey: oaId });
    },
  );

  it('delivery and seen receipts name our message ids (seen: the plural msg_ids)', async () => {
    const oaSide = { sender: { id: oaId }, recipient: { id: '2468' }, user_id_by_app: '55' };
    const [d] = await parse(envelope('user_received_message', { msg_id: 'out1' }, oaSide));
    expect(d).toMatchObject({ type: 'delivered', providerMessageIds: ['out1'], person: { externalId: '2468' } });
    const [s] = await parse(envelope('user_seen_message', { msg_ids: ['out1', 'out2'] }, oaSide));
    expect(s).toMatchObject({ type: 'read', providerMessageIds: ['out1', 'out2'] });
  });

  it('follow and unfollow (their own shape), and submitted contact info', async () => {
    const follow = {
      oa_id: oaId,
      follower: { id: '2468' },
      user_id_by_app: '55',
      app_id: appId,
      source: 'qr_code',
      timestamp: ts,
    };
    expect(await parse({ ...follow, event_name: 'follow' })).toMatchObject([
      { type: 'follow', person: { externalId: '2468' } },
    ]);
    expect(await parse({ ...follow, event_name: 'unfollow' })).toMatchObject([{ type: 'unfollow' }]);
    const [info] = await parse({
      ...user,
      app_id: appId,
      oa_id: oaId,
      event_name: 'user_submit_info',
      info: {
        name: 'Nguyễn Văn A',
        phone: '84912345678',
        address: '12 Láng Hạ',
        city: 'Hà Nội',
        district: 'Đống Đa',
        ward: '',
      },
      timestamp: ts,
    });
    expect(info).toMatchObject({
      type: 'contact_info',
      info: { name: 'Nguyễn Văn A', phone: '84912345678', address: '12 Láng Hạ, Đống Đa, Hà Nội' },
    });
  });

  it('keeps unknown events raw and ignores them', async () => {
    expect(await parse(envelope('user_reacted_message', { msg_id: 'x', react_icon: '/-heart' }))).toEqual([
      { type: 'ignored', eventName: 'user_reacted_message' },
    ]);
  });

  it('dedupe keys: the message id with the event name, else name + time + user', () => {
    expect(zaloEnvelope(req(envelope('user_send_text', { msg_id: 'm1', text: 'x' })))).toEqual({
      dedupeKey: 'user_send_text:m1',
      eventType: 'user_send_text',
    });
    const follow = { oa_id: oaId, follower: { id: '2468' }, app_id: appId, event_name: 'follow', timestamp: ts };
    expect(zaloEnvelope(req(follow))?.dedupeKey).toBe(`follow:${ts}:2468`);
    expect(zaloEnvelope(req(envelope('user_send_text', { text: 'no id' })))).toBeNull();
  });
});

describe('Zalo OA error codes (PROVIDERS.md §1.7)', () => {
  it.each([
    [-32, 'RateLimitError'],
    [-200, 'TransientError'],
    [-230, 'PermanentError'],
    [-213, 'PermanentError'],
    [-216, 'PermanentError'],
    [-320, 'PermanentError'],
    [-9999, 'PermanentError'],
  ])('%i → %s', (code, cls) => {
    expect(classifyZaloError(code, 'msg').name).toBe(cls);
  });

  it('a night-time refusal waits until 06:00 Vietnam time', () => {
    const at2300 = Date.UTC(2026, 8, 14, 16, 0, 0); // 23:00 in Hà Nội
    const err = classifyZaloError(-234, 'night', at2300);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryAfterMs).toBe(7 * 3_600_000);
  });
});
