import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { call } from './api.ts';
import { useBridge, useHubApi } from './components/app-context.tsx';
import { BridgeError } from './platform/index.ts';
import type { Me, PermissionScope } from './types.ts';

/** What the patient is told before each permission is asked; recorded with their answer (Decree 13 proof). */
export const permissionReasons: Record<PermissionScope, string> = {
  user_info:
    'Tên và ảnh đại diện Zalo giúp phòng khám chào đúng tên bạn và nhận ra bạn khi bạn nhắn tin với phòng khám.',
  phone:
    'Số điện thoại do Zalo xác minh dùng để xác nhận lịch hẹn, nhắc lịch khám và tìm lại hồ sơ khám trước đây của bạn. Phòng khám không dùng số này để quảng cáo khi chưa có sự đồng ý của bạn.',
  notifications: 'Thông báo qua Zalo để nhắc lịch khám, báo đổi lịch và báo khi có kết quả khám.',
};

const storageKey = 'hub-session';
/** Renew the hub token this long before it expires, silently, with a fresh Zalo access token. */
const renewBeforeMs = 2 * 60_000;

interface StoredSession {
  token: string;
  expiresAt: string;
}

type SessionState = { status: 'starting' } | { status: 'signed-out' } | { status: 'signed-in'; me: Me };

export interface SignInChoices {
  userInfo: boolean;
  phone: boolean;
}

interface SessionValue {
  state: SessionState;
  /** Zalo sign-in with what the patient allowed on the consent screen; phone errors do not undo the sign-in. */
  signIn(choices: SignInChoices): Promise<{ phoneError: string | null }>;
  /** Asks Zalo for the phone number (with the reason shown first) and has the hub verify it. */
  verifyPhone(): Promise<void>;
  refresh(): Promise<void>;
  recordPermission(scope: PermissionScope, granted: boolean): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const bridge = useBridge();
  const hub = useHubApi();
  const [state, setState] = useState<SessionState>({ status: 'starting' });
  const stored = useRef<StoredSession | null>(null);
  const renewing = useRef<Promise<StoredSession | null> | null>(null);

  const keep = useCallback(
    async (s: StoredSession | null) => {
      stored.current = s;
      if (s) await bridge.setItem(storageKey, JSON.stringify(s));
      else await bridge.removeItem(storageKey);
    },
    [bridge],
  );

  /** A new hub token from a new Zalo access token; no prompt is shown (getAccessToken needs no consent). */
  const openSession = useCallback(async () => {
    const accessToken = await bridge.getAccessToken();
    const session = await call(hub.publicClient.patient.session.$post({ json: { accessToken } }));
    await keep({ token: session.token, expiresAt: session.expiresAt });
    return session;
  }, [bridge, hub, keep]);

  useEffect(() => {
    hub.setTokenProvider(async () => {
      const s = stored.current;
      if (!s) return null;
      if (Date.parse(s.expiresAt) - Date.now() > renewBeforeMs) return s.token;
      renewing.current ??= openSession()
        .then((r) => ({ token: r.token, expiresAt: r.expiresAt }))
        .catch(() => null)
        .finally(() => {
          renewing.current = null;
        });
      return (await renewing.current)?.token ?? s.token;
    });
    hub.onUnauthorized(() => {
      void keep(null);
      setState({ status: 'signed-out' });
    });
  }, [hub, keep, openSession]);

  const loadMe = useCallback(async () => {
    const me = await call(hub.client.patient.me.$get());
    setState({ status: 'signed-in', me });
  }, [hub]);

  // On start: the session this phone kept (renewed if it expired); otherwise the consent screen.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const raw = await bridge.getItem(storageKey);
        const s = raw ? (JSON.parse(raw) as StoredSession) : null;
        if (!s) throw new Error('never signed in on this phone');
        stored.current = s;
        // an expired token is renewed silently by the token provider: the patient already agreed once
        const me = await call(hub.client.patient.me.$get());
        if (!cancelled) setState({ status: 'signed-in', me });
      } catch {
        stored.current = null;
        if (!cancelled) setState({ status: 'signed-out' });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [bridge, hub]);

  const recordPermission = useCallback(
    async (scope: PermissionScope, granted: boolean) => {
      await call(
        hub.client.patient.permissions.$post({ json: { scope, granted, reasonShown: permissionReasons[scope] } }),
      );
    },
    [hub],
  );

  const verifyPhone = useCallback(async () => {
    const allowed = await bridge.authorize(['phoneNumber']);
    if (!allowed.phoneNumber) throw new BridgeError('denied', 'authorize', 'Bạn chưa cho phép chia sẻ số điện thoại.');
    const phoneToken = await bridge.getPhoneNumberToken();
    const accessToken = await bridge.getAccessToken();
    const result = await call(hub.client.patient.phone.$post({ json: { accessToken, phoneToken } }));
    await keep({ token: result.token, expiresAt: result.expiresAt });
    await recordPermission('phone', true);
    setState({ status: 'signed-in', me: result.me });
  }, [bridge, hub, keep, recordPermission]);

  const signIn = useCallback(
    async (choices: SignInChoices) => {
      let userInfo = false;
      if (choices.userInfo) {
        userInfo = await bridge.authorize(['userInfo']).then(
          (p) => p.userInfo,
          () => false,
        );
      }
      const session = await openSession();
      setState({ status: 'signed-in', me: session.me });
      await recordPermission('user_info', userInfo);
      if (!choices.phone) return { phoneError: null };
      try {
        await verifyPhone();
        return { phoneError: null };
      } catch (err) {
        if (err instanceof BridgeError && err.kind === 'denied') await recordPermission('phone', false);
        return { phoneError: err instanceof Error ? err.message : 'Chưa xác minh được số điện thoại.' };
      }
    },
    [bridge, openSession, recordPermission, verifyPhone],
  );

  const signOut = useCallback(async () => {
    await keep(null);
    setState({ status: 'signed-out' });
  }, [keep]);

  const value = useMemo<SessionValue>(
    () => ({ state, signIn, verifyPhone, refresh: loadMe, recordPermission, signOut }),
    [state, signIn, verifyPhone, loadMe, recordPermission, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionState(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSessionState outside <SessionProvider>');
  return v;
}

/** For screens shown only when signed in. */
export function useSession() {
  const v = useSessionState();
  if (v.state.status !== 'signed-in') throw new Error('useSession while signed out');
  return { ...v, me: v.state.me };
}
