import { BridgeError, type ZaloBridge, type ZaloPermissions, type ZaloScope, type ZaloUser } from './bridge.ts';

/**
 * The Zalo platform played by the sandbox twin of Zalo Graph (sandbox/zalo-graph), for tests and local preview only.
 * Built in only when VITE_ZALO_BRIDGE is "fake" (see index.ts); a test checks the production bundle has none of it
 * by looking for FAKE_BRIDGE_MARKER.
 *
 * The hub serving the fake build answers `fake-bridge.json` (beside index.html) with the sandbox's address. The fake
 * user is chosen by `?zaloUser=<id>&zaloName=<name>` on the page address, else the one this browser used last, else
 * a new one the sandbox makes up. Permission prompts are answered "allow" unless `?zaloDeny=userInfo,phoneNumber`.
 */
export const FAKE_BRIDGE_MARKER = 'medicrm-fake-zalo-bridge';

const storagePrefix = `${FAKE_BRIDGE_MARKER}:`;
const userKey = `${storagePrefix}user`;

interface SandboxSession {
  user: ZaloUser;
  accessToken: string;
  expiresAt: number;
}

/** What the fake did, in order; tests read it from `window.__fakeZalo.calls`. */
export interface FakeCall {
  api: string;
  args: unknown[];
}

declare global {
  interface Window {
    __fakeZalo?: { calls: FakeCall[]; userId: () => string | undefined };
  }
}

function fail(api: string, message: string): never {
  throw new BridgeError('failed', api, message);
}

export function createFakeBridge(opts: { configUrl?: string } = {}): ZaloBridge {
  const calls: FakeCall[] = [];
  const params = new URLSearchParams(window.location.search);
  const denied = new Set((params.get('zaloDeny') ?? '').split(',').filter(Boolean));
  let sandboxUrl: Promise<string> | undefined;
  let session: SandboxSession | undefined;

  const log = (api: string, ...args: unknown[]) => calls.push({ api, args });
  window.__fakeZalo = { calls, userId: () => session?.user.id };

  async function sandbox(): Promise<string> {
    sandboxUrl ??= (async () => {
      const res = await fetch(opts.configUrl ?? 'fake-bridge.json', { cache: 'no-store' });
      if (!res.ok) fail('config', 'Không tìm thấy môi trường giả lập Zalo (hub chưa bật SANDBOX).');
      const body = (await res.json()) as { sandboxUrl?: unknown };
      if (typeof body.sandboxUrl !== 'string') fail('config', 'Cấu hình giả lập Zalo không hợp lệ.');
      return body.sandboxUrl.replace(/\/$/, '');
    })();
    return sandboxUrl;
  }

  async function post<T>(api: string, path: string, body: unknown): Promise<T> {
    const base = await sandbox();
    let res: Response;
    try {
      res = await fetch(`${base}/zalo-graph${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch {
      fail(api, 'Không kết nối được môi trường giả lập Zalo.');
    }
    if (!res.ok) fail(api, `Môi trường giả lập Zalo trả lỗi ${res.status}.`);
    return (await res.json()) as T;
  }

  function wantedUser(): { id?: string; name?: string } {
    const id = params.get('zaloUser') ?? undefined;
    if (id) return { id, name: params.get('zaloName') ?? undefined };
    try {
      const saved = JSON.parse(window.localStorage.getItem(userKey) ?? 'null') as { id?: string; name?: string } | null;
      return saved ?? {};
    } catch {
      return {};
    }
  }

  async function signIn(): Promise<SandboxSession> {
    if (session && session.expiresAt - Date.now() > 60_000) return session;
    const wanted = wantedUser();
    const r = await post<{ id: string; name: string; accessToken: string; expiresAt: string }>(
      'getAccessToken',
      '/_sandbox/users',
      { id: wanted.id, name: wanted.name },
    );
    window.localStorage.setItem(userKey, JSON.stringify({ id: r.id, name: r.name }));
    session = {
      user: { id: r.id, name: r.name, avatar: '' },
      accessToken: r.accessToken,
      expiresAt: Date.parse(r.expiresAt),
    };
    return session;
  }

  const store = (key: string) => `${storagePrefix}${session?.user.id ?? wantedUser().id ?? 'anon'}:${key}`;
  // Zalo remembers what a user allowed per Mini App; so does the fake, per fake user.
  const readGranted = (): ZaloPermissions => {
    const saved = window.localStorage.getItem(store('granted'));
    return saved ? (JSON.parse(saved) as ZaloPermissions) : { userInfo: false, phoneNumber: false };
  };

  return {
    kind: 'fake',
    async getAccessToken() {
      log('getAccessToken');
      return (await signIn()).accessToken;
    },
    async getSetting() {
      log('getSetting');
      return readGranted();
    },
    async authorize(scopes: ZaloScope[]) {
      log('authorize', scopes);
      const before = readGranted();
      const granted: ZaloPermissions = {
        userInfo: before.userInfo || (scopes.includes('userInfo') && !denied.has('userInfo')),
        phoneNumber: before.phoneNumber || (scopes.includes('phoneNumber') && !denied.has('phoneNumber')),
      };
      window.localStorage.setItem(store('granted'), JSON.stringify(granted));
      if (scopes.length > 0 && scopes.every((s) => denied.has(s))) {
        throw new BridgeError('denied', 'authorize', 'Bạn chưa cho phép quyền này trên Zalo.');
      }
      return granted;
    },
    async getUserInfo() {
      log('getUserInfo');
      if (!readGranted().userInfo)
        throw new BridgeError('denied', 'getUserInfo', 'Bạn chưa cho phép quyền này trên Zalo.');
      return { ...(await signIn()).user };
    },
    async getPhoneNumberToken() {
      log('getPhoneNumber');
      if (!readGranted().phoneNumber) {
        throw new BridgeError('denied', 'getPhoneNumber', 'Bạn chưa cho phép quyền này trên Zalo.');
      }
      const { accessToken } = await signIn();
      return (await post<{ token: string }>('getPhoneNumber', '/_sandbox/phone-token', { accessToken })).token;
    },
    async followOA(oaId) {
      log('followOA', oaId);
    },
    async openChat(oaId, message) {
      log('openChat', oaId, message);
    },
    async requestSendNotification() {
      log('requestSendNotification');
    },
    async getItem(key) {
      return window.localStorage.getItem(store(key));
    },
    async setItem(key, value) {
      window.localStorage.setItem(store(key), value);
    },
    async removeItem(key) {
      window.localStorage.removeItem(store(key));
    },
  };
}
