import { addDays, format, parseISO } from 'date-fns';
import { CalendarX, UserPlus } from 'lucide-react';
import { useReducer, useState } from 'react';
import { Button, useNavigate } from 'zmp-ui';
import { ApiError, call, errorMessage } from '../../api.ts';
import { useApi } from '../../components/app-context.tsx';
import { useNotify } from '../../components/notify.tsx';
import { newProfileDraft, ProfileForm } from '../../components/profile-form.tsx';
import { Screen } from '../../components/screen.tsx';
import { EmptyState, Loaded } from '../../components/states.tsx';
import { useLoad } from '../../components/use-load.ts';
import { clinicToday, formatCalendarDate } from '../../format.ts';
import { relationshipLabels } from '../../profile-rules.ts';
import { useSession } from '../../session.tsx';
import type { Appointment } from '../../types.ts';
import { bookingReducer, bookingSteps, initialBooking, stepTitles } from './booking-flow.ts';
import { BranchStep } from './branch-step.tsx';
import { Choice } from './choice-list.tsx';
import { ConfirmStep } from './confirm-step.tsx';
import { DateStrip, fillDays } from './date-step.tsx';
import { DoctorStep } from './doctor-step.tsx';
import { ServiceStep } from './service-step.tsx';
import { SlotGrid } from './slot-step.tsx';

/** How many days the date strip offers (the hub answers at most 31 per query). */
export const BOOKING_DAYS = 28;

