import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useLocation } from 'zmp-ui';
import { call } from './api.ts';
import { useApi } from './components/app-context.tsx';

interface UnreadValue {
  count: number;
  refresh(): void;
}

const UnreadContext = createContext<UnreadValue>({ count: 0, refresh: () => {} });

/** How many in-app notices are unread, for the tab bar's badge: checked on every screen change and every minute. */
export function UnreadProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { pathname } = useLocation();
  const [count, setCount] = useState(0);
  const refresh = useCallback(() => {
    call(api.patient.notifications.$get({ query: { unread: 'true', page: '1', pageSize: '1' } })).then(
      (r) => setCount(r.unread),
      () => {},
    );
  }, [api]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new screen is the moment to look again
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, 60_000);
    return () => clearInterval(timer);
  }, [refresh, pathname]);
  const value = useMemo(() => ({ count, refresh }), [count, refresh]);
  return <UnreadContext.Provider value={value}>{children}</UnreadContext.Provider>;
}

export const useUnread = () => useContext(UnreadContext);
