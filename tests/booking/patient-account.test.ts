import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, consents } from '../../db/schema/index.ts';
import { createTestApp } from '../support/hub.ts';
import { type BookingTestApp, createBookingTestApp, freeSlots, PatientClient } from './support.ts';

let b: BookingTestApp;
let p: PatientClient;
let contactId: string;

beforeAll(async () => {
  b = await createBookingTestApp();
  p = new PatientClient(b.t);
  contactId = (await p.signIn(b.sandbox.url, { name: 'Võ Thị Mai' })).me.contact.id;
});
afterAll(async () => {
  await b?.close();
});

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe('family profiles', () => {
  it('are validated: CCCD 12 digits, BHYT number, mobile phone, birth date', async () => {
    const base = { relationship: 'child', fullName: 'Võ Minh Khang', sex: 'male' };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ nationalId: '12345' }, /CCCD gồm đúng 12 chữ số/],
      [{ insuranceNumber: 'XYZ' }, /thẻ BHYT/],
      [{ phone: '0123' }, /Số điện thoại/],
      [{ birthDate: '2999-01-01' }, /Ngày sinh không hợp lệ/],
      [{ fullName: 'A' }, /Họ tên quá ngắn/],
      [{ sex: 'robot' }, /Giới tính/],
    ];
    for (const [extra, message] of cases) {
      const res = await p.request('POST', '/profiles', { ...base, ...extra });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toMatch(message);
    }
    expect(((await (await p.request('GET', '/profiles')).json()) as { items: unknown[] }).items).toHaveLength(0);
  });

  it('are created, read, changed and removed, phones normalised to 84…', async () => {
    const res = await p.request('POST', '/profiles', {
      relationship: 'parent',
      fullName: '  Võ Văn Tám ',
      birthDate: '1958-07-21',
      sex: 'male',
      phone: '0912 345 678',
      nationalId: '001058012345',
      insuranceNumber: 'ht2790123456789',
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; phone: string; fullName: string; insuranceNumber: string };
    expect(created).toMatchObject({ phone: '84912345678', fullName: 'Võ Văn Tám', insuranceNumber: 'HT2790123456789' });
    const changed = await p.request('PATCH', `/profiles/${created.id}`, { address: 'Phường Bến Nghé, Quận 1' });
    expect(((await changed.json()) as { address: string }).address).toBe('Phường Bến Nghé, Quận 1');
    // the CCCD is unique across the clinic
    const dup = await p.request('POST', '/profiles', {
      relationship: 'other',
      fullName: 'Người khác',
      sex: 'female',
      nationalId: '001058012345',
    });
    expect(dup.status).toBe(409);
    expect((await errorOf(dup)).code).toBe('national_id_taken');
    expect((await p.request('DELETE', `/profiles/${created.id}`)).status).toBe(204);
    expect((await p.request('GET', `/profiles/${created.id}`)).status).toBe(404);
  });

  it('keep one "self", and keep any profile that has a booking', async () => {
    const self = await p.addProfile({ fullName: 'Võ Thị Mai' });
    const second = await p.request('POST', '/profiles', {
      relationship: 'self',
      fullName: 'Võ Thị Mai B',
      sex: 'female',
    });
    expect(second.status).toBe(409);
    const slot = (await freeSlots(b.t))[0]!;
    await p.request('POST', '/appointments', { slotId: slot.slotId, profileId: self.id });
    const del = await p.request('DELETE', `/profiles/${self.id}`);
    expect(del.status).toBe(409);
    expect((await errorOf(del)).code).toBe('profile_in_use');
  });
});

describe('Mini App permissions', () => {
  it('are recorded with the reason shown and the time; notifications also record the consent', async () => {
    const reason = 'Để gửi nhắc lịch khám và thông báo kết quả cho bạn';
    const res = await p.request('POST', '/permissions', { scope: 'notifications', granted: true, reasonShown: reason });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as {
      items: { scope: string; granted: boolean; reasonShown: string; decidedAt: string }[];
    };
    expect(items.find((i) => i.scope === 'notifications')).toMatchObject({ granted: true, reasonShown: reason });
    const [consent] = await b.t.db
      .select()
      .from(consents)
      .where(and(eq(consents.contactId, contactId), eq(consents.channel, 'miniapp')));
    expect(consent).toMatchObject({ purpose: 'transactional', status: 'granted', source: 'miniapp' });
    await p.request('POST', '/permissions', { scope: 'notifications', granted: false });
    const me = (await (await p.request('GET', '/me')).json()) as { permissions: { scope: string; granted: boolean }[] };
    expect(me.permissions.find((i) => i.scope === 'notifications')?.granted).toBe(false);
    const history = await b.t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'patient.permission'), eq(auditLog.subjectId, contactId)));
    expect(history).toHaveLength(2);
    expect((await p.request('POST', '/permissions', { scope: 'camera', granted: true })).status).toBe(400);
  });
});

describe('the Mini App origin', () => {
  it('may call the patient API from Zalo (CORS), other origins are not allowed', async () => {
    const pre = await b.t.app.request('/api/patient/me', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://h5.zdn.vn',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://h5.zdn.vn');
    const other = await b.t.app.request('/api/availability', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('without Zalo credentials or the sandbox', () => {
  it('patient sign-in answers 503 naming what to configure', async () => {
    const bare = await createTestApp({ seed: false });
    try {
      const res = await bare.app.request('/api/patient/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accessToken: 'some-zalo-access-token' }),
      });
      expect(res.status).toBe(503);
      const error = await errorOf(res);
      expect(error.code).toBe('zalo_not_configured');
      expect(error.message).toContain('ZALO_APP_SECRET');
    } finally {
      await bare.close();
    }
  });
});
