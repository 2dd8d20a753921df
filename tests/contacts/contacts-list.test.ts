import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactIdentities, contacts } from '../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';

/** The contacts list as the console's "Khách hàng" page uses it: search in every written form, filters, pages. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface Item {
  id: string;
  fullName: string;
  phone: string | null;
  tags: string[];
  channels: string[];
  hasMergeSuggestion: boolean;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}

async function signedIn(email: string) {
  const a = t.agent();
  expect((await a.signIn(email)).status).toBe(200);
  return a;
}

async function list(a: Awaited<ReturnType<typeof signedIn>>, query: string): Promise<Page> {
  const res = await a.request('GET', `/api/contacts?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

const names = (p: Page) => p.items.map((i) => i.fullName);

describe('contacts list search and filters', () => {
  it('finds a seeded contact by its phone typed as 0…, +84…, with spaces, and by part of the number', async () => {
    const a = await signedIn('agent1@demo.medicrm.vn');
    for (const q of ['0935667788', '0935 667 788', '+84 935 667 788', '84935667788']) {
      expect(names(await list(a, `q=${encodeURIComponent(q)}`))).toEqual(['Hoàng Thị Minh Thư']);
    }
    // the first digits as people type them
    expect(names(await list(a, 'q=0935667'))).toEqual(['Hoàng Thị Minh Thư']);
    const found = (await list(a, 'q=0935667788')).items[0]!;
    expect(found.phone).toBe('84935667788');
    expect(found.channels).toEqual(['phone', 'email', 'zalo_oa']);
    expect(found.tags).toEqual(['VIP', 'da liễu']);
  });

  it('finds a contact by email (any case), by Zalo or Messenger id, and by part of a name', async () => {
    const a = await signedIn('agent1@demo.medicrm.vn');
    expect(names(await list(a, `q=${encodeURIComponent('MinhThu.Hoang@Outlook.com')}`))).toEqual([
      'Hoàng Thị Minh Thư',
    ]);
    expect(names(await list(a, 'q=4356127890123456790'))).toEqual(['Hoàng Thị Minh Thư']);
    expect(names(await list(a, 'q=7012345678901234'))).toEqual(['Lê Thị Ngọc Anh']);
    expect(names(await list(a, `q=${encodeURIComponent('minh thư')}`))).toEqual(['Hoàng Thị Minh Thư']);
    // typed without accents, in any case, "d" for "đ", as staff type on any keyboard
    expect(names(await list(a, 'q=hoang%20thi%20minh%20thu'))).toEqual(['Hoàng Thị Minh Thư']);
    expect(names(await list(a, 'q=NGOC%20ANH'))).toEqual(['Lê Thị Ngọc Anh']);
    // a % typed by hand is a character, not a wildcard
    expect(names(await list(a, `q=${encodeURIComponent('%')}`))).toEqual([]);
  });

  it('filters by tag and by channel, and pages through a filter with no overlap', async () => {
    const a = await signedIn('agent1@demo.medicrm.vn');
    const vip = await list(a, `tag=${encodeURIComponent('VIP')}`);
    expect(names(vip).sort()).toEqual(['Châu Ngọc Trâm', 'Hoàng Thị Minh Thư']);
    const messenger = await list(a, 'channel=messenger');
    expect(names(messenger).sort()).toEqual(['Lâm Gia Huy', 'Lê Thị Ngọc Anh', 'Ngô Thanh Sơn']);
    expect(messenger.items.every((i) => i.channels.includes('messenger'))).toBe(true);

    const first = await list(a, 'channel=phone&limit=5');
    expect(first.items).toHaveLength(5);
    const second = await list(a, `channel=phone&limit=5&cursor=${first.nextCursor}`);
    expect(second.items.length).toBeGreaterThan(0);
    expect(second.items.some((i) => first.items.some((f) => f.id === i.id))).toBe(false);

    const tags = (await (await a.request('GET', '/api/contacts/tags')).json()) as {
      items: { tag: string; count: number }[];
    };
    expect(tags.items).toContainEqual({ tag: 'VIP', count: 2 });
    expect(tags.items[0]!.count).toBeGreaterThanOrEqual(tags.items[tags.items.length - 1]!.count);
  });

  it('lists only contacts waiting on a merge suggestion, and forgets them once dismissed', async () => {
    const a = await signedIn('supervisor@demo.medicrm.vn');
    expect((await list(a, 'hasSuggestion=true')).items).toEqual([]);
    // someone wrote from another path with Trâm's phone
    const [dup] = await t.db
      .insert(contacts)
      .values({ fullName: 'Chau Ngoc Tram', phone: '84856789012', firstChannel: 'web_form' })
      .returning({ id: contacts.id });
    const flagged = await list(a, 'hasSuggestion=true');
    expect(names(flagged).sort()).toEqual(['Chau Ngoc Tram', 'Châu Ngọc Trâm']);
    expect(flagged.items.every((i) => i.hasMergeSuggestion)).toBe(true);
    expect((await list(a, 'q=0856789012')).items.every((i) => i.hasMergeSuggestion)).toBe(true);
    expect((await list(a, 'q=0935667788')).items[0]!.hasMergeSuggestion).toBe(false);

    const ids = flagged.items.map((i) => i.id);
    expect(ids).toContain(dup!.id);
    expect((await a.request('POST', '/api/contacts/merge-suggestions/dismiss', { contactIds: ids })).status).toBe(204);
    expect((await list(a, 'hasSuggestion=true')).items).toEqual([]);
  });

  it('flags rows exactly as the filter does, whether the shared key is on the contact or an identity', async () => {
    const a = await signedIn('supervisor@demo.medicrm.vn');
    const ngocAnh = (await list(a, 'q=0978123456')).items[0]!;
    const huong = (await list(a, 'q=0912345678')).items[0]!;
    // Ngọc Anh's email written in capitals on another record; Hương's Mini App id seen on a third one
    await t.db.insert(contacts).values([
      { fullName: 'Ngoc Anh', email: 'NgocAnh.Le@Yahoo.com', firstChannel: 'email' },
      { fullName: 'Thu Hương', zaloAppUserId: '5500000000000000777', firstChannel: 'miniapp' },
    ]);
    await t.db
      .insert(contactIdentities)
      .values({ contactId: huong.id, channel: 'miniapp', externalId: '5500000000000000777', source: 'test' });

    const filtered = names(await list(a, 'hasSuggestion=true')).sort();
    expect(filtered).toEqual(['Lê Thị Ngọc Anh', 'Ngoc Anh', 'Nguyễn Thị Thu Hương', 'Thu Hương'].sort());
    const all = await list(a, 'limit=100');
    expect(
      all.items
        .filter((i) => i.hasMergeSuggestion)
        .map((i) => i.fullName)
        .sort(),
    ).toEqual(filtered);
    expect(all.items.find((i) => i.id === ngocAnh.id)!.hasMergeSuggestion).toBe(true);
  });

  it('refuses a bad filter with 400, and anyone not signed in with 401', async () => {
    const a = await signedIn('agent1@demo.medicrm.vn');
    const bad = await a.request('GET', '/api/contacts?channel=fax');
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('validation_failed');
    expect((await a.request('GET', '/api/contacts?hasSuggestion=maybe')).status).toBe(400);
    expect((await t.agent().request('GET', '/api/contacts/tags')).status).toBe(401);
    expect((await t.agent().request('GET', '/api/contacts?q=0935667788')).status).toBe(401);
  });
});
