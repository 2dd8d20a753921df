import { CircleAlert, ClipboardList, Timer } from 'lucide-react';
import { Button } from 'zmp-ui';
import { useCountdown } from '../../components/use-countdown.ts';
import { formatCountdown, formatDateTime, formatVnd } from '../../format.ts';

export interface HeldAppointment {
  startsAt: string;
  holdExpiresAt: string | null;
  priceVnd: number | null;
  patient: { fullName: string };
  branch: { name: string; address: string };
  department: { name: string } | null;
  doctor: { title: string; fullName: string } | null;
  package: { name: string; durationMinutes: number; preparationNotes: string | null; bhytCovered: boolean } | null;
}

/** The held slot, what it costs and how to prepare, with the time left to confirm it. */
export function ConfirmStep({
  hold,
  confirming,
  onConfirm,
  onPickAgain,
}: {
  hold: HeldAppointment;
  confirming: boolean;
  onConfirm: () => void;
  onPickAgain: () => void;
}) {
  const left = useCountdown(hold.holdExpiresAt);
  const expired = left <= 0;
  return (
    <>
      <div className="mc-section">
        <div className={`mc-countdown${expired ? ' mc-expired' : ''}`} role="timer" aria-live="off">
          <span className="mc-row">
            <Timer size={20} />
            {expired ? 'Hết thời gian giữ chỗ' : 'Đang giữ chỗ cho bạn'}
          </span>
          <strong>
            <span className="mc-sr">Còn </span>
            {formatCountdown(left)}
          </strong>
        </div>
      </div>
      <div className="mc-section mc-card">
        <dl className="mc-rows">
          <dt>Người khám</dt>
          <dd>{hold.patient.fullName}</dd>
          <dt>Thời gian</dt>
          <dd>{formatDateTime(hold.startsAt)}</dd>
          <dt>Cơ sở</dt>
          <dd>{hold.branch.name}</dd>
          {hold.department ? (
            <>
              <dt>Chuyên khoa</dt>
              <dd>{hold.department.name}</dd>
            </>
          ) : null}
          {hold.doctor ? (
            <>
              <dt>Bác sĩ</dt>
              <dd>
                {hold.doctor.title} {hold.doctor.fullName}
              </dd>
            </>
          ) : null}
          {hold.package ? (
            <>
              <dt>Gói khám</dt>
              <dd>{hold.package.name}</dd>
            </>
          ) : null}
          <dt>Chi phí</dt>
          <dd>
            {hold.priceVnd !== null ? (
              <span className="mc-price">{formatVnd(hold.priceVnd)}</span>
            ) : (
              'Theo bảng giá, thanh toán tại quầy'
            )}
          </dd>
        </dl>
        {hold.package?.bhytCovered ? <span className="mc-tag">BHYT chi trả một phần</span> : null}
        <p className="mc-muted">{hold.branch.address}</p>
      </div>
      {hold.package?.preparationNotes ? (
        <div className="mc-section">
          <div className="mc-note" role="note">
            <ClipboardList size={20} />
            <div>
              <strong>Chuẩn bị trước khi khám</strong>
              <div>{hold.package.preparationNotes}</div>
            </div>
          </div>
        </div>
      ) : null}
      {expired ? (
        <div className="mc-section">
          <div className="mc-note" role="alert">
            <CircleAlert size={20} />
            <span>Hết thời gian giữ chỗ nên khung giờ đã được trả lại. Vui lòng chọn lại giờ khám.</span>
          </div>
        </div>
      ) : null}
      <div className="mc-footer">
        {expired ? (
          <Button fullWidth onClick={onPickAgain}>
            Chọn lại giờ khám
          </Button>
        ) : (
          <Button fullWidth loading={confirming} onClick={onConfirm}>
            Xác nhận đặt lịch
          </Button>
        )}
      </div>
    </>
  );
}
