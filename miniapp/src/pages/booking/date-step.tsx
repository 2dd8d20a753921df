import { dateChip, formatLongDate } from '../../format.ts';

export interface DayOption {
  /** yyyy-MM-dd */
  date: string;
  freeSlots: number;
}

const weekdayHeads = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
function isoWeekday(isoDate: string): number {
  const d = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * The coming days, as a strip (compact) or as a month-like grid of weeks; days with no free slot are shown but
 * cannot be picked.
 */
export function DateStrip({
  days,
  selected,
  onSelect,
  layout = 'strip',
}: {
  days: DayOption[];
  selected?: string;
  onSelect: (date: string) => void;
  layout?: 'strip' | 'grid';
}) {
  const grid = layout === 'grid';
  const lead = grid && days[0] ? isoWeekday(days[0].date) - 1 : 0;
  return (
    <fieldset className={grid ? 'mc-days mc-days-grid' : 'mc-days'}>
      <legend className="mc-sr">Ngày khám</legend>
      {grid
        ? weekdayHeads.map((w) => (
            <span key={w} className="mc-day-head" aria-hidden="true">
              {w}
            </span>
          ))
        : null}
      {Array.from({ length: lead }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: blank cells before the first day, never reordered
        <span key={`blank-${i}`} aria-hidden="true" />
      ))}
      {days.map((d) => {
        const chip = dateChip(d.date);
        const label = `${formatLongDate(`${d.date}T12:00:00+07:00`)}: ${d.freeSlots > 0 ? `còn ${d.freeSlots} giờ trống` : 'hết chỗ'}`;
        return (
          <button
            key={d.date}
            type="button"
            className="mc-day"
            aria-pressed={d.date === selected}
            aria-label={label}
            disabled={d.freeSlots === 0}
            onClick={() => onSelect(d.date)}
          >
            {grid ? null : <small>{chip.weekday}</small>}
            <strong>{chip.day}</strong>
          </button>
        );
      })}
    </fieldset>
  );
}

/** Every date from `from` for `count` days, with the free-slot counts the hub gave (absent = none). */
export function fillDays(from: string, count: number, known: DayOption[]): DayOption[] {
  const byDate = new Map(known.map((d) => [d.date, d.freeSlots]));
  const out: DayOption[] = [];
  const start = new Date(`${from}T00:00:00Z`);
  for (let i = 0; i < count; i++) {
    const date = new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    out.push({ date, freeSlots: byDate.get(date) ?? 0 });
  }
  return out;
}
