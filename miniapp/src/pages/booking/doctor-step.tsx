import { FlaskConical, Users } from 'lucide-react';
import { useState } from 'react';
import { Choice } from './choice-list.tsx';

export interface DoctorOption {
  id: string;
  title: string;
  fullName: string;
  bio: string | null;
  photoUrl: string | null;
  languages: string[];
  yearsOfExperience: number | null;
  /** service_point: a room booked by package (lab sampling), offered only when the specialty has no doctor */
  kind: 'doctor' | 'service_point';
}

const languageNames: Record<string, string> = {
  vi: 'Tiếng Việt',
  en: 'Tiếng Anh',
  fr: 'Tiếng Pháp',
  zh: 'Tiếng Trung',
  ja: 'Tiếng Nhật',
  ko: 'Tiếng Hàn',
};

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return (parts.at(-1)?.[0] ?? '').toUpperCase();
}

export function DoctorAvatar({ doctor }: { doctor: Pick<DoctorOption, 'fullName' | 'photoUrl'> }) {
  // a photo that cannot load (offline, moved) falls back to the initial
  const [broken, setBroken] = useState(false);
  return (
    <span className="mc-avatar" aria-hidden="true">
      {doctor.photoUrl && !broken ? (
        <img src={doctor.photoUrl} alt="" onError={() => setBroken(true)} />
      ) : (
        initials(doctor.fullName)
      )}
    </span>
  );
}

export function DoctorStep({
  doctors,
  selectedId,
  onSelect,
}: {
  doctors: DoctorOption[];
  /** null: "any doctor" chosen */
  selectedId?: string | null;
  onSelect: (id: string | null) => void;
}) {
  const people = doctors.filter((d) => d.kind === 'doctor');
  if (people.length === 0) {
    return (
      <div className="mc-choices">
        {doctors.map((room) => (
          <Choice
            key={room.id}
            title={room.fullName}
            sub={room.bio ?? 'Không cần chọn bác sĩ: dịch vụ được thực hiện tại phòng chức năng'}
            lead={
              <span className="mc-avatar">
                <FlaskConical size={22} />
              </span>
            }
            selected={selectedId === room.id}
            onSelect={() => onSelect(room.id)}
          />
        ))}
      </div>
    );
  }
  return (
    <div className="mc-choices">
      <Choice
        title="Bác sĩ bất kỳ"
        sub="Xem giờ trống của mọi bác sĩ trong chuyên khoa"
        lead={
          <span className="mc-avatar">
            <Users size={22} />
          </span>
        }
        selected={selectedId === null}
        onSelect={() => onSelect(null)}
      />
      {people.map((d) => (
        <Choice
          key={d.id}
          title={`${d.title} ${d.fullName}`}
          sub={d.bio ?? undefined}
          lead={<DoctorAvatar doctor={d} />}
          selected={selectedId === d.id}
          onSelect={() => onSelect(d.id)}
        >
          <span>
            {d.yearsOfExperience ? (
              <span className="mc-tag mc-tag-muted">{d.yearsOfExperience} năm kinh nghiệm</span>
            ) : null}
            {d.languages.map((l) => (
              <span key={l} className="mc-tag mc-tag-muted">
                {languageNames[l] ?? l}
              </span>
            ))}
          </span>
        </Choice>
      ))}
    </div>
  );
}
