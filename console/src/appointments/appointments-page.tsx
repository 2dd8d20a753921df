import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Pagination,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { CalendarPlus } from 'lucide-react';
import { type MouseEvent, useEffect, useState } from 'react';
import { api, call, type Me } from '../api.ts';
import { navigate } from '../router.ts';
import { AppointmentDrawer } from './appointment-drawer.tsx';
import { formatPhone, statuses, statusInfo } from './appointment-labels.ts';
import type { AppointmentStatus, ListQuery, StaffAppointment } from './appointment-types.ts';
import { type Booked, BookForCallerModal } from './book-for-caller-modal.tsx';
import { clinicDay, clinicToday, formatDay, formatTime, formatVisit } from './clinic-dates.ts';
import { useLoad } from './use-load.ts';

const pageSize = 20;

export interface AppointmentFilters {
  /** clinic days, yyyy-MM-dd; empty: no bound */
  from: string;
  to: string;
  branchId: string | null;
  departmentId: string | null;
  doctorId: string | null;
  status: AppointmentStatus | null;
  q: string;
}

export const todayFilters = (): AppointmentFilters => {
  const today = clinicToday();
  return { from: today, to: today, branchId: null, departmentId: null, doctorId: null, status: null, q: '' };
};

/** The list API's query for the filters: the day's visits in time order, as the counter works through them. */
export function listQuery(f: AppointmentFilters, page: number): ListQuery {
  return {
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.branchId ? { branchId: f.branchId } : {}),
    ...(f.departmentId ? { departmentId: f.departmentId } : {}),
    ...(f.doctorId ? { doctorId: f.doctorId } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
    order: 'asc',
    page: String(page),
    pageSize: String(pageSize),
  };
}

const statusOptions = statuses.map((s) => ({ value: s, label: statusInfo[s].label }));

const link = (to: string) => (e: MouseEvent<HTMLAnchorElement>) => {
  if (e.button !== 0 || e.metaKey || e.ctrlKey) return;
  e.preventDefault();
  e.stopPropagation();
  navigate(to);
};

