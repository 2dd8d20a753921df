import { CalendarClock, ClipboardList, Info } from 'lucide-react';
import { useState } from 'react';
import { Button, Modal, useNavigate, useParams } from 'zmp-ui';
import { call, errorMessage } from '../api.ts';
import { useApi } from '../components/app-context.tsx';
import { StatusBadge } from '../components/appointment-bits.tsx';
import { useNotify } from '../components/notify.tsx';
import { Screen } from '../components/screen.tsx';
import { Loaded } from '../components/states.tsx';
import { useLoad } from '../components/use-load.ts';
import { formatDateTime, formatShortDateTime, formatVnd } from '../format.ts';

const timelineLabels: Record<string, string> = {
  requested: 'Giữ chỗ',
  confirmed: 'Đã xác nhận lịch hẹn',
  rescheduled: 'Đã đổi lịch',
  cancelled: 'Đã huỷ lịch hẹn',
  checked_in: 'Đã đến khám',
  completed: 'Đã khám xong',
  no_show: 'Không đến khám',
};
const actorLabels: Record<string, string> = { patient: 'bạn', staff: 'phòng khám', system: 'hệ thống' };

/** One appointment: the QR and code for the counter, the details, the status timeline, cancel and reschedule. */
export function AppointmentDetailPage() {
  const api = useApi();
  const navigate = useNavigate();
  const notify = useNotify();
  const { id = '' } = useParams();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const detail = useLoad(async () => call(api.patient.appointments[':id'].$get({ param: { id } })), [id]);

  async function cancel() {
    setCancelling(true);
    try {
      await call(api.patient.appointments[':id'].cancel.$post({ param: { id }, json: {} }));
      notify('Đã huỷ lịch hẹn');
      setConfirmCancel(false);
      detail.reload();
    } catch (err) {
      setConfirmCancel(false);
      notify(errorMessage(err), 'error');
    } finally {
      setCancelling(false);
    }
  }

  return (
    <Screen title="Chi tiết lịch hẹn" back withNav={false} name="appointment-detail">
      <Loaded state={detail}>
        {(a) => (
          <>
            <div className="mc-section mc-card">
              <div className="mc-qr">
                {a.status === 'confirmed' || a.status === 'checked_in' ? (
                  <img
                    src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(a.qrSvg)}`}
                    alt={`Mã QR của lịch hẹn ${a.bookingCode}`}
                  />
                ) : null}
                <span className="mc-muted">Mã đặt lịch</span>
                <span className="mc-code" data-testid="booking-code">
                  {a.bookingCode}
                </span>
                <StatusBadge status={a.status} />
                {a.status === 'confirmed' ? (
                  <span className="mc-muted" style={{ textAlign: 'center' }}>
                    Đưa mã này cho quầy tiếp đón hoặc quét tại kiosk khi đến khám.
                  </span>
                ) : null}
              </div>
            </div>
            <div className="mc-section mc-card">
              <dl className="mc-rows">
                <dt>Người khám</dt>
                <dd>{a.patient.fullName}</dd>
                <dt>Thời gian</dt>
                <dd>{formatDateTime(a.startsAt)}</dd>
                <dt>Cơ sở</dt>
                <dd>{a.branch.name}</dd>
                {a.department ? (
                  <>
                    <dt>Chuyên khoa</dt>
                    <dd>{a.department.name}</dd>
                  </>
                ) : null}
                {a.doctor ? (
                  <>
                    <dt>Bác sĩ</dt>
                    <dd>
                      {a.doctor.title} {a.doctor.fullName}
                    </dd>
                  </>
                ) : null}
                {a.package ? (
                  <>
                    <dt>Gói khám</dt>
                    <dd>{a.package.name}</dd>
                  </>
                ) : null}
                {a.priceVnd !== null ? (
                  <>
                    <dt>Chi phí</dt>
                    <dd className="mc-price">{formatVnd(a.priceVnd)}</dd>
                  </>
                ) : null}
              </dl>
              <p className="mc-muted">{a.branch.address}</p>
            </div>
            {a.package?.preparationNotes && (a.status === 'confirmed' || a.status === 'requested') ? (
              <div className="mc-section">
                <div className="mc-note">
                  <ClipboardList size={20} />
                  <div>
                    <strong>Chuẩn bị trước khi khám</strong>
                    <div>{a.package.preparationNotes}</div>
                  </div>
                </div>
              </div>
            ) : null}

            <div className="mc-section-title">Quá trình</div>
            <div className="mc-section mc-card">
              <ol className="mc-timeline" aria-label="Quá trình lịch hẹn">
                {a.timeline.map((t, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id and never reorder
                  <li key={i}>
                    {timelineLabels[t.kind] ?? t.kind}
                    {t.actor !== 'system' ? ` (bởi ${actorLabels[t.actor]})` : ''}
                    <time dateTime={t.at}>{formatShortDateTime(t.at)}</time>
                  </li>
                ))}
              </ol>
            </div>

            {a.status === 'confirmed' ? (
              <div className="mc-section">
                {a.canChange ? (
                  <div className="mc-note mc-info">
                    <Info size={20} />
                    <span>Bạn có thể đổi hoặc huỷ lịch trước {formatDateTime(a.changeDeadline)}.</span>
                  </div>
                ) : (
                  <div className="mc-note">
                    <CalendarClock size={20} />
                    <span>
                      Đã quá hạn đổi hoặc huỷ lịch qua ứng dụng ({formatDateTime(a.changeDeadline)}). Vui lòng gọi tổng
                      đài nếu cần hỗ trợ.
                    </span>
                  </div>
                )}
              </div>
            ) : null}

            {a.status === 'confirmed' && a.canChange ? (
              <div className="mc-footer">
                <Button variant="secondary" type="danger" onClick={() => setConfirmCancel(true)}>
                  Huỷ lịch
                </Button>
                <Button onClick={() => navigate(`/appointments/${a.id}/reschedule`)}>Đổi lịch</Button>
              </div>
            ) : null}

            <Modal
              visible={confirmCancel}
              title="Huỷ lịch hẹn này?"
              description={`Lịch ${formatDateTime(a.startsAt)} cho ${a.patient.fullName} sẽ bị huỷ và khung giờ được trả lại.`}
              onClose={() => setConfirmCancel(false)}
              actions={[
                { text: 'Giữ lịch', close: true },
                { text: cancelling ? 'Đang huỷ…' : 'Huỷ lịch', danger: true, highLight: true, onClick: cancel },
              ]}
            />
          </>
        )}
      </Loaded>
    </Screen>
  );
}
