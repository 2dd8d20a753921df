import { Center, Loader, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, call, errorMessage, type Me, onSessionExpired, setCsrfToken } from './api.ts';
import { ConsoleShell } from './components/console-shell.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { navigate } from './router.ts';

type Session = { status: 'checking' } | { status: 'signed-out'; notice?: string } | { status: 'signed-in'; me: Me };

export const expiredNotice = 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.';

/** Decides between the sign-in page and the signed-in shell; owns the session for the whole console. */
export function App() {
  const [session, setSession] = useState<Session>({ status: 'checking' });

  const signedIn = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setSession({ status: 'signed-in', me });
  }, []);

  useEffect(() => {
    onSessionExpired(() => setSession({ status: 'signed-out', notice: expiredNotice }));
    let cancelled = false;
    call(api.auth.me.$get())
      .then((me) => !cancelled && signedIn(me))
      .catch((err: unknown) => {
        if (cancelled) return;
        const notSignedIn = err instanceof ApiError && err.status === 401;
        setSession({ status: 'signed-out', notice: notSignedIn ? undefined : errorMessage(err) });
      });
    return () => {
      cancelled = true;
    };
  }, [signedIn]);

  const signOut = useCallback(async () => {
    let notice: string | undefined;
    try {
      await call(api.auth['sign-out'].$post());
    } catch (err) {
      // 401: the session had already ended, which is what signing out wants anyway.
      if (!(err instanceof ApiError && err.status === 401)) {
        notice = `Chưa đăng xuất được trên máy chủ (${errorMessage(err)}). Phiên sẽ tự hết hạn.`;
      }
    }
    setCsrfToken(null);
    navigate('/', { replace: true });
    setSession({ status: 'signed-out', notice });
  }, []);

  if (session.status === 'checking') {
    return (
      <Center mih="100vh">
        <Stack align="center" gap="xs">
          <Loader color="teal" />
          <Text c="dimmed" size="sm">
            Đang kiểm tra phiên đăng nhập…
          </Text>
        </Stack>
      </Center>
    );
  }
  if (session.status === 'signed-out') return <SignInPage notice={session.notice} onSignedIn={signedIn} />;
  return <ConsoleShell me={session.me} onSignOut={signOut} />;
}
