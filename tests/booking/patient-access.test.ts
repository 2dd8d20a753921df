import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactIdentities, contacts } from '../../db/schema/index.ts';
import { issuePatientToken } from '../../hub/patient-auth/patient-token.ts';
import {
  type BookingTestApp,
  createBookingTestApp,
  freeSlots,
  PatientClient,
  phoneToken,
  zaloUser,
} from './support.ts';

let b: BookingTestApp;
let alice: PatientClient;
let bob: PatientClient;
let bobProfile: string;
let bobAppointment: string;

beforeAll(async () => {
  b = await createBookingTestApp();
  alice = new PatientClient(b.t);
  bob = new PatientClient(b.t);
  await alice.signIn(b.sandbox.url, { name: 'Alice Nguyễn' });
  await bob.signIn(b.sandbox.url, { name: 'Bob Trần' });
  await alice.addProfile({ fullName: 'Nguyễn Thị An' });
  bobProfile = (await bob.addProfile({ fullName: 'Trần Văn Bình', sex: 'male' })).id;
  const slot = (await freeSlots(b.t))[0]!;
  const hold = await bob.request('POST', '/appointments', { slotId: slot.slotId, profileId: bobProfile });
  bobAppointment = ((await hold.json()) as { id: string }).id;
  expect((await bob.request('POST', `/appointments/${bobAppointment}/confirm`)).status).toBe(200);
});
afterAll(async () => {
  await b?.close();
});

