import { useNavigate, useParams } from 'zmp-ui';
import { call } from '../api.ts';
import { useApi } from '../components/app-context.tsx';
import { useNotify } from '../components/notify.tsx';
import { newProfileDraft, ProfileForm } from '../components/profile-form.tsx';
import { Screen } from '../components/screen.tsx';
import { ErrorState } from '../components/states.tsx';
import { formatPhone } from '../format.ts';
import type { ProfileDraft, SexChoice } from '../profile-rules.ts';
import { useSession } from '../session.tsx';

/** Add a family profile (`/profiles/new`) or edit one (`/profiles/:id`). */
export function ProfileEditPage() {
  const api = useApi();
  const navigate = useNavigate();
  const notify = useNotify();
  const { me, refresh } = useSession();
  const { id = 'new' } = useParams();
  const creating = id === 'new';
  const existing = me.profiles.find((p) => p.id === id);

  if (!creating && !existing) {
    return (
      <Screen title="Hồ sơ" back withNav={false} name="profile-edit">
        <ErrorState message="Không tìm thấy hồ sơ này." />
      </Screen>
    );
  }

  const initial: ProfileDraft = existing
    ? {
        relationship: existing.relationship,
        fullName: existing.fullName,
        birthDate: existing.birthDate ?? '',
        sex: existing.sex === 'unknown' ? '' : (existing.sex as SexChoice),
        phone: existing.phone ? formatPhone(existing.phone) : '',
        nationalId: existing.nationalId ?? '',
        insuranceNumber: existing.insuranceNumber ?? '',
      }
    : newProfileDraft(me.contact, me.profiles);

  return (
    <Screen title={creating ? 'Thêm hồ sơ' : 'Sửa hồ sơ'} back withNav={false} name="profile-edit">
      <div className="mc-section mc-card">
        <ProfileForm
          initial={initial}
          submitLabel={creating ? 'Lưu hồ sơ' : 'Lưu thay đổi'}
          onSubmit={async (profile) => {
            if (creating) await call(api.patient.profiles.$post({ json: profile }));
            else await call(api.patient.profiles[':id'].$patch({ param: { id }, json: profile }));
            await refresh();
            notify(creating ? 'Đã thêm hồ sơ' : 'Đã lưu hồ sơ');
            navigate(-1);
          }}
        />
      </div>
    </Screen>
  );
}
