import { Alert, Anchor, Loader, Modal, Radio, SimpleGrid, Stack, Stepper, Text } from '@mantine/core';
import { useEffect, useReducer, useState } from 'react';
import { ApiError, api, call, errorMessage } from '../api.ts';
import { formatPhone } from './appointment-labels.ts';
import type { StaffAppointment } from './appointment-types.ts';
import { bookingBody, flowReducer, initialFlow, type Patient, type Step, stepLabels, steps } from './booking-flow.ts';
import { clinicToday, formatLongDay } from './clinic-dates.ts';
import { type ConfirmExtra, ConfirmStep } from './confirm-step.tsx';
import { emptyPatientForm, type PatientForm, PatientStep } from './patient-step.tsx';
import { ServiceStep } from './service-step.tsx';
import { DateStrip, SlotGrid, useAvailableDays, useFreeSlots } from './slot-picker.tsx';
import { useLoad } from './use-load.ts';

/** What the hub answers for a booking (the list's row shape without the staff's extras). */
export type Booked = Pick<StaffAppointment, 'id' | 'bookingCode' | 'startsAt'>;

interface Props {
  opened: boolean;
  onClose(): void;
  /** the caller's contact when known (contact page, a hotline call just recorded) */
  contactId?: string | null;
  onBooked(appointment: Booked): void;
}

const initialExtra: ConfirmExtra = { reason: '', contractRef: '', sourceChannel: 'hotline' };
const patientPaths = /^(newProfile|callerPhone|callerName|patientId|contactId)/;

/**
 * "Đặt lịch cho khách": an agent books for a caller under the Mini App's rules (the same public catalog and
 * availability), confirmed at once. A new caller's contact and profile are created by the hub with the booking, in
 * one transaction, so a slot taken meanwhile leaves nothing half-made.
 */
