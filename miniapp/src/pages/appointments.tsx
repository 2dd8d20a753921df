import { CalendarX } from 'lucide-react';
import { useState } from 'react';
import { Button, useNavigate } from 'zmp-ui';
import { call } from '../api.ts';
import { useApi } from '../components/app-context.tsx';
import { AppointmentCard } from '../components/appointment-bits.tsx';
import { Screen } from '../components/screen.tsx';
import { EmptyState, Loaded } from '../components/states.tsx';
import { useLoad } from '../components/use-load.ts';

const PAGE_SIZE = 10;

/** My appointments: upcoming or past, every profile of the account, a page at a time. */
export function AppointmentsPage() {
  const api = useApi();
  const navigate = useNavigate();
  const [view, setView] = useState<'upcoming' | 'past'>('upcoming');
  const [pages, setPages] = useState(1);
  const list = useLoad(
    async () =>
      call(
        api.patient.appointments.$get({
          query: { view, page: '1', pageSize: String(PAGE_SIZE * pages) },
        }),
      ),
    [view, pages],
  );

  return (
    <Screen title="Lịch hẹn của tôi" name="appointments">
      <div className="mc-tabs" role="tablist" aria-label="Lịch hẹn">
        {(
          [
            ['upcoming', 'Sắp tới'],
            ['past', 'Đã qua'],
          ] as const
        ).map(([key, label]) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={view === key}
            onClick={() => {
              setView(key);
              setPages(1);
            }}
          >
            {label}
          </button>
        ))}
      </div>
      <Loaded state={list}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState
              icon={CalendarX}
              title={view === 'upcoming' ? 'Chưa có lịch hẹn sắp tới' : 'Chưa có lịch hẹn nào'}
            >
              {view === 'upcoming' ? (
                <Button size="small" onClick={() => navigate('/booking')}>
                  Đặt lịch khám
                </Button>
              ) : null}
            </EmptyState>
          ) : (
            <div className="mc-choices">
              {page.items.map((a) => (
                <AppointmentCard key={a.id} appt={a} onOpen={() => navigate(`/appointments/${a.id}`)} />
              ))}
              {page.items.length < page.total ? (
                <Button variant="tertiary" onClick={() => setPages((p) => p + 1)}>
                  Xem thêm
                </Button>
              ) : null}
            </div>
          )
        }
      </Loaded>
    </Screen>
  );
}