describe("a patient reaches only their own contact's profiles", () => {
  it("answers 404 for another patient's appointment, whatever the action", async () => {
    for (const [method, path, body] of [
      ['GET', `/appointments/${bobAppointment}`],
      ['GET', `/appointments/${bobAppointment}/qr.svg`],
      ['POST', `/appointments/${bobAppointment}/confirm`],
      ['POST', `/appointments/${bobAppointment}/cancel`],
      ['POST', `/appointments/${bobAppointment}/reschedule`, { slotId: (await freeSlots(b.t))[3]!.slotId }],
    ] as const) {
      const res = await alice.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('appointment_not_found');
    }
    // and Bob's appointment is untouched
    const mine = (await (await bob.request('GET', `/appointments/${bobAppointment}`)).json()) as { status: string };
    expect(mine.status).toBe('confirmed');
    const list = (await (await alice.request('GET', '/appointments?view=all')).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(0);
  });

  it("answers 404 for another patient's profile, and will not book for it", async () => {
    expect((await alice.request('GET', `/profiles/${bobProfile}`)).status).toBe(404);
    expect((await alice.request('PATCH', `/profiles/${bobProfile}`, { fullName: 'Đã bị sửa' })).status).toBe(404);
    expect((await alice.request('DELETE', `/profiles/${bobProfile}`)).status).toBe(404);
    const slot = (await freeSlots(b.t))[1]!;
    const hold = await alice.request('POST', '/appointments', { slotId: slot.slotId, profileId: bobProfile });
    expect(hold.status).toBe(404);
    expect(((await hold.json()) as { error: { code: string } }).error.code).toBe('profile_not_found');
    const profile = (await (await bob.request('GET', `/profiles/${bobProfile}`)).json()) as { fullName: string };
    expect(profile.fullName).toBe('Trần Văn Bình');
  });

  it("keeps another patient's notices out of the inbox", async () => {
    const inbox = (await (await alice.request('GET', '/notifications')).json()) as { items: { id: string }[] };
    expect(inbox.items).toHaveLength(0);
    const bobs = (await (await bob.request('GET', '/notifications')).json()) as { items: { id: string }[] };
    expect(bobs.items.length).toBeGreaterThan(0);
    expect((await alice.request('POST', `/notifications/${bobs.items[0]!.id}/read`)).status).toBe(404);
  });
});

describe('hub tokens', () => {
  const probe = (token: string) =>
    b.t.app.request('/api/patient/me', { headers: { authorization: `Bearer ${token}` } });

  it('refuse a forged, altered, expired or missing token with 401', async () => {
    const contactId = (await (await bob.request('GET', '/me')).json()) as { contact: { id: string } };
    const forged = issuePatientToken('x'.repeat(40), { contactId: contactId.contact.id, zaloUserId: '1' }, 60).token;
    const expired = issuePatientToken(
      b.t.deps.config.PATIENT_TOKEN_SECRET,
      { contactId: contactId.contact.id, zaloUserId: '1' },
      60,
      Date.now() - 2 * 3600_000,
    ).token;
    const [v, , sig] = alice.token.split('.');
    const swapped = `${v}.${bob.token.split('.')[1]}.${sig}`;
    for (const token of [forged, expired, swapped, 'garbage']) {
      const res = await probe(token);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/đăng nhập/);
    }
    expect((await b.t.app.request('/api/patient/me')).status).toBe(401);
    expect((await probe(bob.token)).status).toBe(200);
  });

  it('are only issued for an access token Zalo vouches for', async () => {
    const res = await new PatientClient(b.t).request('POST', '/session', { accessToken: 'made-up-access-token' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('zalo_token_invalid');
    const z = await zaloUser(b.sandbox.url);
    const mismatch = await new PatientClient(b.t).request('POST', '/session', {
      accessToken: z.accessToken,
      zaloUserId: '123456789',
    });
    expect(mismatch.status).toBe(401);
  });

  it('sign the same Zalo user in to the same contact every time', async () => {
    const z = await zaloUser(b.sandbox.url, { name: 'Phạm Thu' });
    const first = new PatientClient(b.t);
    const again = new PatientClient(b.t);
    const [s1, s2] = await Promise.all([
      first.request('POST', '/session', { accessToken: z.accessToken }),
      again.request('POST', '/session', { accessToken: z.accessToken }),
    ]);
    const a = (await s1.json()) as { me: { contact: { id: string } } };
    const c = (await s2.json()) as { me: { contact: { id: string } } };
    expect(a.me.contact.id).toBe(c.me.contact.id);
    const ids = await b.t.db
      .select()
      .from(contactIdentities)
      .where(and(eq(contactIdentities.channel, 'miniapp'), eq(contactIdentities.externalId, z.id)));
    expect(ids).toHaveLength(1);
  });
});

describe('the phone number', () => {
  it('comes only from the server-side exchange of a Zalo phone token', async () => {
    const p = new PatientClient(b.t);
    const s = await p.signIn(b.sandbox.url, { phone: '84987650001' });
    expect(s.me.contact.id).toBeTruthy();

    const bogus = await p.request('POST', '/phone', { accessToken: s.zalo.accessToken, phoneToken: '84911111111' });
    expect(bogus.status).toBe(400);
    expect(((await bogus.json()) as { error: { code: string } }).error.code).toBe('phone_token_invalid');
    let [contact] = await b.t.db.select().from(contacts).where(eq(contacts.id, s.me.contact.id));
    expect(contact!.phone).toBeNull();

    // another Zalo user's access token cannot put their number on this account
    const stranger = await zaloUser(b.sandbox.url, { phone: '84987650002' });
    const theirs = await p.request('POST', '/phone', {
      accessToken: stranger.accessToken,
      phoneToken: await phoneToken(b.sandbox.url, stranger.accessToken),
    });
    expect(theirs.status).toBe(401);

    const token = await phoneToken(b.sandbox.url, s.zalo.accessToken);
    const ok = await p.request('POST', '/phone', { accessToken: s.zalo.accessToken, phoneToken: token });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { me: { contact: { phone: string; phoneVerified: boolean } } };
    expect(body.me.contact).toMatchObject({ phone: '84987650001', phoneVerified: true });
    [contact] = await b.t.db.select().from(contacts).where(eq(contacts.id, s.me.contact.id));
    expect(contact!.phone).toBe('84987650001');

    const reused = await p.request('POST', '/phone', { accessToken: s.zalo.accessToken, phoneToken: token });
    expect(reused.status).toBe(400);
  });

  it("links the Mini App to the clinic's existing contact with that verified phone", async () => {
    // a seeded hotline contact with family profiles
    const [existing] = await b.t.db
      .select({ id: contacts.id, phone: contacts.phone })
      .from(contacts)
      .where(eq(contacts.firstChannel, 'hotline'))
      .limit(1);
    const p = new PatientClient(b.t);
    const s = await p.signIn(b.sandbox.url, { phone: existing!.phone! });
    const res = await p.request('POST', '/phone', {
      accessToken: s.zalo.accessToken,
      phoneToken: await phoneToken(b.sandbox.url, s.zalo.accessToken),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      token: string;
      linkedExistingContact: boolean;
      me: { contact: { id: string }; profiles: unknown[] };
    };
    expect(body.linkedExistingContact).toBe(true);
    expect(body.me.contact.id).toBe(existing!.id);
    expect(body.me.profiles.length).toBeGreaterThan(0);
    // the old token names the emptied contact: sign in again
    expect((await p.request('GET', '/me')).status).toBe(401);
    p.token = body.token;
    expect((await p.request('GET', '/me')).status).toBe(200);
    // signing in again lands on the linked contact
    const again = (await (await p.request('POST', '/session', { accessToken: s.zalo.accessToken })).json()) as {
      me: { contact: { id: string } };
    };
    expect(again.me.contact.id).toBe(existing!.id);
  });
});
