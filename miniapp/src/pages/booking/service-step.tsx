import { Stethoscope } from 'lucide-react';
import { useState } from 'react';
import { formatVnd } from '../../format.ts';
import { Choice } from './choice-list.tsx';

export interface SpecialtyOption {
  id: string;
  name: string;
  description: string | null;
}

export interface PackageOption {
  id: string;
  name: string;
  description: string | null;
  departmentId: string | null;
  priceVnd: number;
  bhytCovered: boolean;
  durationMinutes: number;
  preparationNotes: string | null;
}

/** Two ways in: a specialty (the doctor decides what to do) or a priced package. */
export function ServiceStep({
  specialties,
  packages,
  onSpecialty,
  onPackage,
  selected,
}: {
  specialties: SpecialtyOption[];
  packages: PackageOption[];
  onSpecialty: (departmentId: string) => void;
  onPackage: (pkg: PackageOption & { departmentId: string }) => void;
  selected: { departmentId?: string; packageId?: string };
}) {
  const [tab, setTab] = useState<'specialty' | 'package'>(selected.packageId ? 'package' : 'specialty');
  const bookable = packages.filter((p): p is PackageOption & { departmentId: string } => p.departmentId !== null);
  return (
    <>
      <div className="mc-tabs" role="tablist" aria-label="Cách chọn dịch vụ">
        <button type="button" role="tab" aria-selected={tab === 'specialty'} onClick={() => setTab('specialty')}>
          Chuyên khoa
        </button>
        <button type="button" role="tab" aria-selected={tab === 'package'} onClick={() => setTab('package')}>
          Gói khám
        </button>
      </div>
      <div className="mc-choices" role="tabpanel">
        {tab === 'specialty'
          ? specialties.map((d) => (
              <Choice
                key={d.id}
                title={d.name}
                sub={d.description ?? undefined}
                lead={
                  <span className="mc-shortcut-icon">
                    <Stethoscope size={22} />
                  </span>
                }
                selected={!selected.packageId && selected.departmentId === d.id}
                onSelect={() => onSpecialty(d.id)}
              />
            ))
          : bookable.map((p) => (
              <Choice
                key={p.id}
                title={p.name}
                sub={p.description ?? undefined}
                side={<span className="mc-price">{formatVnd(p.priceVnd)}</span>}
                selected={selected.packageId === p.id}
                onSelect={() => onPackage(p)}
              >
                <span>
                  <span className="mc-tag mc-tag-muted">{p.durationMinutes} phút</span>
                  {p.bhytCovered ? (
                    <span className="mc-tag">BHYT chi trả một phần</span>
                  ) : (
                    <span className="mc-tag mc-tag-muted">Không áp dụng BHYT</span>
                  )}
                </span>
              </Choice>
            ))}
      </div>
    </>
  );
}
