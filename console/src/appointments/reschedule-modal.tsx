import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import type { AppointmentDetail, FreeSlot } from './appointment-types.ts';
import { clinicToday, formatLongDay, formatVisit } from './clinic-dates.ts';
import { DateStrip, SlotGrid, useAvailableDays, useFreeSlots } from './slot-picker.tsx';
import { useLoad } from './use-load.ts';

interface Props {
  appointment: AppointmentDetail;
  opened: boolean;
  onClose(): void;
  onDone(): void;
}

/**
 * Moves a booking to a free slot of the same branch and specialty (and package), picked from the public availability
 * like a new booking; the hub keeps the old place until the new one is taken.
 */
export function RescheduleModal({ appointment: a, opened, onClose, onDone }: Props) {
  const [doctorId, setDoctorId] = useState<string | null>(a.doctor?.id ?? null);
  const [day, setDay] = useState<string | null>(null);
  const [slot, setSlot] = useState<FreeSlot | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const today = clinicToday();

  useEffect(() => {
    if (!opened) return;
    setDoctorId(a.doctor?.id ?? null);
    setDay(null);
    setSlot(null);
    setError(null);
  }, [opened, a.doctor?.id]);

  const doctors = useLoad(
    async () =>
      (await call(api.catalog.doctors.$get({ query: { branchId: a.branch.id, departmentId: a.department?.id } })))
        .items,
    [a.branch.id, a.department?.id],
    opened,
  );
  const scope = {
    branchId: a.branch.id,
    departmentId: a.department?.id,
    doctorId: doctorId ?? undefined,
    packageId: a.package?.id,
  };
  const days = useAvailableDays(scope, today, opened);
  const slots = useFreeSlots(scope, opened ? day : null);
  const doctorName = (id: string) => {
    const d = doctors.data?.find((x) => x.id === id);
    return d ? `${d.title} ${d.fullName}` : 'Bác sĩ';
  };

  const save = async () => {
    if (!slot) return;
    setBusy(true);
    setError(null);
    try {
      await call(api.appointments[':id'].reschedule.$post({ param: { id: a.id }, json: { slotId: slot.slotId } }));
      onDone();
    } catch (err) {
      setError(errorMessage(err));
      slots.reload();
      setSlot(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={`Đổi lịch hẹn ${a.bookingCode}`} size="xl">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Lịch hiện tại: {formatVisit(a.startsAt)} · {a.branch.name}
          {a.department ? ` · ${a.department.name}` : ''}
        </Text>
        <Select
          label="Bác sĩ"
          data={[
            { value: 'any', label: 'Bác sĩ bất kỳ của chuyên khoa' },
            ...(doctors.data ?? []).map((d) => ({ value: d.id, label: `${d.title} ${d.fullName}` })),
          ]}
          value={doctorId ?? 'any'}
          onChange={(v) => {
            setDoctorId(!v || v === 'any' ? null : v);
            setDay(null);
            setSlot(null);
          }}
          allowDeselect={false}
          maw={360}
        />
        <DateStrip
          from={today}
          days={days.data}
          loading={days.loading}
          error={days.error}
          value={day}
          onChange={(d) => {
            setDay(d);
            setSlot(null);
          }}
        />
        {day && (
          <SlotGrid
            slots={slots.data}
            loading={slots.loading}
            error={slots.error}
            doctorName={doctorName}
            value={slot?.slotId ?? null}
            onChange={setSlot}
            exclude={a.slotId}
          />
        )}
        {error && (
          <Alert color="red" variant="light" role="alert" title="Chưa đổi được lịch">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Đóng
          </Button>
          <Button onClick={save} disabled={!slot} loading={busy}>
            {slot ? `Đổi sang ${slot.time}, ${formatLongDay(slot.date)}` : 'Chọn giờ mới'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
