import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from './app.tsx';
import { adminMe, agentMe, mockHub, renderUi } from './test-utils.tsx';

const unauthenticated = {
  status: 401,
  body: { error: { code: 'unauthenticated', message: 'Bạn cần đăng nhập để tiếp tục', requestId: 'r' } },
};

describe('console app', () => {
  it('goes straight to the shell when the session is still valid', async () => {
    mockHub((req) => (req.url === '/api/auth/me' ? { status: 200, body: adminMe } : undefined));
    renderUi(<App />);
    const header = await screen.findByTestId('current-staff');
    expect(header.textContent).toContain('Quản trị hệ thống');
    expect(header.textContent).toContain('Quản trị viên');
    expect(screen.getByRole('heading', { name: 'Xin chào, Quản trị hệ thống' })).toBeTruthy();
    // Vietnamese text must reach the screen in NFC, or search and sorting break.
    expect(document.body.textContent).toBe(document.body.textContent?.normalize('NFC'));
  });

  it('shows the sign-in page, without a warning, to someone not signed in', async () => {
    mockHub((req) => (req.url === '/api/auth/me' ? unauthenticated : undefined));
    renderUi(<App />);
    expect(await screen.findByRole('heading', { name: 'Đăng nhập MediCRM' })).toBeTruthy();
    expect(screen.queryByText(/hết hạn/)).toBeNull();
  });

  it('returns to sign-in with a notice when the session expires mid-work', async () => {
    window.history.replaceState(null, '', '/staff');
    mockHub((req) => (req.url === '/api/auth/me' ? { status: 200, body: adminMe } : unauthenticated));
    renderUi(<App />);
    expect(await screen.findByText('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Đăng nhập MediCRM' })).toBeTruthy();
  });

  it('signs out with the CSRF token and shows the sign-in page', async () => {
    const seen = mockHub((req) => {
      if (req.url === '/api/auth/me') return { status: 200, body: agentMe };
      if (req.url === '/api/auth/sign-out') return { status: 204 };
    });
    renderUi(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Đăng xuất' }));
    expect(await screen.findByRole('heading', { name: 'Đăng nhập MediCRM' })).toBeTruthy();
    const signOut = seen.find((r) => r.url === '/api/auth/sign-out');
    expect(signOut?.method).toBe('POST');
    expect(signOut?.headers.get('x-csrf-token')).toBe('csrf-agent');
  });

  it('keeps the page in the URL and refuses admin pages to an agent', async () => {
    window.history.replaceState(null, '', '/audit');
    const seen = mockHub((req) => (req.url === '/api/auth/me' ? { status: 200, body: agentMe } : undefined));
    renderUi(<App />);
    expect(await screen.findByText('Bạn không có quyền xem trang này')).toBeTruthy();
    expect(seen.some((r) => r.url.startsWith('/api/admin/'))).toBe(false);

    const nav = screen.getByRole('navigation', { name: 'Điều hướng chính' });
    fireEvent.click(within(nav).getByRole('link', { name: 'Tổng quan' }));
    await waitFor(() => expect(window.location.pathname).toBe('/'));
    expect(screen.getByText('Trả lời tin nhắn khách hàng')).toBeTruthy();
  });
});