/** /appointments and /appointments/:id: the front desk's and the call center's list of bookings, with the drawer. */
export function AppointmentsPage({ me, appointmentId }: { me: Me; appointmentId: string | null }) {
  const [filters, setFilters] = useState<AppointmentFilters>(todayFilters);
  const [page, setPage] = useState(1);
  const [booking, setBooking] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // bumped after a booking: the list must show it even when the filters already were its day
  const [revision, setRevision] = useState(0);
  const [q] = useDebouncedValue(filters.q, 300);
  const mayBook = me.permissions.includes('booking.write');

  useEffect(() => {
    document.title = 'Lịch hẹn — MediCRM';
  }, []);

  const branches = useLoad(async () => (await call(api.catalog.branches.$get())).items, []);
  const departments = useLoad(
    async () =>
      (await call(api.catalog.departments.$get({ query: { branchId: filters.branchId ?? undefined } }))).items,
    [filters.branchId],
  );
  const doctors = useLoad(
    async () =>
      (
        await call(
          api.catalog.doctors.$get({
            query: { branchId: filters.branchId ?? undefined, departmentId: filters.departmentId ?? undefined },
          }),
        )
      ).items,
    [filters.branchId, filters.departmentId],
  );
  const effective = { ...filters, q };
  const list = useLoad(
    () => call(api.appointments.$get({ query: listQuery(effective, page) })),
    [JSON.stringify(effective), page, revision],
  );

  const set = (patch: Partial<AppointmentFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  const booked = (a: Booked) => {
    setBooking(false);
    setNotice(`Đã đặt lịch ${a.bookingCode} lúc ${formatVisit(a.startsAt)}.`);
    // show the new booking's day, whatever the filters were
    const day = clinicDay(a.startsAt);
    setFilters({ ...todayFilters(), from: day, to: day });
    setPage(1);
    setRevision((r) => r + 1);
    navigate(`/appointments/${a.id}`);
  };

  const data = list.data;
  const oneDay = filters.from !== '' && filters.from === filters.to;
  const when = (a: StaffAppointment) =>
    oneDay ? formatTime(a.startsAt) : `${formatTime(a.startsAt)} ${formatDay(clinicDay(a.startsAt))}`;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={2}>Lịch hẹn</Title>
          <Text c="dimmed" size="sm">
            Lịch khám theo giờ Việt Nam; bấm vào một lịch hẹn để xem chi tiết, tiếp đón, đổi hoặc huỷ.
          </Text>
        </Stack>
        {mayBook && (
          <Button leftSection={<CalendarPlus size={16} />} onClick={() => setBooking(true)}>
            Đặt lịch cho khách
          </Button>
        )}
      </Group>

      {notice && (
        <Alert color="teal" variant="light" withCloseButton onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}

      <Paper withBorder p="sm" component="section" aria-label="Bộ lọc lịch hẹn">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label="Từ ngày"
            type="date"
            value={filters.from}
            onChange={(e) => set({ from: e.currentTarget.value })}
            w={150}
          />
          <TextInput
            label="Đến ngày"
            type="date"
            value={filters.to}
            onChange={(e) => set({ to: e.currentTarget.value })}
            w={150}
          />
          <Button.Group>
            <Button variant="default" onClick={() => set({ from: clinicToday(), to: clinicToday() })}>
              Hôm nay
            </Button>
            <Button variant="default" onClick={() => set({ from: '', to: '' })}>
              Mọi ngày
            </Button>
          </Button.Group>
          <Select
            label="Cơ sở"
            placeholder="Tất cả"
            data={(branches.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
            value={filters.branchId}
            onChange={(branchId) => set({ branchId, doctorId: null })}
            clearable
            w={220}
          />
          <Select
            label="Chuyên khoa"
            placeholder="Tất cả"
            data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            value={filters.departmentId}
            onChange={(departmentId) => set({ departmentId, doctorId: null })}
            clearable
            w={180}
          />
          <Select
            label="Bác sĩ"
            placeholder="Tất cả"
            data={(doctors.data ?? []).map((d) => ({ value: d.id, label: `${d.title} ${d.fullName}` }))}
            value={filters.doctorId}
            onChange={(doctorId) => set({ doctorId })}
            clearable
            searchable
            w={220}
          />
          <Select
            label="Trạng thái"
            placeholder="Tất cả"
            data={statusOptions}
            value={filters.status}
            onChange={(status) => set({ status: status as AppointmentStatus | null })}
            clearable
            w={160}
          />
          <TextInput
            label="Tìm kiếm"
            placeholder="Mã đặt lịch, SĐT hoặc tên"
            value={filters.q}
            onChange={(e) => set({ q: e.currentTarget.value })}
            w={240}
          />
        </Group>
      </Paper>

      {list.error && (
        <Alert color="red" variant="light" role="alert" title="Không tải được lịch hẹn">
          {list.error}
        </Alert>
      )}

      <Paper withBorder>
        <Table.ScrollContainer minWidth={960}>
          <Table verticalSpacing="xs" striped highlightOnHover aria-label="Danh sách lịch hẹn">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Giờ khám</Table.Th>
                <Table.Th>Mã đặt lịch</Table.Th>
                <Table.Th>Người bệnh</Table.Th>
                <Table.Th>Bác sĩ · Chuyên khoa</Table.Th>
                <Table.Th>Cơ sở</Table.Th>
                <Table.Th>Gói khám</Table.Th>
                <Table.Th>Trạng thái</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(data?.items ?? []).map((a) => (
                <Table.Tr
                  key={a.id}
                  onClick={() => navigate(`/appointments/${a.id}`)}
                  style={{ cursor: 'pointer' }}
                  bg={a.id === appointmentId ? 'teal.0' : undefined}
                  data-testid="appointment-row"
                >
                  <Table.Td style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }} fw={600}>
                    {when(a)}
                  </Table.Td>
                  <Table.Td>
                    <Anchor
                      href={`/appointments/${a.id}`}
                      onClick={link(`/appointments/${a.id}`)}
                      ff="monospace"
                      size="sm"
                    >
                      {a.bookingCode}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {a.patient.fullName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatPhone(a.patient.phone)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{a.doctor ? `${a.doctor.title} ${a.doctor.fullName}` : '—'}</Text>
                    <Text size="xs" c="dimmed">
                      {a.department?.name ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{a.branch.name}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{a.package?.name ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={statusInfo[a.status].color}>{statusInfo[a.status].label}</Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {list.loading && !data && (
          <Group justify="center" p="lg">
            <Loader size="sm" />
            <Text size="sm" c="dimmed">
              Đang tải lịch hẹn…
            </Text>
          </Group>
        )}
        {data && data.items.length === 0 && (
          <Text ta="center" c="dimmed" size="sm" p="lg">
            Không có lịch hẹn nào khớp bộ lọc.
          </Text>
        )}
      </Paper>

      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {data && data.total > 0 && `Tổng ${data.total} lịch hẹn.`}
        </Text>
        {data && data.total > pageSize && (
          <Pagination
            total={Math.ceil(data.total / pageSize)}
            value={page}
            onChange={setPage}
            size="sm"
            getControlProps={(control) => ({
              'aria-label': control === 'next' ? 'Trang sau' : control === 'previous' ? 'Trang trước' : undefined,
            })}
          />
        )}
      </Group>

      <AppointmentDrawer id={appointmentId} me={me} onClose={() => navigate('/appointments')} onChanged={list.reload} />
      {mayBook && <BookForCallerModal opened={booking} onClose={() => setBooking(false)} onBooked={booked} />}
    </Stack>
  );
}