export function BookingPage() {
  const api = useApi();
  const navigate = useNavigate();
  const notify = useNotify();
  const { me, refresh } = useSession();
  const [addingProfile, setAddingProfile] = useState(false);
  const [state, dispatch] = useReducer(bookingReducer, initialBooking);
  const { step, choice } = state;
  const [hold, setHold] = useState<Appointment | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  const branches = useLoad(async () => (await call(api.catalog.branches.$get())).items, []);
  const specialties = useLoad(
    async () => (await call(api.catalog.departments.$get({ query: { branchId: choice.branchId } }))).items,
    [choice.branchId],
    Boolean(choice.branchId),
  );
  const packages = useLoad(
    async () => (await call(api.catalog.packages.$get({ query: { branchId: choice.branchId } }))).items,
    [choice.branchId],
    Boolean(choice.branchId),
  );
  const doctors = useLoad(
    async () =>
      (
        await call(
          api.catalog.doctors.$get({
            query: { branchId: choice.branchId, departmentId: choice.departmentId, kind: 'all' },
          }),
        )
      ).items,
    [choice.branchId, choice.departmentId],
    Boolean(choice.branchId && choice.departmentId),
  );
  const scope = {
    branchId: choice.branchId,
    departmentId: choice.departmentId,
    doctorId: choice.doctorId ?? undefined,
    packageId: choice.packageId,
  };
  const today = clinicToday();
  const lastDay = format(addDays(parseISO(today), BOOKING_DAYS - 1), 'yyyy-MM-dd');
  const days = useLoad(
    async () => (await call(api.availability.days.$get({ query: { ...scope, from: today, to: lastDay } }))).days,
    [step === 'date', choice.branchId, choice.departmentId, choice.doctorId, choice.packageId],
    step === 'date',
  );
  const slots = useLoad(
    async () => (await call(api.availability.$get({ query: { ...scope, from: choice.date, to: choice.date } }))).slots,
    [step === 'slot', choice.date, choice.branchId, choice.departmentId, choice.doctorId, choice.packageId],
    step === 'slot' && Boolean(choice.date),
  );

  const doctorName = (id: string) => {
    const d = doctors.data?.find((x) => x.id === id);
    return d ? [d.title, d.fullName].filter(Boolean).join(' ') : 'Bác sĩ';
  };

  async function holdFor(profileId: string) {
    if (!choice.slotId) return;
    setBusy(true);
    setActionError(null);
    try {
      const held = await call(
        api.patient.appointments.$post({
          json: { slotId: choice.slotId, profileId, packageId: choice.packageId ?? null },
        }),
      );
      setHold(held);
      dispatch({ type: 'profile', profileId });
    } catch (err) {
      setActionError(errorMessage(err));
      if (err instanceof ApiError && (err.code === 'slot_taken' || err.code === 'slot_unavailable')) {
        dispatch({ type: 'restart-from', step: 'slot' });
      }
    } finally {
      setBusy(false);
    }
  }

  async function confirm() {
    if (!hold) return;
    setBusy(true);
    setActionError(null);
    try {
      const done = await call(api.patient.appointments[':id'].confirm.$post({ param: { id: hold.id } }));
      notify(`Đã đặt lịch khám. Mã đặt lịch ${done.bookingCode}`);
      navigate(`/appointments/${done.id}`, { replace: true });
    } catch (err) {
      setActionError(errorMessage(err));
      if (err instanceof ApiError && err.code === 'hold_expired') dispatch({ type: 'restart-from', step: 'slot' });
    } finally {
      setBusy(false);
    }
  }

  const back = () => {
    setActionError(null);
    if (addingProfile) setAddingProfile(false);
    else if (step === 'branch') navigate(-1);
    else dispatch({ type: 'back' });
  };

  const current = bookingSteps.indexOf(step);
  return (
    <Screen title="Đặt lịch khám" back onBack={back} withNav={false} name={`booking-${step}`}>
      <p className="mc-sr">{`Bước ${current + 1} trên ${bookingSteps.length}`}</p>
      <div className="mc-steps" aria-hidden="true">
        {bookingSteps.map((s, i) => (
          <span key={s} className={i <= current ? 'done' : undefined} />
        ))}
      </div>
      <h2 className="mc-step-title">{stepTitles[step]}</h2>
      {step === 'date' || step === 'slot' ? (
        <p className="mc-step-hint">
          {choice.doctorId ? doctorName(choice.doctorId) : 'Bác sĩ bất kỳ'}
          {step === 'slot' && choice.date ? ` · ${formatCalendarDate(choice.date)}` : ''}
        </p>
      ) : null}
      {actionError ? (
        <div className="mc-section">
          <div className="mc-note" role="alert">
            {actionError}
          </div>
        </div>
      ) : null}

      {step === 'branch' ? (
        <Loaded state={branches}>
          {(items) => (
            <BranchStep
              branches={items}
              selectedId={choice.branchId}
              onSelect={(branchId) => dispatch({ type: 'branch', branchId })}
            />
          )}
        </Loaded>
      ) : null}

      {step === 'service' ? (
        <Loaded state={specialties}>
          {(deps) => (
            <Loaded state={packages}>
              {(pkgs) => (
                <ServiceStep
                  specialties={deps}
                  packages={pkgs}
                  selected={choice}
                  onSpecialty={(departmentId) => dispatch({ type: 'specialty', departmentId })}
                  onPackage={(p) => dispatch({ type: 'package', packageId: p.id, departmentId: p.departmentId })}
                />
              )}
            </Loaded>
          )}
        </Loaded>
      ) : null}

      {step === 'doctor' ? (
        <Loaded state={doctors}>
          {(items) => (
            <DoctorStep
              doctors={items}
              selectedId={choice.doctorId}
              onSelect={(doctorId) => dispatch({ type: 'doctor', doctorId })}
            />
          )}
        </Loaded>
      ) : null}

      {step === 'date' ? (
        <Loaded state={days}>
          {(known) =>
            known.some((d) => d.freeSlots > 0) ? (
              <DateStrip
                layout="grid"
                days={fillDays(today, BOOKING_DAYS, known)}
                selected={choice.date}
                onSelect={(date) => dispatch({ type: 'date', date })}
              />
            ) : (
              <EmptyState icon={CalendarX} title="Chưa có lịch trống">
                <span>Trong {BOOKING_DAYS} ngày tới không còn giờ trống. Hãy chọn bác sĩ hoặc chuyên khoa khác.</span>
              </EmptyState>
            )
          }
        </Loaded>
      ) : null}

      {step === 'slot' ? (
        <Loaded state={slots}>
          {(items) =>
            items.length > 0 ? (
              <SlotGrid
                slots={items}
                doctorName={choice.doctorId ? undefined : doctorName}
                selectedId={choice.slotId}
                onSelect={(s) => dispatch({ type: 'slot', slotId: s.slotId })}
              />
            ) : (
              <EmptyState icon={CalendarX} title="Ngày này đã hết giờ trống">
                <Button size="small" variant="secondary" onClick={() => dispatch({ type: 'back' })}>
                  Chọn ngày khác
                </Button>
              </EmptyState>
            )
          }
        </Loaded>
      ) : null}

      {step === 'profile' && addingProfile ? (
        <div className="mc-section mc-card">
          <ProfileForm
            initial={newProfileDraft(me.contact, me.profiles)}
            submitLabel="Lưu hồ sơ và tiếp tục"
            onSubmit={async (profile) => {
              const created = await call(api.patient.profiles.$post({ json: profile }));
              await refresh();
              setAddingProfile(false);
              await holdFor(created.id);
            }}
          />
        </div>
      ) : null}

      {step === 'profile' && !addingProfile ? (
        <div className="mc-choices">
          {me.profiles.map((p) => (
            <Choice
              key={p.id}
              title={p.fullName}
              sub={`${relationshipLabels[p.relationship]}${p.birthDate ? ` · ${formatCalendarDate(p.birthDate)}` : ''}`}
              selected={choice.profileId === p.id}
              onSelect={() => (busy ? undefined : holdFor(p.id))}
            />
          ))}
          <Choice
            title="Thêm hồ sơ mới"
            sub="Bản thân, con, bố mẹ hoặc người thân"
            lead={
              <span className="mc-avatar">
                <UserPlus size={22} />
              </span>
            }
            onSelect={() => setAddingProfile(true)}
          />
        </div>
      ) : null}

      {step === 'confirm' && hold ? (
        <ConfirmStep
          hold={hold}
          confirming={busy}
          onConfirm={confirm}
          onPickAgain={() => {
            setHold(null);
            dispatch({ type: 'restart-from', step: 'slot' });
          }}
        />
      ) : null}
    </Screen>
  );
}
