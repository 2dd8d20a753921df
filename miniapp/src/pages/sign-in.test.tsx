import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { permissionReasons } from '../session.tsx';
import { me } from '../test-fixtures.ts';
import { memoryBridge, renderApp, type SeenRequest, stubHub } from '../test-utils.tsx';

const later = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

function hubAnswering(seen: { tokens: number }) {
  return (req: SeenRequest) => {
    switch (`${req.method} ${req.path}`) {
      case 'POST /api/patient/session':
        seen.tokens += 1;
        return { body: { token: `hub-token-${seen.tokens}`, expiresAt: later(60), me: { ...me, profiles: [] } } };
      case 'POST /api/patient/phone':
        return { body: { token: 'hub-token-phone', expiresAt: later(60), me, linkedExistingContact: false } };
      case 'POST /api/patient/permissions':
        return { body: { items: [] } };
      case 'GET /api/patient/me':
        return { body: me };
      case 'GET /api/patient/appointments':
        return { body: { items: [], total: 0, page: 1, pageSize: 5 } };
      case 'GET /api/patient/notifications':
        return { body: { items: [], total: 0, unread: 0, page: 1, pageSize: 1 } };
      default:
        return undefined;
    }
  };
}

describe('sign-in and consent', () => {
  it('says why before Zalo asks, then signs in, verifies the phone and records each answer with its reason', async () => {
    const { bridge, calls, storage } = memoryBridge();
    const counter = { tokens: 0 };
    const hub = stubHub(hubAnswering(counter));
    renderApp(bridge, hub.api);

    expect(await screen.findByText(permissionReasons.phone)).toBeTruthy();
    expect(screen.getByText(permissionReasons.user_info)).toBeTruthy();
    expect(calls).toEqual([]); // nothing is asked of Zalo before the patient agrees
    fireEvent.click(screen.getByRole('button', { name: 'Đồng ý và tiếp tục' }));
    expect(await screen.findByText('Xin chào, Trần Thị Thu')).toBeTruthy();

    const sent = (path: string) => hub.seen.filter((r) => r.method === 'POST' && r.path === path).map((r) => r.body);
    expect(sent('/api/patient/session')).toEqual([{ accessToken: 'zalo-access-token-0001' }]);
    expect(sent('/api/patient/phone')).toEqual([
      { accessToken: 'zalo-access-token-0001', phoneToken: 'phone-token-0001' },
    ]);
    expect(sent('/api/patient/permissions')).toEqual([
      { scope: 'user_info', granted: true, reasonShown: permissionReasons.user_info },
      { scope: 'phone', granted: true, reasonShown: permissionReasons.phone },
    ]);
    expect(calls.map((c) => c.api)).toEqual([
      'authorize',
      'getAccessToken',
      'authorize',
      'getPhoneNumber',
      'getAccessToken',
    ]);
    // the token the phone exchange issued is the one kept for next time
    expect(JSON.parse(storage.get('hub-session')!).token).toBe('hub-token-phone');
  });

  it('asks Zalo for nothing the patient unticked, and records the refusal', async () => {
    const { bridge, calls } = memoryBridge();
    const hub = stubHub(hubAnswering({ tokens: 0 }));
    renderApp(bridge, hub.api);
    fireEvent.click(await screen.findByRole('checkbox', { name: /Tên và ảnh đại diện Zalo/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Số điện thoại/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Đồng ý và tiếp tục' }));
    await screen.findByText('Xin chào, Trần Thị Thu');
    expect(calls.map((c) => c.api)).toEqual(['getAccessToken']);
    expect(hub.seen.filter((r) => r.path === '/api/patient/phone')).toEqual([]);
    await waitFor(() =>
      expect(hub.seen.filter((r) => r.path === '/api/patient/permissions').map((r) => r.body)).toEqual([
        { scope: 'user_info', granted: false, reasonShown: permissionReasons.user_info },
      ]),
    );
  });

  it('renews a token about to expire with a fresh Zalo access token, without asking again', async () => {
    const { bridge, calls } = memoryBridge({
      storage: { 'hub-session': JSON.stringify({ token: 'hub-token-old', expiresAt: later(1) }) },
    });
    const hub = stubHub(hubAnswering({ tokens: 0 }));
    renderApp(bridge, hub.api);
    expect(await screen.findByText('Xin chào, Trần Thị Thu')).toBeTruthy();
    const me = hub.seen.find((r) => r.path === '/api/patient/me');
    expect(me?.headers.get('authorization')).toBe('Bearer hub-token-1');
    expect(hub.seen.some((r) => r.headers.get('authorization') === 'Bearer hub-token-old')).toBe(false);
    expect(calls.map((c) => c.api)).toEqual(['getAccessToken']);
  });

  it('goes back to the consent screen when the hub refuses the token', async () => {
    const { bridge, storage } = memoryBridge({
      storage: { 'hub-session': JSON.stringify({ token: 'hub-token-revoked', expiresAt: later(30) }) },
    });
    const hub = stubHub((req) =>
      req.path === '/api/patient/me'
        ? { status: 401, body: { error: { code: 'unauthenticated', message: 'Phiên đăng nhập không hợp lệ' } } }
        : undefined,
    );
    renderApp(bridge, hub.api);
    expect(await screen.findByRole('button', { name: 'Đồng ý và tiếp tục' })).toBeTruthy();
    await waitFor(() => expect(storage.has('hub-session')).toBe(false));
  });
});
