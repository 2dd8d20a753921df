import { Bell, HeartPulse, Phone, ShieldCheck, UserRound } from 'lucide-react';
import { useState } from 'react';
import { Button, Page } from 'zmp-ui';
import { errorMessage } from '../api.ts';
import { useNotify } from '../components/notify.tsx';
import { permissionReasons, useSessionState } from '../session.tsx';

/**
 * Sign-in and consent: what the app will read from Zalo and why, before Zalo asks. Each permission is optional; the
 * answer and the reason shown are recorded by the hub.
 */
export function SignInPage() {
  const { signIn } = useSessionState();
  const notify = useNotify();
  const [userInfo, setUserInfo] = useState(true);
  const [phone, setPhone] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start() {
    setBusy(true);
    setError(null);
    try {
      const { phoneError } = await signIn({ userInfo, phone });
      if (phoneError) notify(`Chưa xác minh được số điện thoại: ${phoneError}`, 'error');
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <Page className="mc-page mc-no-nav" style={{ paddingTop: 0 }} data-screen="sign-in">
      <div className="mc-hello" style={{ paddingTop: 36, paddingBottom: 28 }}>
        <HeartPulse size={36} />
        <h1 style={{ marginTop: 10 }}>Phòng khám MediCRM</h1>
        <p>Đặt lịch khám, theo dõi lịch hẹn và nhận kết quả ngay trên Zalo.</p>
      </div>
      <div className="mc-section mc-card">
        <h2 style={{ margin: '0 0 12px', fontSize: 16 }}>Trước khi bắt đầu</h2>
        <ul className="mc-consent-list">
          <li>
            <span className="mc-shortcut-icon">
              <UserRound size={20} />
            </span>
            <label className="mc-grow">
              <span className="mc-row">
                <strong className="mc-grow">Tên và ảnh đại diện Zalo</strong>
                <input type="checkbox" checked={userInfo} onChange={(e) => setUserInfo(e.target.checked)} />
              </span>
              <p>{permissionReasons.user_info}</p>
            </label>
          </li>
          <li>
            <span className="mc-shortcut-icon">
              <Phone size={20} />
            </span>
            <label className="mc-grow">
              <span className="mc-row">
                <strong className="mc-grow">Số điện thoại</strong>
                <input type="checkbox" checked={phone} onChange={(e) => setPhone(e.target.checked)} />
              </span>
              <p>{permissionReasons.phone}</p>
            </label>
          </li>
          <li>
            <span className="mc-shortcut-icon">
              <Bell size={20} />
            </span>
            <div className="mc-grow">
              <strong>Thông báo</strong>
              <p>Bạn có thể bật nhắc lịch khám qua Zalo sau, trong mục Tài khoản.</p>
            </div>
          </li>
        </ul>
      </div>
      <div className="mc-section">
        <div className="mc-note mc-info">
          <ShieldCheck size={20} />
          <span>
            Zalo sẽ hỏi lại bạn trước khi chia sẻ. Dữ liệu cá nhân và sức khỏe được xử lý theo Nghị định 13/2023/NĐ-CP
            về bảo vệ dữ liệu cá nhân.
          </span>
        </div>
      </div>
      {error ? (
        <div className="mc-section">
          <div className="mc-note" role="alert">
            {error}
          </div>
        </div>
      ) : null}
      <div className="mc-footer">
        <Button fullWidth loading={busy} onClick={start}>
          Đồng ý và tiếp tục
        </Button>
      </div>
    </Page>
  );
}
