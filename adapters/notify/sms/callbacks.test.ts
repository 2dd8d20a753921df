import { describe, expect, it } from 'vitest';
import { parseEsmsCallback, verifyEsmsCallback } from './esms/webhook.ts';
import { callbackParams, callbackToken } from './gateway.ts';
import { parseSpeedSmsCallback, verifySpeedSmsCallback } from './speedsms/webhook.ts';

const secret = 'esms-secret-key';
const token = callbackToken(secret, 'esms');
const esms = (params: Record<string, string>, as: 'query' | 'body' = 'query') => {
  const q = new URLSearchParams({ token, SMSID: 'dc71', RequestId: 'n-1', ...params }).toString();
  return as === 'query' ? { headers: {}, rawBody: '', query: q } : { headers: {}, rawBody: q };
};

describe('eSMS delivery callbacks (GET with query parameters)', () => {
  it('checks the token whether the route hands the query over as query or as body', () => {
    expect(verifyEsmsCallback(esms({}), secret)).toEqual({ ok: true });
    expect(verifyEsmsCallback(esms({}, 'body'), secret)).toEqual({ ok: true });
    expect(verifyEsmsCallback(esms({ token: 'f'.repeat(32) }), secret)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyEsmsCallback({ headers: {}, rawBody: '' }, secret)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('tolerates a gateway that joins its parameters with a second "?"', () => {
    const q = callbackParams({ headers: {}, rawBody: '', query: `token=${token}?SMSID=dc71&SendStatus=5` });
    expect([q.get('token'), q.get('SMSID'), q.get('SendStatus')]).toEqual([token, 'dc71', '5']);
  });

  it('reports finished sends only: delivered, failed, rejected; pending states give nothing', () => {
    const ok = parseEsmsCallback(esms({ SendStatus: '5', SendSuccess: '1', SendFailed: '0', TotalPrice: '850.0000' }));
    expect(ok).toMatchObject([
      { channel: 'sms', providerMessageId: 'dc71', trackingId: 'n-1', state: 'delivered', costVnd: 850 },
    ]);
    const failed = parseEsmsCallback(esms({ SendStatus: '5', SendSuccess: '0', SendFailed: '1', error_info: 'X' }));
    expect(failed).toMatchObject([{ state: 'failed', code: 'X' }]);
    expect(parseEsmsCallback(esms({ SendStatus: '4' }))).toMatchObject([{ state: 'failed', code: 'rejected' }]);
    expect(parseEsmsCallback(esms({ SendStatus: '7' }))).toEqual([]);
  });
});

describe('SpeedSMS delivery callbacks (JSON POST)', () => {
  const access = 'speedsms-access-token';
  const req = (body: unknown, t = callbackToken(access, 'speedsms')) => ({
    headers: {},
    rawBody: JSON.stringify(body),
    query: `token=${t}`,
  });

  it('checks the token of the registered URL', () => {
    expect(verifySpeedSmsCallback(req({ type: 'report', tranId: 1, status: 0 }), access)).toEqual({ ok: true });
    expect(verifySpeedSmsCallback(req({ type: 'report' }, 'nope'), access)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifySpeedSmsCallback({ headers: {}, rawBody: 'x' }, access)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('status 0 delivered, ≥ 64 failed, in between not final; incoming messages are no reports', () => {
    expect(parseSpeedSmsCallback(req({ type: 'report', tranId: 42, phone: '84901', status: 0 }))).toMatchObject([
      { providerMessageId: '42', state: 'delivered' },
    ]);
    expect(parseSpeedSmsCallback(req({ type: 'report', tranId: 42, status: 64 }))).toMatchObject([
      { state: 'failed', code: '64' },
    ]);
    expect(parseSpeedSmsCallback(req({ type: 'report', tranId: 42, status: 12 }))).toEqual([]);
    expect(parseSpeedSmsCallback(req({ type: 'incoming', phone: '84901', content: 'HUY' }))).toEqual([]);
  });
});
