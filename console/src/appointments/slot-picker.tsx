import { Alert, Button, Group, Loader, ScrollArea, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { api, call } from '../api.ts';
import type { AvailableDay, FreeSlot } from './appointment-types.ts';
import { addDays, formatLongDay, stripLabel } from './clinic-dates.ts';
import { useLoad } from './use-load.ts';

/** How many days the strip offers (the hub answers at most 31 a query). */
export const STRIP_DAYS = 14;

export interface AvailabilityScope {
  branchId?: string;
  departmentId?: string;
  doctorId?: string;
  packageId?: string;
}

const query = (scope: AvailabilityScope) =>
  Object.fromEntries(Object.entries(scope).filter(([, v]) => Boolean(v))) as AvailabilityScope;

/** Free slots a day, for the strip: from the public availability API, like the Mini App. */
export function useAvailableDays(scope: AvailabilityScope, from: string, enabled = true) {
  return useLoad(
    async () =>
      (await call(api.availability.days.$get({ query: { ...query(scope), from, to: addDays(from, STRIP_DAYS - 1) } })))
        .days,
    [scope.branchId, scope.departmentId, scope.doctorId, scope.packageId, from],
    enabled,
  );
}

/** The free slots of one day. */
export function useFreeSlots(scope: AvailabilityScope, day: string | null) {
  return useLoad(
    async () => (await call(api.availability.$get({ query: { ...query(scope), from: day!, to: day! } }))).slots,
    [scope.branchId, scope.departmentId, scope.doctorId, scope.packageId, day],
    Boolean(day),
  );
}

interface DateStripProps {
  from: string;
  days: AvailableDay[] | undefined;
  loading: boolean;
  error: string | null;
  value: string | null;
  onChange(day: string): void;
}

/** Two weeks from `from`, each day with its number of free slots; full days and days off cannot be picked. */
export function DateStrip({ from, days, loading, error, value, onChange }: DateStripProps) {
  if (error) {
    return (
      <Alert color="red" variant="light" role="alert">
        {error}
      </Alert>
    );
  }
  if (loading && !days) return <Loader size="sm" aria-label="Đang tải lịch trống" />;
  const free = new Map((days ?? []).map((d) => [d.date, d.freeSlots]));
  const strip = Array.from({ length: STRIP_DAYS }, (_, i) => addDays(from, i));
  return (
    <ScrollArea type="auto" offsetScrollbars>
      <Group gap={6} wrap="nowrap" role="group" aria-label="Chọn ngày khám" pb={4}>
        {strip.map((day) => {
          const n = free.get(day) ?? 0;
          const label = stripLabel(day);
          const selected = value === day;
          return (
            <UnstyledButton
              key={day}
              onClick={() => onChange(day)}
              disabled={n === 0}
              aria-pressed={selected}
              aria-label={`${formatLongDay(day)}: ${n > 0 ? `${n} giờ trống` : 'hết chỗ'}`}
              data-day={day}
              px="sm"
              py={6}
              miw={72}
              style={{
                borderRadius: 'var(--mantine-radius-md)',
                border: `1px solid var(--mantine-color-${selected ? 'teal-7' : 'gray-3'})`,
                background: selected
                  ? 'var(--mantine-color-teal-7)'
                  : n === 0
                    ? 'var(--mantine-color-gray-1)'
                    : 'white',
                color: selected ? 'white' : n === 0 ? 'var(--mantine-color-gray-5)' : undefined,
                cursor: n === 0 ? 'not-allowed' : 'pointer',
                textAlign: 'center',
              }}
            >
              <Text size="xs" fw={600} inherit>
                {label.weekday}
              </Text>
              <Text size="sm" fw={700} inherit>
                {label.date}
              </Text>
              <Text size="xs" inherit c={selected ? undefined : n > 0 ? 'teal.8' : 'dimmed'}>
                {n > 0 ? `${n} trống` : 'Hết'}
              </Text>
            </UnstyledButton>
          );
        })}
      </Group>
    </ScrollArea>
  );
}

interface SlotGridProps {
  slots: FreeSlot[] | undefined;
  loading: boolean;
  error: string | null;
  doctorName(id: string): string;
  value: string | null;
  onChange(slot: FreeSlot): void;
  /** a slot not to offer (the appointment's own, when rescheduling) */
  exclude?: string | null;
}

/** The free times of a day, one row of buttons per doctor. */
export function SlotGrid({ slots, loading, error, doctorName, value, onChange, exclude }: SlotGridProps) {
  if (error) {
    return (
      <Alert color="red" variant="light" role="alert">
        {error}
      </Alert>
    );
  }
  if (loading || !slots) return <Loader size="sm" aria-label="Đang tải giờ trống" />;
  const offered = slots.filter((s) => s.slotId !== exclude);
  if (offered.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Ngày này không còn giờ trống. Vui lòng chọn ngày khác.
      </Text>
    );
  }
  const byDoctor = new Map<string, FreeSlot[]>();
  for (const s of offered) byDoctor.set(s.doctorId, [...(byDoctor.get(s.doctorId) ?? []), s]);
  return (
    <Stack gap="sm">
      {[...byDoctor].map(([doctorId, list]) => (
        <Stack key={doctorId} gap={4} role="group" aria-label={`Giờ trống của ${doctorName(doctorId)}`}>
          <Text size="sm" fw={600}>
            {doctorName(doctorId)}
          </Text>
          <SimpleGrid cols={{ base: 4, sm: 6 }} spacing={6}>
            {list.map((s) => (
              <Button
                key={s.slotId}
                size="xs"
                variant={value === s.slotId ? 'filled' : 'default'}
                aria-pressed={value === s.slotId}
                onClick={() => onChange(s)}
                title={s.seatsLeft > 1 ? `Còn ${s.seatsLeft} chỗ` : 'Còn 1 chỗ'}
              >
                {s.time}
              </Button>
            ))}
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
}
