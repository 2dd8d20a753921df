import { CalendarClock, MapPin, Stethoscope } from 'lucide-react';
import { formatDateTime } from '../format.ts';

export const statusLabels: Record<string, string> = {
  requested: 'Đang giữ chỗ',
  confirmed: 'Đã xác nhận',
  checked_in: 'Đã đến khám',
  completed: 'Đã khám xong',
  cancelled: 'Đã huỷ',
  no_show: 'Không đến khám',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`mc-status mc-status-${status}`}>{statusLabels[status] ?? status}</span>;
}

export interface AppointmentSummary {
  id: string;
  bookingCode: string;
  status: string;
  startsAt: string;
  patient: { fullName: string };
  branch: { name: string };
  department: { name: string } | null;
  doctor: { title: string; fullName: string } | null;
  package: { name: string } | null;
}

/** One appointment as a card in a list or on the home screen. */
export function AppointmentCard({ appt, onOpen }: { appt: AppointmentSummary; onOpen: () => void }) {
  return (
    <button
      type="button"
      className="mc-choice"
      onClick={onOpen}
      aria-label={`Lịch hẹn ${appt.bookingCode}`}
      data-booking-code={appt.bookingCode}
    >
      <span className="mc-choice-body mc-stack" style={{ gap: 6 }}>
        <span className="mc-row">
          <strong className="mc-grow">{appt.package?.name ?? appt.department?.name ?? 'Khám bệnh'}</strong>
          <StatusBadge status={appt.status} />
        </span>
        <span className="mc-row mc-muted">
          <CalendarClock size={16} />
          {formatDateTime(appt.startsAt)}
        </span>
        {appt.doctor ? (
          <span className="mc-row mc-muted">
            <Stethoscope size={16} />
            {appt.doctor.title} {appt.doctor.fullName}
          </span>
        ) : null}
        <span className="mc-row mc-muted">
          <MapPin size={16} />
          {appt.branch.name}
        </span>
        <span className="mc-muted">
          Người khám: {appt.patient.fullName} · Mã {appt.bookingCode}
        </span>
      </span>
    </button>
  );
}
