export interface SlotOption {
  slotId: string;
  doctorId: string;
  /** HH:mm, clinic time */
  time: string;
  seatsLeft: number;
}

/** Free times of one day, grouped by doctor when the patient let the clinic choose the doctor. */
export function SlotGrid({
  slots,
  doctorName,
  selectedId,
  onSelect,
}: {
  slots: SlotOption[];
  /** when given, slots are grouped under each doctor's name */
  doctorName?: (doctorId: string) => string;
  selectedId?: string;
  onSelect: (slot: SlotOption) => void;
}) {
  const groups = new Map<string, SlotOption[]>();
  for (const s of slots) {
    const key = doctorName ? s.doctorId : '';
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return (
    <>
      {[...groups].map(([doctorId, items]) => (
        <section key={doctorId || 'all'} aria-label={doctorName ? doctorName(doctorId) : 'Giờ trống'}>
          {doctorName ? <div className="mc-section-title">{doctorName(doctorId)}</div> : null}
          <div className="mc-slots">
            {items.map((s) => (
              <button
                key={s.slotId}
                type="button"
                className="mc-slot"
                aria-pressed={s.slotId === selectedId}
                onClick={() => onSelect(s)}
              >
                {s.time}
              </button>
            ))}
          </div>
        </section>
      ))}
    </>
  );
}
