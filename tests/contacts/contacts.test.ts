import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  consents,
  contactIdentities,
  contacts,
  conversations,
  messages,
  patients,
} from '../../db/schema/index.ts';
import { resolveContact } from '../../hub/contacts/index.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function signedIn(email: string) {
  const a = t.agent();
  expect((await a.signIn(email)).status).toBe(200);
  return a;
}

describe('identity resolution', () => {
  it('finds the contact holding an identity, creates one otherwise, and links the Zalo app-scoped id', async () => {
    const first = await t.db.transaction((tx) =>
      resolveContact(tx, {
        channel: 'zalo_oa',
        externalId: '9100000000000000001',
        appScopedId: '5500000000000000001',
        firstChannel: 'zalo_oa',
        source: 'test',
      }),
    );
    expect(first.created).toBe(true);
    const again = await t.db.transaction((tx) =>
      resolveContact(tx, {
        channel: 'zalo_oa',
        externalId: '9100000000000000001',
        firstChannel: 'zalo_oa',
        source: 't',
      }),
    );
    expect(again).toEqual({ contactId: first.contactId, created: false });
    // the same person reaching the Mini App's OA under another OA id is found through the app-scoped id
    const viaApp = await t.db.transaction((tx) =>
      resolveContact(tx, {
        channel: 'zalo_oa',
        externalId: '9100000000000000999',
        appScopedId: '5500000000000000001',
        firstChannel: 'zalo_oa',
        source: 't',
      }),
    );
    expect(viaApp).toEqual({ contactId: first.contactId, created: false });
    const ids = await t.db.select().from(contactIdentities).where(eq(contactIdentities.contactId, first.contactId));
    expect(ids.map((i) => `${i.channel}:${i.externalId}`).sort()).toEqual([
      'miniapp:5500000000000000001',
      'zalo_oa:9100000000000000001',
      'zalo_oa:9100000000000000999',
    ]);
  });

  it('normalises phones to 84… and lower-cases emails, so every written form lands on one contact', async () => {
    const a = await t.db.transaction((tx) =>
      resolveContact(tx, { channel: 'phone', externalId: '0977 111 222', firstChannel: 'hotline', source: 't' }),
    );
    const b = await t.db.transaction((tx) =>
      resolveContact(tx, { channel: 'phone', externalId: '+84977111222', firstChannel: 'web_form', source: 't' }),
    );
    expect(b.contactId).toBe(a.contactId);
    const [c] = await t.db.select().from(contacts).where(eq(contacts.id, a.contactId));
    expect(c!.phone).toBe('84977111222');
    const e1 = await t.db.transaction((tx) =>
      resolveContact(tx, { channel: 'email', externalId: 'Mai.Lan@Example.VN', firstChannel: 'email', source: 't' }),
    );
    const e2 = await t.db.transaction((tx) =>
      resolveContact(tx, { channel: 'email', externalId: 'mai.lan@example.vn', firstChannel: 'email', source: 't' }),
    );
    expect(e2.contactId).toBe(e1.contactId);
  });

  it('two events of a new person processed at once create one contact', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.db.transaction((tx) =>
          resolveContact(tx, {
            channel: 'messenger',
            externalId: '7777000011112222',
            firstChannel: 'messenger',
            source: 't',
          }),
        ),
      ),
    );
    expect(new Set(results.map((r) => r.contactId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });
});

