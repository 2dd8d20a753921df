import { CalendarPlus, FlaskConical, MessageCircle, UsersRound } from 'lucide-react';
import { Button, useNavigate } from 'zmp-ui';
import { call } from '../api.ts';
import { useApi } from '../components/app-context.tsx';
import { AppointmentCard } from '../components/appointment-bits.tsx';
import { useClinicOa } from '../components/clinic-actions.ts';
import { Screen } from '../components/screen.tsx';
import { ErrorState, Loading } from '../components/states.tsx';
import { useLoad } from '../components/use-load.ts';
import { useSession } from '../session.tsx';

/** Home: the next appointment and the shortcuts a patient needs most. */
export function HomePage() {
  const api = useApi();
  const navigate = useNavigate();
  const { me } = useSession();
  const oa = useClinicOa();
  const next = useLoad(
    async () =>
      (await call(api.patient.appointments.$get({ query: { view: 'upcoming', page: '1', pageSize: '5' } }))).items.find(
        (a) => a.status === 'confirmed' || a.status === 'checked_in',
      ) ?? null,
    [],
  );
  const name = me.contact.displayName ?? me.contact.fullName;

  const shortcuts = [
    { label: 'Đặt lịch khám', Icon: CalendarPlus, go: () => navigate('/booking') },
    { label: 'Kết quả khám', Icon: FlaskConical, go: () => navigate('/results') },
    ...(oa.available ? [{ label: 'Nhắn tin phòng khám', Icon: MessageCircle, go: () => oa.chat() }] : []),
    { label: 'Hồ sơ gia đình', Icon: UsersRound, go: () => navigate('/profiles') },
  ];

  return (
    <Screen title="Phòng khám MediCRM" name="home">
      <div className="mc-hello" style={{ paddingBottom: 34 }}>
        <h1>Xin chào, {name}</h1>
        <p>Chúc bạn một ngày khỏe mạnh.</p>
      </div>
      <nav className="mc-shortcuts" aria-label="Lối tắt">
        {shortcuts.map(({ label, Icon, go }) => (
          <button key={label} type="button" className="mc-shortcut" onClick={go}>
            <span className="mc-shortcut-icon">
              <Icon size={22} />
            </span>
            {label}
          </button>
        ))}
      </nav>

      <div className="mc-section-title">Lịch hẹn sắp tới</div>
      <div className="mc-section">
        {next.error ? (
          <ErrorState message={next.error} onRetry={next.reload} />
        ) : next.loading ? (
          <Loading />
        ) : next.data ? (
          <AppointmentCard appt={next.data} onOpen={() => navigate(`/appointments/${next.data!.id}`)} />
        ) : (
          <div className="mc-card mc-stack">
            <span>Bạn chưa có lịch hẹn nào sắp tới.</span>
            <Button size="small" onClick={() => navigate('/booking')}>
              Đặt lịch ngay
            </Button>
          </div>
        )}
      </div>

      {oa.available ? (
        <>
          <div className="mc-section-title">Zalo OA của phòng khám</div>
          <div className="mc-section mc-card mc-stack">
            <span className="mc-muted">
              Quan tâm OA để nhận tin nhắn chăm sóc và trao đổi trực tiếp với phòng khám.
            </span>
            <div className="mc-row">
              <Button size="small" variant="secondary" onClick={oa.follow}>
                Quan tâm OA
              </Button>
              <Button size="small" variant="tertiary" onClick={() => oa.chat()}>
                Nhắn tin
              </Button>
            </div>
          </div>
        </>
      ) : null}
    </Screen>
  );
}
