import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { rolePermissions } from '../../../hub/auth/permissions.ts';
import { type Me, setCsrfToken } from '../api.ts';
import type { Agent, CannedResponse, Label, Team } from '../inbox/inbox-types.ts';
import { agentMe, mockHub, renderUi, type SeenRequest } from '../test-utils.tsx';
import { InboxSettingsPage } from './inbox-settings-page.tsx';

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

const teamId = '33333333-3333-4333-8333-333333333333';
const a1 = '00000000-0000-4000-8000-0000000000a1';
const a2 = '00000000-0000-4000-8000-0000000000a2';

const day: [string, string][] = [['07:00', '19:00']];
const team: Team = {
  teamId,
  teamName: 'Tổng đài CSKH',
  channels: ['zalo_oa', 'messenger'],
  autoAssign: true,
  firstResponseMinutes: 15,
  resolutionMinutes: 480,
  businessHours: { weekly: { '1': day, '2': day, '3': day, '4': day, '5': day, '6': day }, skipDaysOff: true },
  members: [{ staffId: a1, fullName: 'Nguyễn Văn An', role: 'agent' }],
};

const agent = (staffId: string, fullName: string, over: Partial<Agent> = {}): Agent => ({
  staffId,
  fullName,
  role: 'agent',
  teamIds: [],
  capacity: 8,
  activeConversations: 1,
  availability: 'auto',
  connected: true,
  online: true,
  ...over,
});
const agents = [agent(a1, 'Nguyễn Văn An', { teamIds: [teamId] }), agent(a2, 'Lê Thị Bình', { online: false })];

const canned: CannedResponse = {
  id: '44444444-4444-4444-8444-444444444444',
  shortcut: 'chao',
  title: 'Lời chào',
  body: 'Chào {{contact.firstName}}, em là {{agent.name}}.',
  teamId: null,
  variables: ['contact.firstName', 'agent.name'],
  updatedAt: '2026-03-01T17:05:09.000Z',
};
const variables = {
  'contact.name': 'Họ tên khách',
  'contact.firstName': 'Tên gọi của khách (chữ cuối của họ tên)',
  'agent.name': 'Họ tên nhân viên đang trả lời',
  today: 'Ngày hôm nay (dd/MM/yyyy)',
};
const label: Label = {
  id: '55555555-5555-4555-8555-555555555555',
  name: 'Đặt lịch',
  color: '#1c7ed6',
  description: null,
};

type Reply = { status: number; body?: unknown } | undefined;

function setup(onWrite: (req: SeenRequest) => Reply = () => undefined) {
  setCsrfToken(supervisorMe.csrfToken);
  const seen = mockHub((req) => {
    const url = new URL(req.url, 'http://x');
    if (req.method !== 'GET') return onWrite(req);
    if (url.pathname === '/api/inbox/teams') return { status: 200, body: { items: [team] } };
    if (url.pathname === '/api/inbox/agents') return { status: 200, body: { items: agents } };
    if (url.pathname === '/api/inbox/labels') return { status: 200, body: { items: [label] } };
    if (url.pathname === '/api/inbox/canned-responses') {
      if (url.searchParams.get('cursor') === 'chao')
        return {
          status: 200,
          body: {
            items: [{ ...canned, id: 'x', shortcut: 'datlich', title: 'Đặt lịch' }],
            nextCursor: null,
            variables,
          },
        };
      return { status: 200, body: { items: [canned], nextCursor: 'chao', variables } };
    }
    return undefined;
  });
  renderUi(<InboxSettingsPage me={supervisorMe} />);
  return seen;
}

