import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type Staff, setCsrfToken } from '../api.ts';
import { adminMe, mockHub, renderUi, type SeenRequest } from '../test-utils.tsx';
import { StaffPage } from './staff-page.tsx';

const agent: Staff = {
  id: '00000000-0000-4000-8000-0000000000a1',
  email: 'agent1@demo.medicrm.vn',
  fullName: 'Trần Thị Mai',
  role: 'agent',
  active: true,
  capacity: 5,
  lastSignInAt: '2026-03-01T17:05:09.000Z',
  createdAt: '2026-01-01T00:00:00.000Z',
};
const self: Staff = { ...agent, id: adminMe.id, email: adminMe.email, fullName: adminMe.fullName, role: 'admin' };

function setup(onWrite: (req: SeenRequest) => { status: number; body?: unknown } | undefined) {
  setCsrfToken(adminMe.csrfToken);
  const seen = mockHub((req) => {
    if (req.method === 'GET' && req.url === '/api/admin/staff') return { status: 200, body: { items: [self, agent] } };
    return onWrite(req);
  });
  renderUi(<StaffPage me={adminMe} />);
  return seen;
}

const row = async (name: string) => (await screen.findByText(name)).closest('tr')!;

describe('staff page', () => {
  it('lists staff, and offers no actions on your own account', async () => {
    setup(() => undefined);
    const agentRow = await row('Trần Thị Mai');
    expect(agentRow.textContent).toContain('agent1@demo.medicrm.vn');
    expect(agentRow.textContent).toContain('Đang hoạt động');
    expect(agentRow.textContent).toContain('02/03/2026'); // 17:05 UTC is the next morning in Vietnam
    expect(within(await row('Quản trị hệ thống')).queryByRole('button', { name: 'Khoá' })).toBeNull();
    expect(within(await row('Quản trị hệ thống')).queryByRole('button', { name: 'Đặt lại mật khẩu' })).toBeNull();
  });

  it('locks an account only after confirmation, sending the CSRF token', async () => {
    const seen = setup((req) =>
      req.method === 'PATCH' ? { status: 200, body: { ...agent, active: false } } : undefined,
    );
    fireEvent.click(within(await row('Trần Thị Mai')).getByRole('button', { name: 'Khoá' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('Khoá tài khoản của Trần Thị Mai?');
    expect(seen.some((r) => r.method === 'PATCH')).toBe(false);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Khoá tài khoản' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const patch = seen.find((r) => r.method === 'PATCH')!;
    expect(patch.url).toBe(`/api/admin/staff/${agent.id}`);
    expect(patch.body).toEqual({ active: false });
    expect(patch.headers.get('x-csrf-token')).toBe('csrf-admin');
    expect((await row('Trần Thị Mai')).textContent).toContain('Đã khoá');
  });

  it("shows the hub's refusal inside the confirmation", async () => {
    setup(() => ({
      status: 403,
      body: { error: { code: 'csrf_failed', message: 'Phiên làm việc không hợp lệ, vui lòng tải lại trang' } },
    }));
    fireEvent.click(within(await row('Trần Thị Mai')).getByRole('button', { name: 'Khoá' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Khoá tài khoản' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Phiên làm việc không hợp lệ');
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('validates the new-staff form and reports a taken email next to the field', async () => {
    const seen = setup((req) =>
      req.method === 'POST'
        ? { status: 409, body: { error: { code: 'email_taken', message: 'Email này đã có tài khoản' } } }
        : undefined,
    );
    await row('Trần Thị Mai');
    fireEvent.click(screen.getByRole('button', { name: 'Thêm nhân viên' }));
    const dialog = await screen.findByRole('dialog');
    const form = within(dialog);
    fireEvent.click(form.getByRole('button', { name: 'Tạo tài khoản' }));
    expect(await form.findByText('Vui lòng nhập họ tên')).toBeTruthy();
    expect(form.getByText('Vui lòng nhập email')).toBeTruthy();
    expect(form.getByText('Mật khẩu cần ít nhất 10 ký tự')).toBeTruthy();
    expect(seen.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(form.getByLabelText(/Họ và tên/), { target: { value: 'Lê Văn Hùng' } });
    fireEvent.change(form.getByLabelText(/^Email/), { target: { value: 'agent1@demo.medicrm.vn' } });
    fireEvent.change(form.getByLabelText(/Mật khẩu tạm thời/), { target: { value: 'MatKhau@2026' } });
    fireEvent.click(form.getByRole('button', { name: 'Tạo tài khoản' }));

    expect(await form.findByText('Email này đã có tài khoản')).toBeTruthy();
    const post = seen.find((r) => r.method === 'POST')!;
    expect(post.body).toEqual({
      fullName: 'Lê Văn Hùng',
      email: 'agent1@demo.medicrm.vn',
      role: 'agent',
      password: 'MatKhau@2026',
    });
    expect(post.headers.get('x-csrf-token')).toBe('csrf-admin');
  });

  it('resets a password only after the admin typed it twice, then says the person was signed out', async () => {
    const seen = setup((req) =>
      req.method === 'POST' && req.url.endsWith('/password')
        ? { status: 200, body: { revokedSessions: 1 } }
        : undefined,
    );
    fireEvent.click(within(await row('Trần Thị Mai')).getByRole('button', { name: 'Đặt lại mật khẩu' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText(/Đặt mật khẩu mới cho Trần Thị Mai/).textContent).toContain('đăng xuất khỏi mọi thiết bị');

    const submit = () => fireEvent.click(dialog.getByRole('button', { name: 'Đặt lại mật khẩu' }));
    submit();
    expect(await dialog.findByText('Mật khẩu cần ít nhất 10 ký tự')).toBeTruthy();
    fireEvent.change(dialog.getByLabelText(/^Mật khẩu mới/), { target: { value: 'Tạm-thời@2026' } });
    fireEvent.change(dialog.getByLabelText(/Nhập lại mật khẩu mới/), { target: { value: 'Tạm-thời@2027' } });
    submit();
    expect(await dialog.findByText('Mật khẩu nhập lại không khớp')).toBeTruthy();
    expect(seen.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(dialog.getByLabelText(/Nhập lại mật khẩu mới/), { target: { value: 'Tạm-thời@2026' } });
    submit();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const post = seen.find((r) => r.method === 'POST')!;
    expect(post.url).toBe(`/api/admin/staff/${agent.id}/password`);
    expect(post.body).toEqual({ password: 'Tạm-thời@2026' });
    expect(post.headers.get('x-csrf-token')).toBe('csrf-admin');
    expect(
      await screen.findByText('Đã đặt lại mật khẩu cho Trần Thị Mai. Người này đã bị đăng xuất khỏi mọi thiết bị.'),
    ).toBeTruthy();
  });

  it("keeps the reset form open with the hub's refusal, and starts empty for the next person", async () => {
    setup((req) =>
      req.method === 'POST'
        ? { status: 404, body: { error: { code: 'not_found', message: 'Không tìm thấy nhân viên' } } }
        : undefined,
    );
    fireEvent.click(within(await row('Trần Thị Mai')).getByRole('button', { name: 'Đặt lại mật khẩu' }));
    const dialog = within(await screen.findByRole('dialog'));
    fireEvent.change(dialog.getByLabelText(/^Mật khẩu mới/), { target: { value: 'Tạm-thời@2026' } });
    fireEvent.change(dialog.getByLabelText(/Nhập lại mật khẩu mới/), { target: { value: 'Tạm-thời@2026' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Đặt lại mật khẩu' }));
    expect((await dialog.findByRole('alert')).textContent).toContain('Không tìm thấy nhân viên');

    fireEvent.click(dialog.getByRole('button', { name: 'Huỷ' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    fireEvent.click(within(await row('Trần Thị Mai')).getByRole('button', { name: 'Đặt lại mật khẩu' }));
    const again = within(await screen.findByRole('dialog'));
    expect((again.getByLabelText(/^Mật khẩu mới/) as HTMLInputElement).value).toBe('');
    expect(again.queryByRole('alert')).toBeNull();
  });
});
