import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { rolePermissions } from '../../../hub/auth/permissions.ts';
import { type Me, setCsrfToken } from '../api.ts';
import { agentMe, mockHub, renderUi, type SeenRequest } from '../test-utils.tsx';
import type { ContactListItem, ContactSummary, Suggestion } from './contact-types.ts';
import { ContactsListPage } from './contacts-list-page.tsx';

// Mantine's combobox scrolls the selected option into view; jsdom has no layout to scroll.
Element.prototype.scrollIntoView ??= () => {};

const supervisorMe: Me = {
  ...agentMe,
  id: '00000000-0000-4000-8000-000000000003',
  email: 'supervisor@demo.medicrm.vn',
  fullName: 'Trần Thị Giám Sát',
  role: 'supervisor',
  permissions: [...rolePermissions.supervisor],
  csrfToken: 'csrf-supervisor',
};

function summary(id: string, over: Partial<ContactSummary> = {}): ContactSummary {
  return {
    id,
    fullName: 'Hoàng Thị Minh Thư',
    displayName: null,
    phone: '84935667788',
    email: 'minhthu.hoang@outlook.com',
    tags: ['VIP', 'da liễu'],
    firstChannel: 'zalo_oa',
    ownerStaffId: null,
    lastInteractionAt: '2026-03-01T17:05:09.000Z',
    createdAt: '2026-01-01T00:00:00.000Z',
    mergedIntoId: null,
    ...over,
  };
}

function item(id: string, over: Partial<ContactListItem> = {}): ContactListItem {
  return { ...summary(id), channels: ['phone', 'email', 'zalo_oa'], hasMergeSuggestion: false, ...over };
}

const minhThu = item('11111111-1111-4111-8111-111111111111');
const nam = item('22222222-2222-4222-8222-222222222222', {
  fullName: 'Trần Văn Nam',
  phone: '84983456712',
  email: null,
  tags: [],
  channels: ['phone'],
  lastInteractionAt: null,
  hasMergeSuggestion: true,
});

const listUrls = (seen: SeenRequest[]) =>
  seen
    .filter((r) => r.method === 'GET' && r.url.startsWith('/api/contacts?'))
    .map((r) => decodeURIComponent(r.url.replace(/\+/g, ' ')));

function hub(extra: (req: SeenRequest) => { status: number; body?: unknown } | undefined = () => undefined) {
  return mockHub((req) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/api/contacts/tags') {
      return {
        status: 200,
        body: {
          items: [
            { tag: 'VIP', count: 2 },
            { tag: 'da liễu', count: 2 },
          ],
        },
      };
    }
    if (url.pathname === '/api/contacts' && req.method === 'GET') {
      if (url.searchParams.get('cursor') === 'trang-2')
        return { status: 200, body: { items: [nam], nextCursor: null } };
      if (url.searchParams.get('q') === '0935667788')
        return { status: 200, body: { items: [minhThu], nextCursor: null } };
      return { status: 200, body: { items: [minhThu], nextCursor: 'trang-2' } };
    }
    return extra(req);
  });
}

