import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { rolePermissions } from '../../../hub/auth/permissions.ts';
import { type Me, setCsrfToken } from '../api.ts';
import type { Agent, ContactDetail } from '../inbox/inbox-types.ts';
import { agentMe, mockHub, renderUi, type SeenRequest } from '../test-utils.tsx';
import { ContactPage } from './contact-page.tsx';

// Mantine's combobox scrolls the selected option into view; jsdom has no layout to scroll.
Element.prototype.scrollIntoView ??= () => {};

const id = '11111111-1111-4111-8111-111111111111';
const agentId = '00000000-0000-4000-8000-0000000000b2';

const marketerMe: Me = {
  ...agentMe,
  id: '00000000-0000-4000-8000-000000000005',
  email: 'marketer@demo.medicrm.vn',
  fullName: 'Phạm Minh Châu',
  role: 'marketer',
  permissions: [...rolePermissions.marketer],
  csrfToken: 'csrf-marketer',
};

const contact: ContactDetail = {
  id,
  fullName: 'Hoàng Thị Minh Thư',
  displayName: null,
  phone: '84935667788',
  email: 'minhthu.hoang@outlook.com',
  tags: ['VIP', 'da liễu'],
  firstChannel: 'zalo_oa',
  ownerStaffId: null,
  lastInteractionAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  mergedIntoId: null,
  avatarUrl: null,
  notes: null,
  identities: [],
  patients: [],
  consents: [],
  recentNotes: [],
  conversations: [],
  mergedFrom: [],
};

const agents: Agent[] = [
  {
    staffId: agentId,
    fullName: 'Lê Thị Bình',
    role: 'agent',
    teamIds: [],
    capacity: 8,
    activeConversations: 2,
    availability: 'auto',
    connected: true,
    online: true,
  },
];

function setup(
  me: Me,
  onWrite: (req: SeenRequest) => { status: number; body?: unknown } | undefined = () => undefined,
) {
  setCsrfToken(me.csrfToken);
  const seen = mockHub((req) => {
    const url = new URL(req.url, 'http://x');
    if (req.method !== 'GET') return onWrite(req);
    if (url.pathname === `/api/contacts/${id}`) return { status: 200, body: contact };
    if (url.pathname.endsWith('/timeline') || url.pathname.endsWith('/merge-suggestions'))
      return { status: 200, body: { items: [], nextCursor: null } };
    if (url.pathname === '/api/contacts/tags')
      return { status: 200, body: { items: [{ tag: 'khám định kỳ', count: 3 }] } };
    if (url.pathname === '/api/inbox/agents') return { status: 200, body: { items: agents } };
    return undefined;
  });
  renderUi(<ContactPage me={me} contactId={id} />);
  return seen;
}

const section = (name: string) => screen.findByRole('region', { name });

describe('contact page editing', () => {
  it('adds and removes tags, then saves them with the CSRF token', async () => {
    const seen = setup(agentMe, (req) =>
      req.method === 'PATCH' ? { status: 200, body: { ...contact, tags: ['VIP', 'khám định kỳ'] } } : undefined,
    );
    const box = within(await section('Nhãn và người phụ trách'));
    const input = box.getByRole('textbox', { name: 'Nhãn' });
    // the last tag goes with Backspace in the empty field, a new one comes with Enter
    fireEvent.keyDown(input, { key: 'Backspace' });
    fireEvent.change(input, { target: { value: 'khám định kỳ' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(seen.some((r) => r.method === 'PATCH')).toBe(false);
    fireEvent.click(box.getByRole('button', { name: 'Lưu nhãn' }));

    await box.findByText('Đã lưu nhãn của khách hàng.');
    const patch = seen.find((r) => r.method === 'PATCH')!;
    expect(patch.url).toBe(`/api/contacts/${id}`);
    expect(patch.body).toEqual({ tags: ['VIP', 'khám định kỳ'] });
    expect(patch.headers.get('x-csrf-token')).toBe('csrf-agent');
    expect(box.queryByRole('button', { name: 'Lưu nhãn' })).toBeNull();
  });

  it('gives the contact an owner from the agents', async () => {
    const seen = setup(agentMe, (req) =>
      req.method === 'PATCH' ? { status: 200, body: { ...contact, ownerStaffId: agentId } } : undefined,
    );
    const box = within(await section('Nhãn và người phụ trách'));
    await waitFor(() =>
      expect(box.getByRole('textbox', { name: 'Người phụ trách' }).hasAttribute('disabled')).toBe(false),
    );
    fireEvent.click(box.getByRole('textbox', { name: 'Người phụ trách' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Lê Thị Bình' }));
    await box.findByText('Đã giao khách hàng cho Lê Thị Bình.');
    expect(seen.find((r) => r.method === 'PATCH')!.body).toEqual({ ownerStaffId: agentId });
  });

  it('shows a marketer the tags and the owner without any way to change them', async () => {
    setup(marketerMe);
    const box = within(await section('Nhãn và người phụ trách'));
    expect(box.queryByRole('textbox', { name: 'Nhãn' })).toBeNull();
    expect(box.getByText('VIP')).toBeTruthy();
    expect(box.queryByRole('textbox', { name: 'Người phụ trách' })).toBeNull();
    expect(box.getByText('Người phụ trách: —')).toBeTruthy();
  });
});