export function BookForCallerModal({ opened, onClose, contactId = null, onBooked }: Props) {
  const [{ step, choice }, dispatch] = useReducer(flowReducer, initialFlow);
  const [form, setForm] = useState<PatientForm>(() => emptyPatientForm(contactId));
  const [patient, setPatient] = useState<Patient | null>(null);
  const [extra, setExtra] = useState<ConfirmExtra>(initialExtra);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const today = clinicToday();

  // every opening starts a new booking
  useEffect(() => {
    if (!opened) return;
    dispatch({ type: 'go', step: 'branch' });
    setForm(emptyPatientForm(contactId));
    setPatient(null);
    setExtra(initialExtra);
    setError(null);
    setNotice(null);
    setFieldErrors({});
  }, [opened, contactId]);

  const branches = useLoad(async () => (await call(api.catalog.branches.$get())).items, [], opened);
  const branchQuery = { query: { branchId: choice.branchId } };
  const departments = useLoad(
    async () => (await call(api.catalog.departments.$get(branchQuery))).items,
    [choice.branchId],
    Boolean(opened && choice.branchId),
  );
  const packages = useLoad(
    async () => (await call(api.catalog.packages.$get(branchQuery))).items,
    [choice.branchId],
    Boolean(opened && choice.branchId),
  );
  const doctors = useLoad(
    async () =>
      (
        await call(
          api.catalog.doctors.$get({ query: { branchId: choice.branchId, departmentId: choice.departmentId } }),
        )
      ).items,
    [choice.branchId, choice.departmentId],
    Boolean(opened && choice.branchId && (choice.departmentId || choice.packageId)),
  );
  const scope = {
    branchId: choice.branchId,
    departmentId: choice.departmentId,
    doctorId: choice.doctorId ?? undefined,
    packageId: choice.packageId,
  };
  const days = useAvailableDays(scope, today, opened && step === 'date');
  const slots = useFreeSlots(scope, opened && step === 'slot' ? (choice.date ?? null) : null);

  const branch = branches.data?.find((b) => b.id === choice.branchId);
  const department = departments.data?.find((d) => d.id === choice.departmentId);
  const pkg = packages.data?.find((p) => p.id === choice.packageId) ?? null;
  const doctorName = (id: string) => {
    const d = doctors.data?.find((x) => x.id === id);
    return d ? `${d.title} ${d.fullName}` : 'Bác sĩ';
  };

  const go = (to: Step) => {
    setNotice(null);
    dispatch({ type: 'go', step: to });
  };

  const confirm = async () => {
    if (!patient || !choice.slot) return;
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const booked = await call(api.appointments.$post({ json: bookingBody(choice, patient, extra) }));
      onBooked(booked);
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'slot_taken' || err.code === 'slot_unavailable')) {
        // someone else took the time meanwhile: back to the times of that day, freshly loaded
        setNotice(err.message);
        dispatch({ type: 'go', step: 'slot' });
        slots.reload();
      } else if (err instanceof ApiError && err.issues.some((i) => patientPaths.test(i.path))) {
        setFieldErrors(Object.fromEntries(err.issues.map((i) => [i.path, i.message])));
        setNotice(err.message);
        dispatch({ type: 'go', step: 'patient' });
      } else {
        if (err instanceof ApiError) setFieldErrors(Object.fromEntries(err.issues.map((i) => [i.path, i.message])));
        setError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  };

  const describe: Record<Step, string | undefined> = {
    branch: branch?.name,
    service: pkg?.name ?? department?.name,
    doctor: choice.doctorId === null ? 'Bất kỳ' : choice.doctorId ? doctorName(choice.doctorId) : undefined,
    date: choice.date ? formatLongDay(choice.date) : undefined,
    slot: choice.slot?.time,
    patient: patient ? (patient.kind === 'existing' ? patient.fullName : patient.profile.fullName) : undefined,
    confirm: undefined,
  };

  const content: Record<Step, () => React.ReactNode> = {
    branch: () =>
      branches.data ? (
        <Radio.Group
          value={choice.branchId ?? null}
          onChange={(branchId) => dispatch({ type: 'branch', branchId })}
          aria-label="Cơ sở khám"
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {branches.data.map((b) => (
              <Radio.Card key={b.id} value={b.id} p="sm" radius="md">
                <Text fw={600} size="sm">
                  {b.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {b.address}
                  {b.hotline ? ` · ☎ ${formatPhone(b.hotline)}` : ''}
                </Text>
              </Radio.Card>
            ))}
          </SimpleGrid>
        </Radio.Group>
      ) : (
        <Loader size="sm" />
      ),
    service: () => (
      <ServiceStep
        departments={departments.data}
        packages={packages.data}
        departmentId={choice.departmentId}
        packageId={choice.packageId}
        onSpecialty={(departmentId) => dispatch({ type: 'specialty', departmentId })}
        onPackage={(p) => dispatch({ type: 'package', packageId: p.id, departmentId: p.departmentId })}
      />
    ),
    doctor: () =>
      doctors.data ? (
        <Radio.Group
          value={choice.doctorId === null ? 'any' : (choice.doctorId ?? null)}
          onChange={(v) => dispatch({ type: 'doctor', doctorId: v === 'any' ? null : v })}
          aria-label="Bác sĩ"
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <Radio.Card value="any" p="sm" radius="md">
              <Text fw={600} size="sm">
                Bác sĩ bất kỳ
              </Text>
              <Text size="xs" c="dimmed">
                Mọi bác sĩ của chuyên khoa, giờ sớm nhất còn trống
              </Text>
            </Radio.Card>
            {doctors.data.map((d) => (
              <Radio.Card key={d.id} value={d.id} p="sm" radius="md">
                <Text fw={600} size="sm">
                  {d.title} {d.fullName}
                </Text>
                <Text size="xs" c="dimmed">
                  {d.yearsOfExperience ? `${d.yearsOfExperience} năm kinh nghiệm · ` : ''}
                  {d.languages.map((l) => (l === 'vi' ? 'Tiếng Việt' : l === 'en' ? 'English' : l)).join(', ')}
                </Text>
              </Radio.Card>
            ))}
          </SimpleGrid>
        </Radio.Group>
      ) : (
        <Loader size="sm" />
      ),
    date: () => (
      <DateStrip
        from={today}
        days={days.data}
        loading={days.loading}
        error={days.error}
        value={choice.date ?? null}
        onChange={(date) => dispatch({ type: 'date', date })}
      />
    ),
    slot: () => (
      <Stack gap="xs">
        <Text size="sm">
          Giờ trống {choice.date ? formatLongDay(choice.date) : ''} ·{' '}
          <Anchor component="button" type="button" size="sm" onClick={() => go('date')}>
            Chọn ngày khác
          </Anchor>
        </Text>
        <SlotGrid
          slots={slots.data}
          loading={slots.loading}
          error={slots.error}
          doctorName={doctorName}
          value={choice.slot?.slotId ?? null}
          onChange={(slot) => {
            setNotice(null);
            dispatch({ type: 'slot', slot });
          }}
        />
      </Stack>
    ),
    patient: () => (
      <PatientStep
        form={form}
        onForm={setForm}
        presetContact={Boolean(contactId)}
        fieldErrors={fieldErrors}
        onDone={(p) => {
          setPatient(p);
          setNotice(null);
          setError(null);
          dispatch({ type: 'patient-done' });
        }}
      />
    ),
    confirm: () =>
      patient &&
      choice.slot && (
        <ConfirmStep
          summary={{
            branch: branch?.name ?? '',
            department: department?.name ?? null,
            pkg,
            doctor: doctorName(choice.slot.doctorId),
            date: choice.slot.date,
            time: choice.slot.time,
          }}
          patient={patient}
          callerLabel={
            patient.kind === 'new' && patient.callerPhone
              ? [patient.callerPhone, patient.callerName?.trim()].filter(Boolean).join(' · ')
              : null
          }
          extra={extra}
          onExtra={setExtra}
          fieldErrors={fieldErrors}
          error={error}
          busy={busy}
          onConfirm={confirm}
        />
      ),
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Đặt lịch cho khách" size="62rem">
      <Stack gap="md">
        <Stepper
          active={steps.indexOf(step)}
          onStepClick={(i) => go(steps[i]!)}
          allowNextStepsSelect={false}
          size="xs"
          iconSize={26}
        >
          {steps.map((s) => (
            <Stepper.Step key={s} label={stepLabels[s]} description={describe[s]} />
          ))}
        </Stepper>
        {notice && (
          <Alert color="orange" variant="light" role="alert">
            {notice}
          </Alert>
        )}
        {content[step]()}
      </Stack>
    </Modal>
  );
}
