import { addDays, format, parseISO } from 'date-fns';
import { CalendarX } from 'lucide-react';
import { useState } from 'react';
import { Button, useNavigate, useParams } from 'zmp-ui';
import { call, errorMessage } from '../api.ts';
import { useApi } from '../components/app-context.tsx';
import { useNotify } from '../components/notify.tsx';
import { Screen } from '../components/screen.tsx';
import { EmptyState, Loaded } from '../components/states.tsx';
import { useLoad } from '../components/use-load.ts';
import { clinicToday, formatCalendarDate, formatDateTime } from '../format.ts';
import { BOOKING_DAYS } from './booking/booking-page.tsx';
import { DateStrip, fillDays } from './booking/date-step.tsx';
import { SlotGrid, type SlotOption } from './booking/slot-step.tsx';

/** Moves a confirmed appointment to another free slot of the same branch and specialty (same doctor by default). */
export function ReschedulePage() {
  const api = useApi();
  const navigate = useNavigate();
  const notify = useNotify();
  const { id = '' } = useParams();
  const [sameDoctor, setSameDoctor] = useState(true);
  const [date, setDate] = useState<string | undefined>();
  const [slot, setSlot] = useState<SlotOption | undefined>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const appt = useLoad(async () => call(api.patient.appointments[':id'].$get({ param: { id } })), [id]);
  const a = appt.data;
  const scope = a
    ? {
        branchId: a.branch.id,
        departmentId: a.department?.id,
        doctorId: sameDoctor ? a.doctor?.id : undefined,
        packageId: a.package?.id,
      }
    : {};
  const today = clinicToday();
  const lastDay = format(addDays(parseISO(today), BOOKING_DAYS - 1), 'yyyy-MM-dd');
  const days = useLoad(
    async () => (await call(api.availability.days.$get({ query: { ...scope, from: today, to: lastDay } }))).days,
    [a?.id, sameDoctor],
    Boolean(a),
  );
  const slots = useLoad(
    async () =>
      (await call(api.availability.$get({ query: { ...scope, from: date, to: date } }))).slots.filter(
        (s) => s.slotId !== a?.slotId,
      ),
    [a?.id, sameDoctor, date],
    Boolean(a && date),
  );
  const doctors = useLoad(
    async () =>
      (await call(api.catalog.doctors.$get({ query: { branchId: scope.branchId, departmentId: scope.departmentId } })))
        .items,
    [a?.id],
    Boolean(a && !sameDoctor),
  );
  const doctorName = (doctorId: string) => {
    const d = doctors.data?.find((x) => x.id === doctorId);
    return d ? `${d.title} ${d.fullName}` : 'Bác sĩ';
  };

  async function save() {
    if (!slot) return;
    setSaving(true);
    setError(null);
    try {
      await call(api.patient.appointments[':id'].reschedule.$post({ param: { id }, json: { slotId: slot.slotId } }));
      notify('Đã đổi lịch hẹn');
      // back to the appointment, which loads again and shows the new time and the timeline entry
      navigate(-1);
    } catch (err) {
      setError(errorMessage(err));
      setSlot(undefined);
      slots.reload();
    } finally {
      setSaving(false);
    }
  }

  return (
    <Screen title="Đổi lịch hẹn" back withNav={false} name="reschedule">
      <Loaded state={appt}>
        {(current) => (
          <>
            <div className="mc-section mc-card">
              <span className="mc-muted">Lịch hiện tại</span>
              <div>
                <strong>{formatDateTime(current.startsAt)}</strong>
              </div>
              <div className="mc-muted">
                {current.doctor ? `${current.doctor.title} ${current.doctor.fullName} · ` : ''}
                {current.branch.name}
              </div>
            </div>
            {current.doctor ? (
              <div className="mc-tabs" role="tablist" aria-label="Bác sĩ">
                <button
                  type="button"
                  role="tab"
                  aria-selected={sameDoctor}
                  onClick={() => {
                    setSameDoctor(true);
                    setDate(undefined);
                    setSlot(undefined);
                  }}
                >
                  Cùng bác sĩ
                </button>
                <button
                  type="button"
                  role="tab"
                  aria-selected={!sameDoctor}
                  onClick={() => {
                    setSameDoctor(false);
                    setDate(undefined);
                    setSlot(undefined);
                  }}
                >
                  Bác sĩ bất kỳ
                </button>
              </div>
            ) : null}
            <div className="mc-section-title">Chọn ngày mới</div>
            <Loaded state={days}>
              {(known) =>
                known.some((d) => d.freeSlots > 0) ? (
                  <DateStrip
                    days={fillDays(today, BOOKING_DAYS, known)}
                    selected={date}
                    onSelect={(d) => {
                      setDate(d);
                      setSlot(undefined);
                    }}
                  />
                ) : (
                  <EmptyState icon={CalendarX} title="Chưa có lịch trống" />
                )
              }
            </Loaded>
            {date ? (
              <>
                <div className="mc-section-title">Giờ trống ngày {formatCalendarDate(date)}</div>
                <Loaded state={slots}>
                  {(items) =>
                    items.length > 0 ? (
                      <SlotGrid
                        slots={items}
                        doctorName={sameDoctor ? undefined : doctorName}
                        selectedId={slot?.slotId}
                        onSelect={setSlot}
                      />
                    ) : (
                      <EmptyState icon={CalendarX} title="Ngày này đã hết giờ trống" />
                    )
                  }
                </Loaded>
              </>
            ) : null}
            {error ? (
              <div className="mc-section">
                <div className="mc-note" role="alert">
                  {error}
                </div>
              </div>
            ) : null}
            <div className="mc-footer">
              <Button fullWidth disabled={!slot} loading={saving} onClick={save}>
                {slot && date ? `Đổi sang ${slot.time} ngày ${formatCalendarDate(date)}` : 'Chọn giờ mới'}
              </Button>
            </div>
          </>
        )}
      </Loaded>
    </Screen>
  );
}
