import { Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import { FailureAlert } from '../components/failure-alert.tsx';
import { ChangeOutcome } from './affected-list.tsx';
import {
  type Affected,
  type DayOff,
  dayOffKindLabels,
  formatDay,
  type Practitioner,
  practitionerName,
} from './schedule-labels.ts';

const kindOptions = Object.entries(dayOffKindLabels).map(([value, label]) => ({ value, label }));

/** Days off from today over the next months: holidays, closures, a doctor's leave; add and lift them. */
export function DaysOffPanel({
  from,
  to,
  doctors,
  branches,
}: {
  from: string;
  to: string;
  doctors: Practitioner[];
  branches: { id: string; name: string }[];
}) {
  const [items, setItems] = useState<DayOff[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ summary: string; affected: Affected[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<string | null>('doctor_leave');
  const [name, setName] = useState('');
  const [scope, setScope] = useState<string | null>('all');

  const load = useCallback(async () => {
    try {
      setItems((await call(api.admin.booking['days-off'].$get({ query: { from, to } }))).items);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [from, to]);
  useEffect(() => {
    void load();
  }, [load]);

  const scopeOptions = [
    { value: 'all', label: 'Toàn phòng khám' },
    ...branches.map((b) => ({ value: `branch:${b.id}`, label: b.name })),
    ...doctors.map((d) => ({ value: `doctor:${d.id}`, label: practitionerName(d) })),
  ];
  const scopeLabel = (d: DayOff) =>
    d.doctorId
      ? practitionerName(doctors.find((x) => x.id === d.doctorId) ?? { title: '', fullName: 'Bác sĩ' })
      : d.branchId
        ? (branches.find((b) => b.id === d.branchId)?.name ?? 'Cơ sở')
        : 'Toàn phòng khám';

  async function run(action: () => Promise<{ affected: Affected[] }>, summary: string) {
    setBusy(true);
    setError(null);
    try {
      const res = await action();
      setOutcome({ summary, affected: res.affected });
      await load();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const add = () => {
    const [kindOfScope, id] = (scope ?? 'all').split(':');
    void run(
      () =>
        call(
          api.admin.booking['days-off'].$post({
            json: {
              date,
              kind: kind as DayOff['kind'],
              name,
              branchId: kindOfScope === 'branch' ? id : null,
              doctorId: kindOfScope === 'doctor' ? id : null,
            },
          }),
        ),
      `Đã đánh dấu nghỉ ngày ${formatDay(date)}`,
    ).then(() => setName(''));
  };

  return (
    <Stack gap="sm">
      <Title order={3}>Ngày nghỉ</Title>
      {outcome && <ChangeOutcome {...outcome} onClose={() => setOutcome(null)} />}
      <FailureAlert message={error} />
      <Paper withBorder p="md">
        <Group align="flex-end" grow>
          <TextInput label="Ngày" type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} />
          <Select label="Loại" data={kindOptions} value={kind} onChange={setKind} allowDeselect={false} />
          <Select label="Áp dụng cho" data={scopeOptions} value={scope} onChange={setScope} searchable />
          <TextInput label="Lý do" value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Button onClick={add} loading={busy} disabled={!date || !name.trim()}>
            Thêm ngày nghỉ
          </Button>
        </Group>
      </Paper>
      <Paper withBorder>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Ngày</Table.Th>
              <Table.Th>Loại</Table.Th>
              <Table.Th>Áp dụng cho</Table.Th>
              <Table.Th>Lý do</Table.Th>
              <Table.Th ta="right">Thao tác</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(items ?? []).map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{formatDay(d.date)}</Table.Td>
                <Table.Td>{dayOffKindLabels[d.kind]}</Table.Td>
                <Table.Td>{scopeLabel(d)}</Table.Td>
                <Table.Td>{d.name}</Table.Td>
                <Table.Td ta="right">
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    disabled={busy}
                    aria-label={`Bỏ ngày nghỉ ${formatDay(d.date)}`}
                    onClick={() =>
                      run(
                        () => call(api.admin.booking['days-off'][':id'].$delete({ param: { id: d.id } })),
                        `Đã bỏ ngày nghỉ ${formatDay(d.date)}, khung giờ được mở lại`,
                      )
                    }
                  >
                    Bỏ
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {items?.length === 0 && (
          <Text size="sm" c="dimmed" p="md">
            Không có ngày nghỉ nào trong khoảng này.
          </Text>
        )}
      </Paper>
    </Stack>
  );
}
