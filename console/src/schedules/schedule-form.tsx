import { Button, Group, NumberInput, Paper, SegmentedControl, Select, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { type NewSchedule, weekdayLabels } from './schedule-labels.ts';

export interface PracticeOption {
  value: string;
  label: string;
  branchId: string;
  departmentId: string;
}

const weekdayOptions = Object.entries(weekdayLabels).map(([value, label]) => ({ value, label }));

/** A weekly rule ("every Monday 07:30–11:30") or one dated session, at one of the doctor's places of practice. */
export function ScheduleForm({
  doctorId,
  practices,
  busy,
  onSubmit,
}: {
  doctorId: string;
  practices: PracticeOption[];
  busy: boolean;
  onSubmit: (input: NewSchedule) => void;
}) {
  const [mode, setMode] = useState<'weekly' | 'dated'>('weekly');
  const [practice, setPractice] = useState<string | null>(practices[0]?.value ?? null);
  const [weekday, setWeekday] = useState<string | null>('1');
  const [date, setDate] = useState('');
  const [startTime, setStart] = useState('07:30');
  const [endTime, setEnd] = useState('11:30');
  const [slotMinutes, setSlot] = useState<number | string>(15);
  const [capacity, setCapacity] = useState<number | string>(1);
  const place = practices.find((p) => p.value === practice);

  const submit = () => {
    if (!place) return;
    onSubmit({
      doctorId,
      branchId: place.branchId,
      departmentId: place.departmentId,
      ...(mode === 'weekly' ? { weekday: Number(weekday) } : { date }),
      startTime,
      endTime,
      slotMinutes: Number(slotMinutes),
      capacityPerSlot: Number(capacity),
    });
  };

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={4}>Thêm lịch làm việc</Title>
        <SegmentedControl
          value={mode}
          onChange={(v) => setMode(v as 'weekly' | 'dated')}
          data={[
            { value: 'weekly', label: 'Hằng tuần' },
            { value: 'dated', label: 'Một ngày cụ thể' },
          ]}
        />
        <Select
          label="Nơi khám"
          data={practices.map(({ value, label }) => ({ value, label }))}
          value={practice}
          onChange={setPractice}
          allowDeselect={false}
        />
        <Group grow>
          {mode === 'weekly' ? (
            <Select label="Thứ" data={weekdayOptions} value={weekday} onChange={setWeekday} allowDeselect={false} />
          ) : (
            <TextInput label="Ngày" type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} />
          )}
          <TextInput label="Bắt đầu" type="time" value={startTime} onChange={(e) => setStart(e.currentTarget.value)} />
          <TextInput label="Kết thúc" type="time" value={endTime} onChange={(e) => setEnd(e.currentTarget.value)} />
        </Group>
        <Group grow>
          <NumberInput label="Mỗi khung giờ (phút)" min={5} max={240} value={slotMinutes} onChange={setSlot} />
          <NumberInput label="Số người mỗi khung" min={1} max={50} value={capacity} onChange={setCapacity} />
        </Group>
        <Group justify="flex-end">
          <Button onClick={submit} loading={busy} disabled={!place || (mode === 'dated' && !date)}>
            Thêm và mở khung giờ
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
