import { Badge, Button, Group, Loader, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import { FailureAlert } from '../components/failure-alert.tsx';
import { ChangeOutcome } from './affected-list.tsx';
import { DaysOffPanel } from './days-off-panel.tsx';
import { ScheduleForm } from './schedule-form.tsx';
import {
  type Affected,
  formatDay,
  type NewSchedule,
  type Practitioner,
  practitionerName,
  type Schedule,
  weekdayLabels,
} from './schedule-labels.ts';

const clinicToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const plusDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 864e5).toISOString().slice(0, 10);

/** Doctors' and service rooms' working hours, and the clinic's days off (supervisors and admins). */
export function SchedulesPage() {
  const [doctors, setDoctors] = useState<Practitioner[]>([]);
  const [branches, setBranches] = useState<{ id: string; name: string }[]>([]);
  const [departments, setDepartments] = useState<{ id: string; name: string }[]>([]);
  const [doctorId, setDoctorId] = useState<string | null>(null);
  const [items, setItems] = useState<Schedule[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ summary: string; affected: Affected[] } | null>(null);
  const today = clinicToday();

  useEffect(() => {
    document.title = 'Lịch làm việc — MediCRM';
    Promise.all([
      call(api.catalog.doctors.$get({ query: { kind: 'all' } })),
      call(api.catalog.branches.$get({ query: {} })),
      call(api.catalog.departments.$get({ query: {} })),
    ])
      .then(([d, b, s]) => {
        setDoctors(d.items);
        setBranches(b.items);
        setDepartments(s.items);
        setDoctorId((current) => current ?? d.items[0]?.id ?? null);
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);

  const load = useCallback(async () => {
    if (!doctorId) return;
    setItems(null);
    try {
      setItems((await call(api.admin.booking.schedules.$get({ query: { doctorId } }))).items);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [doctorId]);
  useEffect(() => {
    void load();
  }, [load]);

  const doctor = doctors.find((d) => d.id === doctorId);
  const placeName = useCallback(
    (branchId: string, departmentId: string) =>
      `${branches.find((b) => b.id === branchId)?.name ?? 'Cơ sở'} · ${departments.find((d) => d.id === departmentId)?.name ?? ''}`,
    [branches, departments],
  );
  const practices = useMemo(
    () =>
      (doctor?.practices ?? []).map((p) => ({
        value: `${p.branchId}|${p.departmentId}`,
        label: placeName(p.branchId, p.departmentId),
        ...p,
      })),
    [doctor, placeName],
  );

  async function change(action: () => Promise<{ affected: Affected[]; slotsOpened: number; slotsClosed: number }>) {
    setBusy(true);
    setError(null);
    try {
      const r = await action();
      const parts = [
        r.slotsOpened > 0 ? `mở ${r.slotsOpened} khung giờ` : '',
        r.slotsClosed > 0 ? `đóng ${r.slotsClosed} khung giờ trống` : '',
      ].filter(Boolean);
      setOutcome({
        summary: `Đã lưu lịch làm việc${parts.length ? `: ${parts.join(', ')}` : ''}`,
        affected: r.affected,
      });
      await load();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const add = (json: NewSchedule) => change(() => call(api.admin.booking.schedules.$post({ json })));
  const end = (id: string) => change(() => call(api.admin.booking.schedules[':id'].end.$post({ param: { id } })));

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2}>Lịch làm việc</Title>
        <Text c="dimmed" size="sm">
          Giờ khám của bác sĩ và phòng chức năng, ngày nghỉ. Thay đổi có hiệu lực ngay với lịch trống trên Mini App.
        </Text>
      </Stack>
      <FailureAlert message={error} />
      {outcome && <ChangeOutcome {...outcome} onClose={() => setOutcome(null)} />}
      <Select
        label="Bác sĩ hoặc phòng chức năng"
        searchable
        data={doctors.map((d) => ({
          value: d.id,
          label: `${practitionerName(d)}${d.kind === 'service_point' ? ' (phòng chức năng)' : ''}`,
        }))}
        value={doctorId}
        onChange={setDoctorId}
        allowDeselect={false}
        maw={480}
      />
      <Paper withBorder>
        {items === null ? (
          <Group justify="center" p="lg">
            <Loader size="sm" />
          </Group>
        ) : (
          <Table verticalSpacing="xs" aria-label="Lịch làm việc">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Khi nào</Table.Th>
                <Table.Th>Giờ</Table.Th>
                <Table.Th>Nơi khám</Table.Th>
                <Table.Th>Khung giờ</Table.Th>
                <Table.Th ta="right">Thao tác</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    {s.weekday ? (
                      <Group gap={6}>
                        <Text size="sm">{weekdayLabels[s.weekday]}</Text>
                        <Badge size="xs" variant="light">
                          hằng tuần
                        </Badge>
                      </Group>
                    ) : (
                      formatDay(s.date ?? '')
                    )}
                  </Table.Td>
                  <Table.Td>
                    {s.startTime}–{s.endTime}
                  </Table.Td>
                  <Table.Td>{placeName(s.branchId, s.departmentId)}</Table.Td>
                  <Table.Td>
                    {s.slotMinutes} phút · {s.capacityPerSlot} người
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button size="xs" variant="subtle" color="red" disabled={busy} onClick={() => end(s.id)}>
                      Ngừng
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {items?.length === 0 && (
          <Text size="sm" c="dimmed" p="md">
            Chưa có lịch làm việc nào từ hôm nay.
          </Text>
        )}
      </Paper>
      {doctorId && practices.length > 0 && (
        <ScheduleForm key={doctorId} doctorId={doctorId} practices={practices} busy={busy} onSubmit={add} />
      )}
      <DaysOffPanel from={today} to={plusDays(today, 90)} doctors={doctors} branches={branches} />
    </Stack>
  );
}