describe('inbox settings: canned responses', () => {
  it('lists canned responses by page', async () => {
    const seen = setup();
    const table = await screen.findByRole('table', { name: 'Mẫu trả lời' });
    const row = (await within(table).findByText('/chao')).closest('tr')!;
    expect(row.textContent).toContain('Lời chào');
    expect(row.textContent).toContain('Mọi nhóm');
    fireEvent.click(screen.getByRole('button', { name: 'Trang sau' }));
    await within(table).findByText('/datlich');
    expect(seen.filter((r) => r.url.startsWith('/api/inbox/canned-responses')).map((r) => r.url)).toContain(
      '/api/inbox/canned-responses?limit=20&cursor=chao',
    );
  });

  it('adds one with a variable, previews it with example values, refuses unknown variables before asking the hub', async () => {
    let taken = true;
    const seen = setup((req) => {
      if (req.method !== 'POST') return undefined;
      if (taken) {
        taken = false;
        return {
          status: 409,
          body: { error: { code: 'canned_shortcut_taken', message: 'Lối tắt "/ketqua" đã được dùng' } },
        };
      }
      return { status: 201, body: { ...canned, id: 'new', ...(req.body as object) } };
    });
    await screen.findByText('/chao');
    fireEvent.click(screen.getByRole('button', { name: 'Thêm mẫu trả lời' }));
    const dialog = within(await screen.findByRole('dialog'));
    fireEvent.change(dialog.getByLabelText(/Lối tắt/), { target: { value: 'ketqua' } });
    fireEvent.change(dialog.getByLabelText(/Tiêu đề/), { target: { value: 'Hẹn trả kết quả' } });
    fireEvent.change(dialog.getByLabelText(/Nội dung/), { target: { value: 'Dạ {{khach.ten}} ơi, ' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Thêm mẫu' }));
    expect(await dialog.findByText('Biến không hỗ trợ: {{khach.ten}}')).toBeTruthy();
    expect(seen.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(dialog.getByLabelText(/Nội dung/), { target: { value: 'Dạ ' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Chèn {{contact.firstName}}' }));
    await waitFor(() =>
      expect((dialog.getByLabelText(/Nội dung/) as HTMLTextAreaElement).value).toContain('{{contact.firstName}}'),
    );
    expect(dialog.getByTestId('canned-preview').textContent).toContain('Hương');

    fireEvent.click(dialog.getByRole('button', { name: 'Thêm mẫu' }));
    expect(await dialog.findByText('Lối tắt "/ketqua" đã được dùng')).toBeTruthy();
    fireEvent.click(dialog.getByRole('button', { name: 'Thêm mẫu' }));
    await screen.findByText('Đã thêm mẫu “Hẹn trả kết quả”.');
    const posts = seen.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.url).toBe('/api/inbox/canned-responses');
    expect(posts[1]!.body).toEqual({
      shortcut: 'ketqua',
      title: 'Hẹn trả kết quả',
      body: 'Dạ {{contact.firstName}}',
      teamId: null,
    });
    expect(posts[1]!.headers.get('x-csrf-token')).toBe('csrf-supervisor');
  });

  it('edits with PUT and deletes only after confirmation', async () => {
    const seen = setup((req) =>
      req.method === 'PUT' ? { status: 200, body: { ...canned, title: 'Lời chào mới' } } : { status: 204 },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Sửa mẫu Lời chào' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect((dialog.getByLabelText(/Lối tắt/) as HTMLInputElement).value).toBe('chao');
    fireEvent.change(dialog.getByLabelText(/Tiêu đề/), { target: { value: 'Lời chào mới' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Lưu mẫu' }));
    await screen.findByText('Đã lưu mẫu “Lời chào mới”.');
    const put = seen.find((r) => r.method === 'PUT')!;
    expect(put.url).toBe(`/api/inbox/canned-responses/${canned.id}`);
    expect(put.body).toMatchObject({ shortcut: 'chao', title: 'Lời chào mới' });

    fireEvent.click(screen.getByRole('button', { name: 'Xoá mẫu Lời chào' }));
    const confirm = within(await screen.findByRole('dialog'));
    expect(seen.some((r) => r.method === 'DELETE')).toBe(false);
    fireEvent.click(confirm.getByRole('button', { name: 'Xoá' }));
    await screen.findByText('Đã xoá mẫu “Lời chào”.');
    expect(seen.find((r) => r.method === 'DELETE')!.url).toBe(`/api/inbox/canned-responses/${canned.id}`);
  });
});

describe('inbox settings: labels', () => {
  it('adds a label with a colour, and shows a duplicate name next to the field', async () => {
    let first = true;
    const seen = setup((req) => {
      if (req.method !== 'POST') return undefined;
      if (first) {
        first = false;
        return { status: 409, body: { error: { code: 'label_exists', message: 'Nhãn "Đặt lịch" đã có' } } };
      }
      return { status: 201, body: { id: 'l2', ...(req.body as object) } };
    });
    fireEvent.click(await screen.findByRole('tab', { name: 'Nhãn' }));
    expect((await screen.findByRole('table', { name: 'Nhãn hội thoại' })).textContent).toContain('Đặt lịch');
    fireEvent.click(screen.getByRole('button', { name: 'Thêm nhãn' }));
    const dialog = within(await screen.findByRole('dialog'));
    fireEvent.change(dialog.getByLabelText(/Tên nhãn/), { target: { value: 'Đặt lịch' } });
    fireEvent.change(dialog.getByLabelText('Màu'), { target: { value: '#e03131' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Thêm nhãn' }));
    expect(await dialog.findByText('Nhãn "Đặt lịch" đã có')).toBeTruthy();
    fireEvent.change(dialog.getByLabelText(/Tên nhãn/), { target: { value: 'Hậu phẫu' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Thêm nhãn' }));
    await screen.findByText('Đã thêm nhãn “Hậu phẫu”.');
    expect(seen.filter((r) => r.method === 'POST')[1]!.body).toEqual({
      name: 'Hậu phẫu',
      color: '#e03131',
      description: null,
    });
  });
});

describe('inbox settings: teams and SLA', () => {
  it('saves the SLA minutes and business hours, and will not send hours that overlap', async () => {
    const seen = setup((req) =>
      req.method === 'PUT' ? { status: 200, body: { ...team, ...(req.body as object) } } : undefined,
    );
    fireEvent.click(await screen.findByRole('tab', { name: 'Nhóm và SLA' }));
    const policy = within(await screen.findByRole('region', { name: 'Chính sách của Tổng đài CSKH' }));
    fireEvent.change(policy.getByLabelText('Phản hồi đầu tiên trong (phút)'), { target: { value: '90' } });
    expect(policy.getByText('= 1 giờ 30 phút')).toBeTruthy();

    // Sunday morning opens, then a second Monday period overlapping the first is refused on the spot
    fireEvent.click(policy.getByRole('button', { name: 'Thêm khung giờ cho Chủ nhật' }));
    fireEvent.click(policy.getByRole('button', { name: 'Thêm khung giờ cho Thứ Hai' }));
    fireEvent.change(policy.getByLabelText('Thứ Hai, khung 2: từ'), { target: { value: '18:00' } });
    fireEvent.change(policy.getByLabelText('Thứ Hai, khung 2: đến'), { target: { value: '20:00' } });
    expect(policy.getByRole('alert').textContent).toContain('Thứ Hai: các khung giờ không được chồng nhau');
    expect(policy.getByRole('button', { name: 'Lưu chính sách' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(policy.getByRole('button', { name: 'Bỏ khung 2 của Thứ Hai' }));

    fireEvent.click(policy.getByRole('button', { name: 'Lưu chính sách' }));
    await policy.findByText('Đã lưu chính sách của nhóm.');
    const put = seen.find((r) => r.method === 'PUT')!;
    expect(put.url).toBe(`/api/inbox/teams/${teamId}/policy`);
    expect(put.body).toEqual({
      channels: ['zalo_oa', 'messenger'],
      autoAssign: true,
      firstResponseMinutes: 90,
      resolutionMinutes: 480,
      businessHours: { weekly: { ...team.businessHours.weekly, '7': [['07:30', '17:00']] }, skipDaysOff: true },
    });
  });

  it('sets the members and an agent’s capacity', async () => {
    const seen = setup((req) => {
      if (req.url.endsWith('/members'))
        return {
          status: 200,
          body: { ...team, members: [...team.members, { staffId: a2, fullName: 'Lê Thị Bình', role: 'agent' }] },
        };
      if (req.url.endsWith('/capacity')) return { status: 200, body: { ...agents[0], capacity: 3 } };
      return undefined;
    });
    fireEvent.click(await screen.findByRole('tab', { name: 'Nhóm và SLA' }));
    const members = within(await screen.findByRole('region', { name: 'Thành viên của Tổng đài CSKH' }));
    fireEvent.click(members.getByRole('textbox', { name: 'Thành viên' }));
    fireEvent.click(await screen.findByRole('option', { name: /Lê Thị Bình/ }));
    fireEvent.click(members.getByRole('button', { name: 'Lưu thành viên' }));
    await members.findByText('Đã lưu thành viên của nhóm.');
    expect(seen.find((r) => r.url.endsWith('/members'))!.body).toEqual({ staffIds: [a1, a2] });

    fireEvent.change(members.getByLabelText('Sức chứa của Nguyễn Văn An'), { target: { value: '3' } });
    fireEvent.click(members.getByRole('button', { name: 'Lưu sức chứa của Nguyễn Văn An' }));
    await waitFor(() => expect(members.queryByRole('button', { name: 'Lưu sức chứa của Nguyễn Văn An' })).toBeNull());
    const cap = seen.find((r) => r.url.endsWith('/capacity'))!;
    expect(cap.url).toBe(`/api/inbox/agents/${a1}/capacity`);
    expect(cap.body).toEqual({ capacity: 3 });
    expect(cap.headers.get('x-csrf-token')).toBe('csrf-supervisor');
  });
});
