import { cleanup, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach } from 'vitest';
import { App, SnackbarProvider, ZMPRouter } from 'zmp-ui';
import { createApi, type HubApi } from './api.ts';
import { AppServices } from './components/app-context.tsx';
import { Layout } from './components/layout.tsx';
import type { ZaloBridge, ZaloPermissions } from './platform/index.ts';

// Vitest globals are off, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

/** A Zalo bridge for component tests: storage in memory, permissions as configured, every call logged. */
export function memoryBridge(opts: { storage?: Record<string, string>; grant?: Partial<ZaloPermissions> } = {}) {
  const storage = new Map(Object.entries(opts.storage ?? {}));
  const calls: { api: string; args: unknown[] }[] = [];
  const grant: ZaloPermissions = { userInfo: true, phoneNumber: true, ...opts.grant };
  let granted: ZaloPermissions = { userInfo: false, phoneNumber: false };
  const log = (api: string, ...args: unknown[]) => calls.push({ api, args });
  const bridge: ZaloBridge = {
    kind: 'fake',
    getAccessToken: async () => {
      log('getAccessToken');
      return 'zalo-access-token-0001';
    },
    getSetting: async () => {
      log('getSetting');
      return granted;
    },
    authorize: async (scopes) => {
      log('authorize', scopes);
      granted = {
        userInfo: granted.userInfo || (scopes.includes('userInfo') && grant.userInfo),
        phoneNumber: granted.phoneNumber || (scopes.includes('phoneNumber') && grant.phoneNumber),
      };
      return granted;
    },
    getUserInfo: async () => {
      log('getUserInfo');
      return { id: '5720130563232385765', name: 'Trần Thị Thu', avatar: '' };
    },
    getPhoneNumberToken: async () => {
      log('getPhoneNumber');
      return 'phone-token-0001';
    },
    followOA: async (id) => void log('followOA', id),
    openChat: async (id, message) => void log('openChat', id, message),
    requestSendNotification: async () => void log('requestSendNotification'),
    getItem: async (k) => storage.get(k) ?? null,
    setItem: async (k, v) => void storage.set(k, v),
    removeItem: async (k) => void storage.delete(k),
  };
  return { bridge, calls, storage };
}

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

type Answer = { status?: number; body?: unknown } | undefined;

/** A hub that answers from a router function; unknown routes answer 404. Returns the requests it saw. */
export function stubHub(route: (req: SeenRequest) => Answer | Promise<Answer>): { api: HubApi; seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const fetchStub = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const raw = init.body ? String(init.body) : undefined;
    const req: SeenRequest = {
      method: (init.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      headers: new Headers(init.headers),
      body: raw ? JSON.parse(raw) : undefined,
    };
    seen.push(req);
    const answer = await route(req);
    if (!answer) {
      return Response.json({ error: { code: 'not_found', message: 'Không tìm thấy đường dẫn' } }, { status: 404 });
    }
    return Response.json(answer.body ?? {}, { status: answer.status ?? 200 });
  };
  return { api: createApi({ baseUrl: 'http://hub.test', fetch: fetchStub }), seen };
}

/** The whole app (session, router, tab bar) as it starts inside Zalo. */
export function renderApp(bridge: ZaloBridge, api: HubApi) {
  return render(<Layout bridge={bridge} api={api} />);
}

/** One component inside zmp-ui's App, a router and the app's services. */
export function renderInApp(ui: ReactElement, services?: { bridge?: ZaloBridge; api?: HubApi }) {
  const bridge = services?.bridge ?? memoryBridge().bridge;
  const api = services?.api ?? stubHub(() => undefined).api;
  return render(
    <App theme="light">
      <SnackbarProvider>
        <AppServices bridge={bridge} api={api}>
          <ZMPRouter>{ui}</ZMPRouter>
        </AppServices>
      </SnackbarProvider>
    </App>,
  );
}
