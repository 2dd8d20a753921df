import { Bell, ChevronRight, FlaskConical, LogOut, MessageCircle, Phone, ShieldCheck, UsersRound } from 'lucide-react';
import { useState } from 'react';
import { Button, useNavigate } from 'zmp-ui';
import { errorMessage } from '../api.ts';
import { useBridge } from '../components/app-context.tsx';
import { useClinicOa } from '../components/clinic-actions.ts';
import { useNotify } from '../components/notify.tsx';
import { Screen } from '../components/screen.tsx';
import { formatPhone } from '../format.ts';
import { permissionReasons, useSession } from '../session.tsx';
import { Choice } from './booking/choice-list.tsx';

/** The account: verified phone, family profiles, notices opt-in, the clinic's OA, sign-out. */
export function AccountPage() {
  const navigate = useNavigate();
  const bridge = useBridge();
  const notify = useNotify();
  const oa = useClinicOa();
  const { me, verifyPhone, recordPermission, refresh, signOut } = useSession();
  const [busy, setBusy] = useState<'phone' | 'notifications' | null>(null);
  const notices = me.permissions.find((p) => p.scope === 'notifications');

  async function phone() {
    setBusy('phone');
    try {
      await verifyPhone();
      notify('Đã xác minh số điện thoại');
    } catch (err) {
      notify(errorMessage(err), 'error');
    } finally {
      setBusy(null);
    }
  }

  async function allowNotices() {
    setBusy('notifications');
    try {
      await bridge.requestSendNotification();
      await recordPermission('notifications', true);
      await refresh();
      notify('Đã bật thông báo qua Zalo');
    } catch (err) {
      notify(errorMessage(err), 'error');
    } finally {
      setBusy(null);
    }
  }

  async function stopNotices() {
    setBusy('notifications');
    try {
      await recordPermission('notifications', false);
      await refresh();
      notify('Đã tắt thông báo qua Zalo');
    } catch (err) {
      notify(errorMessage(err), 'error');
    } finally {
      setBusy(null);
    }
  }

  return (
    <Screen title="Tài khoản" name="account">
      <div className="mc-section mc-card mc-row">
        <span className="mc-avatar">
          {(me.contact.displayName ?? me.contact.fullName).trim().split(/\s+/).at(-1)?.[0]}
        </span>
        <div className="mc-grow">
          <strong>{me.contact.displayName ?? me.contact.fullName}</strong>
          <div className="mc-muted">
            {me.contact.phone ? formatPhone(me.contact.phone) : 'Chưa có số điện thoại'}
            {me.contact.phone && me.contact.phoneVerified ? ' · đã xác minh qua Zalo' : ''}
          </div>
        </div>
      </div>

      {!me.contact.phoneVerified ? (
        <div className="mc-section mc-card mc-stack">
          <span className="mc-row">
            <Phone size={18} />
            <strong>Xác minh số điện thoại</strong>
          </span>
          <span className="mc-muted">{permissionReasons.phone}</span>
          <Button size="small" loading={busy === 'phone'} onClick={phone}>
            Chia sẻ số điện thoại từ Zalo
          </Button>
        </div>
      ) : null}

      <div className="mc-choices">
        <Choice
          title="Hồ sơ gia đình"
          sub={`${me.profiles.length} hồ sơ`}
          lead={
            <span className="mc-shortcut-icon">
              <UsersRound size={20} />
            </span>
          }
          onSelect={() => navigate('/profiles')}
        />
        <Choice
          title="Kết quả khám"
          lead={
            <span className="mc-shortcut-icon">
              <FlaskConical size={20} />
            </span>
          }
          onSelect={() => navigate('/results')}
        />
        {oa.available ? (
          <Choice
            title="Nhắn tin với phòng khám"
            sub="Mở cuộc trò chuyện với Zalo OA của phòng khám"
            lead={
              <span className="mc-shortcut-icon">
                <MessageCircle size={20} />
              </span>
            }
            side={<ChevronRight size={18} />}
            onSelect={() => oa.chat()}
          />
        ) : null}
      </div>

      <div className="mc-section-title">Thông báo qua Zalo</div>
      <div className="mc-section mc-card mc-stack">
        <span className="mc-row">
          <Bell size={18} />
          <strong className="mc-grow">{notices?.granted ? 'Đang bật' : 'Đang tắt'}</strong>
        </span>
        <span className="mc-muted">{permissionReasons.notifications}</span>
        {notices?.granted ? (
          <Button size="small" variant="tertiary" loading={busy === 'notifications'} onClick={stopNotices}>
            Tắt thông báo
          </Button>
        ) : (
          <Button size="small" variant="secondary" loading={busy === 'notifications'} onClick={allowNotices}>
            Bật thông báo
          </Button>
        )}
      </div>

      {oa.available ? (
        <div className="mc-section mc-card mc-stack">
          <span className="mc-row">
            <ShieldCheck size={18} />
            <strong>Zalo OA của phòng khám</strong>
          </span>
          <span className="mc-muted">Quan tâm OA để nhận tin nhắn chăm sóc sức khỏe từ phòng khám.</span>
          <Button size="small" variant="secondary" onClick={oa.follow}>
            Quan tâm OA
          </Button>
        </div>
      ) : null}

      <div className="mc-section">
        <Button fullWidth variant="tertiary" type="danger" prefixIcon={<LogOut size={18} />} onClick={signOut}>
          Đăng xuất khỏi ứng dụng
        </Button>
      </div>
    </Screen>
  );
}
