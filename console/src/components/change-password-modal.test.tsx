import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../app.tsx';
import { agentMe, mockHub, renderUi, type SeenRequest } from '../test-utils.tsx';

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

/** The console signed in as an agent, with the change-password form opened from the account menu. */
async function openForm(onPassword: (req: SeenRequest) => Reply) {
  const seen = mockHub((req) => {
    if (req.url === '/api/auth/me') return { status: 200, body: agentMe };
    if (req.url === '/api/auth/password') return onPassword(req);
  });
  renderUi(<App />);
  fireEvent.click(await screen.findByRole('button', { name: 'Tài khoản: Trần Thị Mai' }));
  fireEvent.click(await screen.findByRole('menuitem', { name: 'Đổi mật khẩu' }));
  const dialog = within(await screen.findByRole('dialog'));
  const fill = (current: string, next: string, confirm = next) => {
    fireEvent.change(dialog.getByLabelText(/Mật khẩu hiện tại/), { target: { value: current } });
    fireEvent.change(dialog.getByLabelText(/^Mật khẩu mới/), { target: { value: next } });
    fireEvent.change(dialog.getByLabelText(/Nhập lại mật khẩu mới/), { target: { value: confirm } });
  };
  const submit = () => fireEvent.click(dialog.getByRole('button', { name: 'Đổi mật khẩu' }));
  return { seen, dialog, fill, submit, posts: () => seen.filter((r) => r.url === '/api/auth/password') };
}

describe('change my password', () => {
  it('checks the form in the browser before calling the hub', async () => {
    const { dialog, fill, submit, posts } = await openForm(() => ({ status: 200, body: { revokedSessions: 0 } }));
    submit();
    expect(await dialog.findByText('Vui lòng nhập mật khẩu hiện tại')).toBeTruthy();
    expect(dialog.getByText('Mật khẩu cần ít nhất 10 ký tự')).toBeTruthy();

    fill('MediCRM@2026', 'MediCRM@2026');
    submit();
    expect(await dialog.findByText('Mật khẩu mới phải khác mật khẩu hiện tại')).toBeTruthy();

    fill('MediCRM@2026', 'Mật-khẩu-mới@2026', 'Mật-khẩu-khác@2026');
    submit();
    expect(await dialog.findByText('Mật khẩu nhập lại không khớp')).toBeTruthy();
    expect(posts()).toHaveLength(0);
  });

  it('sends the current and new password with the CSRF token, then says other devices were signed out', async () => {
    const { dialog, fill, submit, posts } = await openForm(() => ({ status: 200, body: { revokedSessions: 2 } }));
    fill('MediCRM@2026', 'Mật-khẩu-mới@2026');
    submit();
    expect(await dialog.findByText('Đã đổi mật khẩu')).toBeTruthy();
    expect(dialog.getByText(/Đã đăng xuất 2 phiên đăng nhập khác của bạn/)).toBeTruthy();
    const [post] = posts();
    expect(post?.method).toBe('POST');
    expect(post?.body).toEqual({ currentPassword: 'MediCRM@2026', newPassword: 'Mật-khẩu-mới@2026' });
    expect(post?.headers.get('x-csrf-token')).toBe('csrf-agent');

    fireEvent.click(dialog.getByRole('button', { name: 'Đóng' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // Still signed in: the shell stays.
    expect(screen.getByTestId('current-staff').textContent).toContain('Trần Thị Mai');
  });

  it('shows a wrong current password next to that field, and keeps the form', async () => {
    const { dialog, fill, submit } = await openForm(() => ({
      status: 400,
      body: { error: { code: 'wrong_current_password', message: 'Mật khẩu hiện tại không đúng' } },
    }));
    fill('sai-mat-khau', 'Mật-khẩu-mới@2026');
    submit();
    const message = await dialog.findByText('Mật khẩu hiện tại không đúng');
    const field = dialog.getByLabelText(/Mật khẩu hiện tại/);
    // The message is announced with the field it belongs to.
    expect(field.getAttribute('aria-describedby')).toContain(message.id);
    expect(dialog.queryByText('Đã đổi mật khẩu')).toBeNull();
  });

  it("shows the hub's lock message when there were too many wrong tries", async () => {
    const { dialog, fill, submit } = await openForm(() => ({
      status: 429,
      headers: { 'retry-after': '840' },
      body: { error: { code: 'rate_limited', message: 'Nhập sai mật khẩu quá nhiều lần, vui lòng thử lại sau' } },
    }));
    fill('MediCRM@2026', 'Mật-khẩu-mới@2026');
    submit();
    expect((await dialog.findByRole('alert')).textContent).toContain('Nhập sai mật khẩu quá nhiều lần');
  });
});
