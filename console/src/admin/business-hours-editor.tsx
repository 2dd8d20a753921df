import { Button, Checkbox, CloseButton, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import type { Team } from '../inbox/inbox-types.ts';

export type BusinessHours = Team['businessHours'];
type Day = keyof BusinessHours['weekly'];
type Interval = [string, string];

const days: { key: Day; label: string }[] = [
  { key: '1', label: 'Thứ Hai' },
  { key: '2', label: 'Thứ Ba' },
  { key: '3', label: 'Thứ Tư' },
  { key: '4', label: 'Thứ Năm' },
  { key: '5', label: 'Thứ Sáu' },
  { key: '6', label: 'Thứ Bảy' },
  { key: '7', label: 'Chủ nhật' },
];

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The same checks the hub makes, so the supervisor sees the problem next to the hours rather than after saving. */
export function checkHours(h: BusinessHours): string | null {
  for (const { key, label } of days) {
    const sorted = [...(h.weekly[key] ?? [])].sort((a, b) => a[0].localeCompare(b[0]));
    let lastEnd = '';
    for (const [open, close] of sorted) {
      if (!hhmm.test(open) || !hhmm.test(close)) return `${label}: giờ làm việc phải có dạng HH:mm`;
      if (open >= close) return `${label}: giờ mở cửa phải trước giờ đóng cửa`;
      if (lastEnd && open < lastEnd) return `${label}: các khung giờ không được chồng nhau`;
      lastEnd = close;
    }
  }
  return null;
}

/** Opening hours per weekday (up to four periods a day); SLA clocks only run inside them. */
export function BusinessHoursEditor({
  value,
  onChange,
}: {
  value: BusinessHours;
  onChange(next: BusinessHours): void;
}) {
  const setDay = (day: Day, intervals: Interval[]) => {
    const weekly = { ...value.weekly };
    if (intervals.length) weekly[day] = intervals;
    else delete weekly[day];
    onChange({ ...value, weekly });
  };

  return (
    <Stack gap={6}>
      <Table verticalSpacing={4} withRowBorders={false} aria-label="Giờ làm việc">
        <Table.Tbody>
          {days.map(({ key, label }) => {
            const intervals = (value.weekly[key] ?? []) as Interval[];
            return (
              <Table.Tr key={key}>
                <Table.Td w={90}>
                  <Text size="sm">{label}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {intervals.length === 0 && (
                      <Text size="sm" c="dimmed">
                        Nghỉ
                      </Text>
                    )}
                    {intervals.map(([open, close], i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a period is identified by its place in the day
                      <Group key={i} gap={4} wrap="nowrap">
                        <TextInput
                          type="time"
                          size="xs"
                          w={100}
                          aria-label={`${label}, khung ${i + 1}: từ`}
                          value={open}
                          onChange={(e) => {
                            const v = e.currentTarget.value;
                            setDay(
                              key,
                              intervals.map((x, j) => (j === i ? [v, x[1]] : x)),
                            );
                          }}
                        />
                        <Text size="xs">–</Text>
                        <TextInput
                          type="time"
                          size="xs"
                          w={100}
                          aria-label={`${label}, khung ${i + 1}: đến`}
                          value={close}
                          onChange={(e) => {
                            const v = e.currentTarget.value;
                            setDay(
                              key,
                              intervals.map((x, j) => (j === i ? [x[0], v] : x)),
                            );
                          }}
                        />
                        <CloseButton
                          size="sm"
                          aria-label={`Bỏ khung ${i + 1} của ${label}`}
                          onClick={() =>
                            setDay(
                              key,
                              intervals.filter((_, j) => j !== i),
                            )
                          }
                        />
                      </Group>
                    ))}
                    {intervals.length < 4 && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        aria-label={`Thêm khung giờ cho ${label}`}
                        onClick={() => {
                          const last = intervals[intervals.length - 1];
                          setDay(key, [
                            ...intervals,
                            last ? [last[1], last[1] < '19:00' ? '19:00' : '23:59'] : ['07:30', '17:00'],
                          ]);
                        }}
                      >
                        + Thêm khung giờ
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Checkbox
        label="Không tính ngày lễ và ngày phòng khám đóng cửa"
        checked={value.skipDaysOff}
        onChange={(e) => onChange({ ...value, skipDaysOff: e.currentTarget.checked })}
      />
    </Stack>
  );
}
