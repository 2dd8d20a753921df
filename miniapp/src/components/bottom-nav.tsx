import { Bell, CalendarCheck, CalendarPlus, House, UserRound } from 'lucide-react';
import { useEffect, useState } from 'react';
import { BottomNavigation, useLocation, useNavigate } from 'zmp-ui';

const tabs = [
  { key: '/', label: 'Trang chủ', Icon: House },
  { key: '/booking', label: 'Đặt lịch', Icon: CalendarPlus },
  { key: '/appointments', label: 'Lịch hẹn', Icon: CalendarCheck },
  { key: '/inbox', label: 'Thông báo', Icon: Bell },
  { key: '/account', label: 'Tài khoản', Icon: UserRound },
] as const;

/** Screens that fill the phone without the tab bar (a form or a step-by-step flow with its own footer). */
const fullScreen = [/^\/booking/, /^\/appointments\/[^/]+/, /^\/profiles\/.+/];

function activeTab(path: string): string {
  const match = tabs
    .filter((t) => (t.key === '/' ? path === '/' : path.startsWith(t.key)))
    .sort((a, b) => b.key.length - a.key.length)[0];
  if (match) return match.key;
  return path.startsWith('/profiles') || path.startsWith('/results') ? '/account' : '/';
}

export function AppNavigation({ unread }: { unread: number }) {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const [active, setActive] = useState(activeTab(pathname));
  useEffect(() => setActive(activeTab(pathname)), [pathname]);
  if (fullScreen.some((r) => r.test(pathname))) return null;
  return (
    <BottomNavigation fixed activeKey={active} onChange={setActive} id="mc-nav">
      {tabs.map(({ key, label, Icon }) => (
        <BottomNavigation.Item
          key={key}
          itemKey={key}
          // a tab always leads to its screen, also from a screen under it (Hồ sơ gia đình under Tài khoản)
          onClick={() => {
            if (pathname !== key) navigate(key, { animate: false });
          }}
          label={
            key === '/inbox' && unread > 0 ? (
              <span>
                {label} <span className="mc-sr">({unread} chưa đọc)</span>
              </span>
            ) : (
              label
            )
          }
          icon={
            <span className="mc-nav-icon">
              <Icon size={22} strokeWidth={1.8} />
              {key === '/inbox' && unread > 0 ? <span className="mc-badge">{unread > 9 ? '9+' : unread}</span> : null}
            </span>
          }
          activeIcon={
            <span className="mc-nav-icon">
              <Icon size={22} strokeWidth={2.4} />
              {key === '/inbox' && unread > 0 ? <span className="mc-badge">{unread > 9 ? '9+' : unread}</span> : null}
            </span>
          }
        />
      ))}
    </BottomNavigation>
  );
}