describe('contacts list page', () => {
  it('shows each contact with the phone as staff write it, channels, tags and last interaction (clinic time)', async () => {
    hub();
    renderUi(<ContactsListPage me={agentMe} view="list" />);
    const row = (await screen.findByRole('link', { name: 'Hoàng Thị Minh Thư' })).closest('tr')!;
    expect(row.textContent).toContain('0935 667 788');
    expect(row.textContent).toContain('Zalo OA');
    expect(row.textContent).toContain('Email');
    expect(row.textContent).toContain('VIP');
    expect(row.textContent).toContain('da liễu');
    expect(row.textContent).toContain('02/03/2026'); // 17:05 UTC is the next morning in Vietnam
    expect(row.textContent).not.toContain('Có thể trùng');
  });

  it('searches with what was typed, filters by tag, channel and merge suggestion, and pages with the cursor', async () => {
    const seen = hub();
    renderUi(<ContactsListPage me={agentMe} view="list" />);
    await screen.findByRole('link', { name: 'Hoàng Thị Minh Thư' });
    expect(listUrls(seen)[0]).toBe('/api/contacts?limit=25');

    fireEvent.change(screen.getByLabelText('Tìm khách hàng'), { target: { value: ' 0935667788 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tìm' }));
    await waitFor(() => expect(listUrls(seen)).toContain('/api/contacts?limit=25&q=0935667788'));

    fireEvent.click(screen.getByRole('textbox', { name: 'Kênh' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Zalo OA' }));
    await waitFor(() => expect(listUrls(seen)).toContain('/api/contacts?limit=25&q=0935667788&channel=zalo_oa'));

    fireEvent.click(screen.getByRole('textbox', { name: 'Nhãn' }));
    fireEvent.click(await screen.findByRole('option', { name: 'VIP (2)' }));
    await waitFor(() =>
      expect(listUrls(seen)).toContain('/api/contacts?limit=25&q=0935667788&tag=VIP&channel=zalo_oa'),
    );

    fireEvent.click(screen.getByLabelText('Chỉ khách có gợi ý gộp'));
    await waitFor(() =>
      expect(listUrls(seen)).toContain(
        '/api/contacts?limit=25&q=0935667788&tag=VIP&channel=zalo_oa&hasSuggestion=true',
      ),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Xoá bộ lọc' }));
    await screen.findByRole('button', { name: 'Trang sau' });
    fireEvent.click(screen.getByRole('button', { name: 'Trang sau' }));
    const namRow = (await screen.findByRole('link', { name: 'Trần Văn Nam' })).closest('tr')!;
    expect(listUrls(seen).at(-1)).toBe('/api/contacts?limit=25&cursor=trang-2');
    expect(namRow.textContent).toContain('Có thể trùng');
    expect(namRow.textContent).toContain('Chưa tương tác');
    expect(screen.getByText('Trang 2')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Trang trước' }));
    await screen.findByRole('link', { name: 'Hoàng Thị Minh Thư' });
  });

  it('opens the contact page from a row', async () => {
    hub();
    renderUi(<ContactsListPage me={agentMe} view="list" />);
    fireEvent.click(await screen.findByText('0935 667 788'));
    expect(window.location.pathname).toBe(`/contacts/${minhThu.id}`);
  });

  it('says so when the hub refuses, with a retry', async () => {
    mockHub((req) =>
      req.url.startsWith('/api/contacts?')
        ? { status: 403, body: { error: { code: 'forbidden', message: 'Bạn không có quyền thực hiện thao tác này' } } }
        : { status: 200, body: { items: [] } },
    );
    renderUi(<ContactsListPage me={agentMe} view="list" />);
    expect((await screen.findByRole('alert')).textContent).toContain('Bạn không có quyền');
    expect(screen.getByRole('button', { name: 'Thử lại' })).toBeTruthy();
  });
});

describe('merge suggestions', () => {
  const a = summary('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', {
    fullName: 'Châu Ngọc Trâm',
    phone: '84856789012',
    createdAt: '2025-06-01T00:00:00.000Z',
  });
  const b = summary('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', {
    fullName: 'Chau Ngoc Tram',
    phone: '84856789012',
    email: null,
    tags: [],
    createdAt: '2026-02-01T00:00:00.000Z',
  });
  const pair: Suggestion = { contacts: [a, b], reasons: ['phone'] };

  function suggestionsHub(onWrite: (req: SeenRequest) => { status: number; body?: unknown } | undefined) {
    let dismissed = false;
    return mockHub((req) => {
      if (req.method === 'GET' && req.url.startsWith('/api/contacts/merge-suggestions')) {
        return { status: 200, body: { items: dismissed ? [] : [pair], nextCursor: null } };
      }
      const reply = onWrite(req);
      if (reply && reply.status < 300) dismissed = true;
      return reply;
    });
  }

  it('lists both contacts with the reason, opens either, and a supervisor merges after confirming which stays', async () => {
    setCsrfToken(supervisorMe.csrfToken);
    const seen = suggestionsHub((req) =>
      req.method === 'POST' && req.url.endsWith('/merge')
        ? { status: 200, body: { contact: {}, moved: { identities: 1 } } }
        : undefined,
    );
    renderUi(<ContactsListPage me={supervisorMe} view="suggestions" />);
    const card = await screen.findByRole('region', { name: 'Gợi ý gộp Châu Ngọc Trâm' });
    expect(card.textContent).toContain('trùng số điện thoại');
    expect(within(card).getByRole('link', { name: 'Châu Ngọc Trâm' }).getAttribute('href')).toBe(`/contacts/${a.id}`);
    expect(within(card).getByRole('link', { name: 'Chau Ngoc Tram' }).getAttribute('href')).toBe(`/contacts/${b.id}`);

    fireEvent.click(within(card).getByRole('button', { name: 'Gộp…' }));
    const dialog = await screen.findByRole('dialog');
    // the older record is kept by default; nothing is sent before confirming
    expect(dialog.textContent).toContain('Gộp hồ sơ Chau Ngoc Tram vào hồ sơ Châu Ngọc Trâm?');
    expect(seen.some((r) => r.method === 'POST')).toBe(false);
    fireEvent.click(within(dialog).getByLabelText(/^Chau Ngoc Tram/));
    expect(dialog.textContent).toContain('Gộp hồ sơ Châu Ngọc Trâm vào hồ sơ Chau Ngoc Tram?');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Xác nhận gộp' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const post = seen.find((r) => r.method === 'POST')!;
    expect(post.url).toBe(`/api/contacts/${b.id}/merge`);
    expect(post.body).toEqual({ sourceContactId: a.id });
    expect(post.headers.get('x-csrf-token')).toBe('csrf-supervisor');
    expect(await screen.findByText('Đã gộp hồ sơ Châu Ngọc Trâm vào hồ sơ Chau Ngoc Tram.')).toBeTruthy();
    expect(await screen.findByText(/Không có gợi ý gộp nào/)).toBeTruthy();
  });

  it('dismisses a pair as two people, and shows the hub’s refusal of a merge inside the dialog', async () => {
    setCsrfToken(supervisorMe.csrfToken);
    const seen = suggestionsHub((req) => {
      if (req.url === '/api/contacts/merge-suggestions/dismiss') return { status: 204 };
      if (req.url.endsWith('/merge'))
        return { status: 409, body: { error: { code: 'contact_merged', message: 'Liên hệ này đã được gộp' } } };
      return undefined;
    });
    renderUi(<ContactsListPage me={supervisorMe} view="suggestions" />);
    const card = await screen.findByRole('region', { name: 'Gợi ý gộp Châu Ngọc Trâm' });
    fireEvent.click(within(card).getByRole('button', { name: 'Gộp…' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Xác nhận gộp' }));
    expect((await within(screen.getByRole('dialog')).findByRole('alert')).textContent).toContain(
      'Liên hệ này đã được gộp',
    );
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Huỷ' }));

    fireEvent.click(within(card).getByRole('button', { name: 'Không phải một người' }));
    await screen.findByText(/Đã bỏ qua gợi ý/);
    const dismiss = seen.find((r) => r.url === '/api/contacts/merge-suggestions/dismiss')!;
    expect(dismiss.body).toEqual({ contactIds: [a.id, b.id] });
  });

  it('an agent sees the suggestions but cannot merge or dismiss', async () => {
    suggestionsHub(() => undefined);
    renderUi(<ContactsListPage me={agentMe} view="suggestions" />);
    const card = await screen.findByRole('region', { name: 'Gợi ý gộp Châu Ngọc Trâm' });
    expect(within(card).queryByRole('button', { name: 'Gộp…' })).toBeNull();
    expect(within(card).queryByRole('button', { name: 'Không phải một người' })).toBeNull();
  });
});
