import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { adminMe, mockHub, renderUi } from '../test-utils.tsx';
import { SignInPage } from './sign-in-page.tsx';

function fill(email: string, password: string) {
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Mật khẩu'), { target: { value: password } });
}

const submitButton = () => screen.getByRole('button', { name: 'Đăng nhập' });

describe('sign-in page', () => {
  it('explains in Vietnamese what is missing and sends nothing', async () => {
    const seen = mockHub(() => undefined);
    renderUi(<SignInPage onSignedIn={vi.fn()} />);

    fireEvent.click(submitButton());
    expect(await screen.findByText('Vui lòng nhập email')).toBeTruthy();
    expect(screen.getByText('Vui lòng nhập mật khẩu')).toBeTruthy();

    fill('khong-phai-email', 'x');
    fireEvent.click(submitButton());
    expect(await screen.findByText('Email không hợp lệ')).toBeTruthy();
    expect(screen.queryByText('Vui lòng nhập mật khẩu')).toBeNull();
    expect(seen).toHaveLength(0);
  });

  it("shows the hub's message for a wrong password, and the button is disabled while waiting", async () => {
    let answer!: (r: Response) => void;
    const seen = mockHub(() => new Promise<Response>((resolve) => (answer = resolve)));
    const onSignedIn = vi.fn();
    renderUi(<SignInPage onSignedIn={onSignedIn} />);

    fill(' admin@demo.medicrm.vn ', 'sai-mat-khau');
    fireEvent.submit(screen.getByRole('form', { name: 'Đăng nhập' }));

    await waitFor(() => expect(submitButton().hasAttribute('disabled')).toBe(true));
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/auth/sign-in',
      body: { email: 'admin@demo.medicrm.vn', password: 'sai-mat-khau' },
    });
    answer(
      new Response(
        JSON.stringify({
          error: { code: 'invalid_credentials', message: 'Email hoặc mật khẩu không đúng', requestId: 'r1' },
        }),
        { status: 401, headers: { 'content-type': 'application/json' } },
      ),
    );

    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      expect.stringContaining('Email hoặc mật khẩu không đúng'),
    );
    expect(submitButton().hasAttribute('disabled')).toBe(false);
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('says how long to wait when the account is locked (429)', async () => {
    mockHub(() => ({
      status: 429,
      headers: { 'retry-after': '840' },
      body: {
        error: {
          code: 'rate_limited',
          message: 'Tài khoản tạm khoá do đăng nhập sai nhiều lần, vui lòng thử lại sau',
          requestId: 'r2',
        },
      },
    }));
    renderUi(<SignInPage onSignedIn={vi.fn()} />);
    fill('admin@demo.medicrm.vn', 'sai');
    fireEvent.click(submitButton());

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Tài khoản tạm khoá do đăng nhập sai nhiều lần');
    expect(alert.textContent).toContain('khoảng 14 phút');
  });

  it('hands the signed-in staff member to the app', async () => {
    mockHub((req) => (req.url === '/api/auth/sign-in' ? { status: 200, body: adminMe } : undefined));
    const onSignedIn = vi.fn();
    renderUi(<SignInPage onSignedIn={onSignedIn} notice="Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại." />);
    expect(screen.getByText('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.')).toBeTruthy();

    fill('admin@demo.medicrm.vn', 'MediCRM@2026');
    fireEvent.click(submitButton());
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(adminMe));
  });

  it('lets people reveal the password they typed', () => {
    renderUi(<SignInPage onSignedIn={vi.fn()} />);
    const input = screen.getByLabelText('Mật khẩu');
    expect(input.getAttribute('type')).toBe('password');
    fireEvent.mouseDown(screen.getByRole('button', { name: 'Hiện hoặc ẩn mật khẩu' }));
    expect(input.getAttribute('type')).toBe('text');
  });
});
