import { MapPin } from 'lucide-react';
import { Choice } from './choice-list.tsx';

export interface BranchOption {
  id: string;
  name: string;
  address: string;
}

export function BranchStep({
  branches,
  selectedId,
  onSelect,
}: {
  branches: BranchOption[];
  selectedId?: string;
  onSelect: (id: string) => void;
}) {
  return (
    <div className="mc-choices">
      {branches.map((b) => (
        <Choice
          key={b.id}
          title={b.name}
          sub={b.address}
          lead={
            <span className="mc-shortcut-icon">
              <MapPin size={22} />
            </span>
          }
          selected={b.id === selectedId}
          onSelect={() => onSelect(b.id)}
        />
      ))}
    </div>
  );
}
