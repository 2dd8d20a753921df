import { ChevronRight } from 'lucide-react';
import type { ReactNode } from 'react';

/** One tappable row of a step: a branch, a specialty, a package, a doctor, a profile. */
export function Choice({
  title,
  sub,
  side,
  lead,
  selected,
  onSelect,
  children,
}: {
  title: string;
  sub?: ReactNode;
  side?: ReactNode;
  lead?: ReactNode;
  selected?: boolean;
  onSelect: () => void;
  children?: ReactNode;
}) {
  return (
    <button type="button" className="mc-choice" aria-pressed={selected === true} onClick={onSelect}>
      {lead}
      <span className="mc-choice-body">
        <span className="mc-choice-title">{title}</span>
        {sub ? <span className="mc-choice-sub">{sub}</span> : null}
        {children}
      </span>
      <span className="mc-choice-side">{side ?? <ChevronRight size={18} />}</span>
    </button>
  );
}
