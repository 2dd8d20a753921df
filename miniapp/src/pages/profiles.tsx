import { UserPlus, UsersRound } from 'lucide-react';
import { Button, useNavigate } from 'zmp-ui';
import { Screen } from '../components/screen.tsx';
import { EmptyState } from '../components/states.tsx';
import { formatCalendarDate, formatPhone } from '../format.ts';
import { relationshipLabels, sexLabels } from '../profile-rules.ts';
import { useSession } from '../session.tsx';
import { Choice } from './booking/choice-list.tsx';

/** The family profiles of this Zalo account: who can be booked for. */
export function ProfilesPage() {
  const navigate = useNavigate();
  const { me } = useSession();
  return (
    <Screen title="Hồ sơ gia đình" back name="profiles">
      {me.profiles.length === 0 ? (
        <EmptyState icon={UsersRound} title="Chưa có hồ sơ nào">
          <span>Thêm hồ sơ của bạn và người thân để đặt lịch khám nhanh hơn.</span>
        </EmptyState>
      ) : (
        <div className="mc-choices">
          {me.profiles.map((p) => (
            <Choice
              key={p.id}
              title={p.fullName}
              sub={[
                relationshipLabels[p.relationship],
                sexLabels[p.sex],
                p.birthDate ? formatCalendarDate(p.birthDate) : null,
                p.phone ? formatPhone(p.phone) : null,
              ]
                .filter(Boolean)
                .join(' · ')}
              onSelect={() => navigate(`/profiles/${p.id}`)}
            >
              <span>
                {p.nationalId ? <span className="mc-tag mc-tag-muted">CCCD</span> : null}
                {p.insuranceNumber ? <span className="mc-tag">BHYT</span> : null}
              </span>
            </Choice>
          ))}
        </div>
      )}
      <div className="mc-section">
        <Button
          fullWidth
          variant="secondary"
          prefixIcon={<UserPlus size={18} />}
          onClick={() => navigate('/profiles/new')}
        >
          Thêm hồ sơ
        </Button>
      </div>
    </Screen>
  );
}
