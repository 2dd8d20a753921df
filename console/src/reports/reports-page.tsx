import '@mantine/charts/styles.css';
import { Alert, Group, Loader, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import { AppointmentOutcomesSection, ContactVolumeSection, FunnelSection } from './booking-sections.tsx';
import type { AllReports, Csv, ReportFilter } from './report-types.ts';
import { NotificationDeliverySection, ResponseTimesSection, ResultTurnaroundSection } from './service-sections.tsx';

const clinicDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The last 30 clinic days, today included. */
export function defaultFilter(now = new Date()): ReportFilter {
  const to = clinicDay.format(now);
  const [y, m, d] = to.split('-').map(Number) as [number, number, number];
  const from = new Date(Date.UTC(y, m - 1, d - 29)).toISOString().slice(0, 10);
  return { from, to, branchId: '' };
}

const maxDays = 366;

/** Why the period cannot be asked for, as the hub would say it; null when it can. */
function rangeProblem(f: ReportFilter): string | null {
  if (!f.from || !f.to) return null;
  if (f.from > f.to) return 'Phải sau ngày bắt đầu';
  const days = (Date.parse(f.to) - Date.parse(f.from)) / 86_400_000 + 1;
  return days > maxDays ? `Tối đa ${maxDays} ngày` : null;
}

const query = (f: ReportFilter) => ({ from: f.from, to: f.to, ...(f.branchId ? { branchId: f.branchId } : {}) });

/** Where a table's CSV is downloaded from: the same figures the page shows, one table per file. */
export const csvHref =
  (f: ReportFilter): Csv =>
  (report, table) =>
    `/api/reports/${report}?${new URLSearchParams({ ...query(f), format: 'csv', table })}`;

async function loadAll(f: ReportFilter): Promise<AllReports> {
  const q = { query: query(f) };
  const r = api.reports;
  const [contacts, funnel, appointments, responseTimes, notifications, results] = await Promise.all([
    call(r.contacts.$get(q)),
    call(r.funnel.$get(q)),
    call(r.appointments.$get(q)),
    call(r['response-times'].$get(q)),
    call(r.notifications.$get(q)),
    call(r.results.$get(q)),
  ]);
  return { contacts, funnel, appointments, responseTimes, notifications, results } as AllReports;
}

/** /reports "Báo cáo": the clinic's figures for a period and a branch, with charts, tables and CSV downloads. */
export function ReportsPage() {
  const [filter, setFilter] = useState<ReportFilter>(() => defaultFilter());
  const [branches, setBranches] = useState<{ value: string; label: string }[]>([]);
  const [data, setData] = useState<AllReports | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const rangeError = rangeProblem(filter);
  const invalid = !filter.from || !filter.to || rangeError !== null;

  useEffect(() => {
    document.title = 'Báo cáo — MediCRM';
    call(api.catalog.branches.$get())
      .then((b) => setBranches(b.items.map((i) => ({ value: i.id, label: i.name }))))
      .catch(() => setBranches([]));
  }, []);

  useEffect(() => {
    if (invalid) return;
    let cancelled = false;
    setLoading(true);
    setError(null);
    loadAll(filter)
      .then((d) => !cancelled && setData(d))
      .catch((err: unknown) => !cancelled && setError(errorMessage(err)))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [filter, invalid]);

  const csv = csvHref(filter);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={2}>Báo cáo</Title>
          <Text c="dimmed" size="sm">
            Số liệu theo ngày giờ phòng khám (GMT+7). Mỗi bảng tải được dạng CSV để mở bằng Excel.
          </Text>
        </Stack>
        <Group gap="sm" align="flex-end">
          <TextInput
            type="date"
            label="Từ ngày"
            value={filter.from}
            onChange={(e) => setFilter((f) => ({ ...f, from: e.currentTarget.value }))}
          />
          <TextInput
            type="date"
            label="Đến ngày"
            value={filter.to}
            onChange={(e) => setFilter((f) => ({ ...f, to: e.currentTarget.value }))}
            error={rangeError ?? undefined}
          />
          <Select
            label="Cơ sở"
            data={[{ value: '', label: 'Tất cả cơ sở' }, ...branches]}
            value={filter.branchId}
            onChange={(v) => setFilter((f) => ({ ...f, branchId: v ?? '' }))}
            allowDeselect={false}
            w={220}
          />
          {loading && <Loader size="sm" aria-label="Đang tải báo cáo" />}
        </Group>
      </Group>
      {error && (
        <Alert color="red" title="Không tải được báo cáo">
          {error}
        </Alert>
      )}
      {data && (
        <Stack gap="lg">
          <ContactVolumeSection data={data.contacts} csv={csv} />
          <FunnelSection data={data.funnel} csv={csv} />
          <AppointmentOutcomesSection data={data.appointments} csv={csv} />
          <ResponseTimesSection data={data.responseTimes} csv={csv} />
          <NotificationDeliverySection data={data.notifications} csv={csv} />
          <ResultTurnaroundSection data={data.results} csv={csv} />
        </Stack>
      )}
    </Stack>
  );
}
