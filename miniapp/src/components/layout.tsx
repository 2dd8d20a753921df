import { AnimationRoutes, App, Route, SnackbarProvider, ZMPRouter } from 'zmp-ui';
import type { HubApi } from '../api.ts';
import { AccountPage } from '../pages/account.tsx';
import { AppointmentDetailPage } from '../pages/appointment-detail.tsx';
import { AppointmentsPage } from '../pages/appointments.tsx';
import { BookingPage } from '../pages/booking/booking-page.tsx';
import { HomePage } from '../pages/home.tsx';
import { InboxPage } from '../pages/inbox.tsx';
import { ProfileEditPage } from '../pages/profile-edit.tsx';
import { ProfilesPage } from '../pages/profiles.tsx';
import { ReschedulePage } from '../pages/reschedule.tsx';
import { ResultDetailPage } from '../pages/results/result-detail.tsx';
import { ResultsPage } from '../pages/results.tsx';
import { SignInPage } from '../pages/sign-in.tsx';
import type { ZaloBridge } from '../platform/index.ts';
import { SessionProvider, useSessionState } from '../session.tsx';
import { UnreadProvider, useUnread } from '../unread.tsx';
import { AppServices } from './app-context.tsx';
import { AppNavigation } from './bottom-nav.tsx';
import { Loading } from './states.tsx';

/** App > SnackbarProvider > ZMPRouter > AnimationRoutes, as the official template (FRONTEND.md §2.1). */
export function Layout({ bridge, api }: { bridge: ZaloBridge; api: HubApi }) {
  return (
    <App theme="light">
      <SnackbarProvider>
        <AppServices bridge={bridge} api={api}>
          {/* Outside Zalo the app runs on an in-memory router (the fake build): Zalo's basepath would not match. */}
          <ZMPRouter memoryRouter={import.meta.env.VITE_MEMORY_ROUTER === '1'}>
            {bridge.kind === 'fake' ? (
              <div className="mc-fake-banner" role="note">
                Zalo giả lập
              </div>
            ) : null}
            <SessionProvider>
              <Gate />
            </SessionProvider>
          </ZMPRouter>
        </AppServices>
      </SnackbarProvider>
    </App>
  );
}

/** The consent screen until the patient is signed in, then the app. */
function Gate() {
  const { state } = useSessionState();
  if (state.status === 'starting') return <Loading label="Đang mở ứng dụng…" />;
  if (state.status === 'signed-out') return <SignInPage />;
  return (
    <UnreadProvider>
      <AppRoutes />
    </UnreadProvider>
  );
}

export function AppRoutes() {
  const unread = useUnread();
  return (
    <>
      <AnimationRoutes>
        <Route path="/" element={<HomePage />} />
        <Route path="/booking" element={<BookingPage />} />
        <Route path="/appointments" element={<AppointmentsPage />} />
        <Route path="/appointments/:id" element={<AppointmentDetailPage />} />
        <Route path="/appointments/:id/reschedule" element={<ReschedulePage />} />
        <Route path="/profiles" element={<ProfilesPage />} />
        <Route path="/profiles/:id" element={<ProfileEditPage />} />
        <Route path="/inbox" element={<InboxPage />} />
        <Route path="/results" element={<ResultsPage />} />
        <Route path="/results/:id" element={<ResultDetailPage />} />
        <Route path="/account" element={<AccountPage />} />
      </AnimationRoutes>
      <AppNavigation unread={unread.count} />
    </>
  );
}