describe('contacts API', () => {
  it('an agent searches by any written form of a phone, opens the contact with identities, patients and consents', async () => {
    const a = await signedIn('agent1@demo.medicrm.vn');
    const list = await a.request('GET', '/api/contacts?q=0912.345.678');
    expect(list.status).toBe(200);
    const page = (await list.json()) as { items: { id: string; fullName: string }[] };
    expect(page.items.map((c) => c.fullName)).toEqual(['Nguyễn Thị Thu Hương']);
    const detail = (await (await a.request('GET', `/api/contacts/${page.items[0]!.id}`)).json()) as {
      identities: { channel: string }[];
      patients: unknown[];
      consents: unknown[];
    };
    expect(detail.identities.map((i) => i.channel)).toEqual(expect.arrayContaining(['phone', 'email', 'zalo_oa']));
    expect(detail.patients.length).toBeGreaterThan(1);
    expect(detail.consents.length).toBeGreaterThan(0);
  });

  it('lists pages with a cursor and no overlap', async () => {
    const a = await signedIn('agent2@demo.medicrm.vn');
    const first = (await (await a.request('GET', '/api/contacts?limit=7')).json()) as {
      items: { id: string }[];
      nextCursor: string;
    };
    expect(first.items).toHaveLength(7);
    const second = (await (await a.request('GET', `/api/contacts?limit=7&cursor=${first.nextCursor}`)).json()) as {
      items: { id: string }[];
    };
    expect(second.items.length).toBeGreaterThan(0);
    expect(second.items.some((x) => first.items.some((y) => y.id === x.id))).toBe(false);
    expect((await a.request('GET', '/api/contacts?cursor=rác')).status).toBe(400);
  });

  it('edits tags and notes (re-marketing notes too), refusing a bad phone with a Vietnamese message', async () => {
    const a = await signedIn('agent1@demo.medicrm.vn');
    const created = await a.request('POST', '/api/contacts', { fullName: 'Trịnh Văn Tới', phone: '0388 123 456' });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const dup = await a.request('POST', '/api/contacts', { fullName: 'Người khác', phone: '84388123456' });
    expect(dup.status).toBe(409);

    const bad = await a.request('PATCH', `/api/contacts/${id}`, { phone: '12345' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/Số điện thoại không hợp lệ/);

    const patched = await a.request('PATCH', `/api/contacts/${id}`, { tags: ['tái khám', 'VIP', 'VIP'] });
    expect(((await patched.json()) as { tags: string[] }).tags).toEqual(['tái khám', 'VIP']);

    const note = await a.request('POST', `/api/contacts/${id}/notes`, {
      kind: 'remarketing',
      body: 'Gợi ý gói tầm soát tim mạch vào tháng 10',
    });
    expect(note.status).toBe(201);
    const notes = (await (await a.request('GET', `/api/contacts/${id}/notes`)).json()) as {
      items: { kind: string; authorName: string }[];
    };
    expect(notes.items).toMatchObject([{ kind: 'remarketing', authorName: 'Nguyễn Văn An' }]);
    const timeline = (await (await a.request('GET', `/api/contacts/${id}/timeline`)).json()) as {
      items: { kind: string }[];
    };
    expect(timeline.items.map((i) => i.kind)).toContain('note');
  });

  it('a marketer may read but not edit; an agent may not merge', async () => {
    const m = await signedIn('marketer@demo.medicrm.vn');
    const list = (await (await m.request('GET', '/api/contacts?limit=1')).json()) as { items: { id: string }[] };
    const id = list.items[0]!.id;
    expect((await m.request('PATCH', `/api/contacts/${id}`, { tags: ['x'] })).status).toBe(403);
    const a = await signedIn('agent1@demo.medicrm.vn');
    expect((await a.request('POST', `/api/contacts/${id}/merge`, { sourceContactId: id })).status).toBe(403);
  });
});

describe('merge', () => {
  it('suggests two contacts sharing a phone, and a merge moves identities, conversations, patients, consents and history', async () => {
    // A Zalo user shares the phone of a seeded contact (user_submit_info): a second contact with the same phone
    const zalo = await t.db.transaction((tx) =>
      resolveContact(tx, {
        channel: 'zalo_oa',
        externalId: '9100000000000000777',
        displayName: 'Hương Nguyễn',
        phone: '0912345678',
        firstChannel: 'zalo_oa',
        source: 'test',
      }),
    );
    const [seeded] = await t.db.select().from(contacts).where(eq(contacts.phone, '84912345678'));
    const target = seeded!.mergedIntoId ? seeded!.mergedIntoId : seeded!.id;
    const [conv] = await t.db
      .insert(conversations)
      .values({ contactId: zalo.contactId, channel: 'zalo_oa', lastMessageAt: new Date() })
      .returning();
    await t.db.insert(messages).values({
      conversationId: conv!.id,
      direction: 'in',
      authorKind: 'contact',
      channel: 'zalo_oa',
      body: 'Cho tôi đặt lịch',
      providerMessageId: 'merge-test-1',
    });
    await t.db.insert(patients).values({ contactId: zalo.contactId, fullName: 'Bé Na', relationship: 'child' });
    // a newer marketing decision on the source wins over the target's
    await t.db.insert(consents).values({
      contactId: zalo.contactId,
      channel: 'zalo_oa',
      purpose: 'marketing',
      status: 'granted',
      source: 'zalo_oa',
      decidedAt: new Date(),
    });

    const sup = await signedIn('supervisor@demo.medicrm.vn');
    const sugg = (await (await sup.request('GET', `/api/contacts/${target}/merge-suggestions`)).json()) as {
      items: { contacts: { id: string }[]; reasons: string[] }[];
    };
    expect(sugg.items).toHaveLength(1);
    expect(sugg.items[0]!.reasons).toEqual(['phone']);
    expect(sugg.items[0]!.contacts.map((c) => c.id).sort()).toEqual([target, zalo.contactId].sort());

    const res = await sup.request('POST', `/api/contacts/${target}/merge`, { sourceContactId: zalo.contactId });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      contact: { identities: { channel: string; externalId: string }[]; patients: { fullName: string }[] };
    };
    expect(body.contact.identities.map((i) => i.externalId)).toContain('9100000000000000777');
    expect(body.contact.patients.map((p) => p.fullName)).toContain('Bé Na');
    const [movedConv] = await t.db.select().from(conversations).where(eq(conversations.id, conv!.id));
    expect(movedConv!.contactId).toBe(target);
    const targetConsents = await t.db.select().from(consents).where(eq(consents.contactId, target));
    expect(targetConsents.find((c) => c.channel === 'zalo_oa' && c.purpose === 'marketing')?.status).toBe('granted');
    // the source survives as a tombstone; the merge is audited and shows on the timeline
    const [tomb] = await t.db.select().from(contacts).where(eq(contacts.id, zalo.contactId));
    expect(tomb!.mergedIntoId).toBe(target);
    expect(tomb!.displayName).toBe('Hương Nguyễn');
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, 'contact.merge'));
    expect(audit).toHaveLength(1);
    const tl = (await (await sup.request('GET', `/api/contacts/${target}/timeline?limit=100`)).json()) as {
      items: { kind: string; summary: string }[];
    };
    expect(tl.items.map((i) => i.kind)).toEqual(expect.arrayContaining(['merge', 'message', 'conversation']));
    // no longer suggested, and a second merge of the same source is refused
    const after = (await (await sup.request('GET', `/api/contacts/${target}/merge-suggestions`)).json()) as {
      items: unknown[];
    };
    expect(after.items).toHaveLength(0);
    const again = await sup.request('POST', `/api/contacts/${target}/merge`, { sourceContactId: zalo.contactId });
    expect(again.status).toBe(409);
    // a later event of the same Zalo user lands on the merged contact
    const later = await t.db.transaction((tx) =>
      resolveContact(tx, {
        channel: 'zalo_oa',
        externalId: '9100000000000000777',
        firstChannel: 'zalo_oa',
        source: 't',
      }),
    );
    expect(later.contactId).toBe(target);
  });

  it('a dismissed suggestion is not suggested again', async () => {
    const one = await t.db.transaction((tx) =>
      resolveContact(tx, {
        channel: 'email',
        externalId: 'trung@example.vn',
        phone: '0909123123',
        firstChannel: 'email',
        source: 't',
      }),
    );
    const two = await t.db.transaction((tx) =>
      resolveContact(tx, {
        channel: 'messenger',
        externalId: '8888000011112222',
        phone: '0909123123',
        firstChannel: 'messenger',
        source: 't',
      }),
    );
    const sup = await signedIn('supervisor@demo.medicrm.vn');
    const before = (await (await sup.request('GET', `/api/contacts/${one.contactId}/merge-suggestions`)).json()) as {
      items: unknown[];
    };
    expect(before.items).toHaveLength(1);
    const d = await sup.request('POST', '/api/contacts/merge-suggestions/dismiss', {
      contactIds: [two.contactId, one.contactId],
    });
    expect(d.status).toBe(204);
    const after = (await (await sup.request('GET', `/api/contacts/${one.contactId}/merge-suggestions`)).json()) as {
      items: unknown[];
    };
    expect(after.items).toHaveLength(0);
  });
});
