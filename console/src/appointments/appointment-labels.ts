import type { AppointmentStatus, TimelineEntry } from './appointment-types.ts';

/** Appointment statuses in the words the front desk uses, with a badge colour each. */
export const statusInfo: Record<AppointmentStatus, { label: string; color: string }> = {
  requested: { label: 'Đang giữ chỗ', color: 'yellow' },
  confirmed: { label: 'Đã xác nhận', color: 'blue' },
  checked_in: { label: 'Đã tiếp đón', color: 'violet' },
  completed: { label: 'Đã khám xong', color: 'teal' },
  cancelled: { label: 'Đã huỷ', color: 'gray' },
  no_show: { label: 'Vắng mặt', color: 'orange' },
};

export const statuses = Object.keys(statusInfo) as AppointmentStatus[];

export const timelineLabels: Record<TimelineEntry['kind'], string> = {
  requested: 'Yêu cầu đặt lịch',
  confirmed: 'Xác nhận lịch hẹn',
  rescheduled: 'Đổi lịch',
  cancelled: 'Huỷ lịch',
  checked_in: 'Tiếp đón tại quầy',
  completed: 'Khám xong',
  no_show: 'Vắng mặt',
};

export const actorLabels: Record<TimelineEntry['actor'], string> = {
  patient: 'Người bệnh',
  staff: 'Nhân viên',
  system: 'Hệ thống',
};

export const sexLabels: Record<string, string> = { male: 'Nam', female: 'Nữ', other: 'Khác', unknown: 'Chưa rõ' };

/** Why a booking was cancelled, when the hub recorded a code rather than the words someone typed. */
const cancelReasonLabels: Record<string, string> = {
  patient_cancelled: 'Người bệnh huỷ',
  staff_cancelled: 'Nhân viên huỷ',
  hold_expired: 'Hết thời gian giữ chỗ',
  hold_replaced: 'Người bệnh chọn khung giờ khác',
};

export const cancelReasonLabel = (reason: string | null) => (reason ? (cancelReasonLabels[reason] ?? reason) : null);

const vnd = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });

/** "450.000 ₫". */
export const formatVnd = (amount: number | null | undefined) => (amount == null ? '—' : vnd.format(amount));

/** "84912345678" as staff read it on the phone: "0912 345 678". */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return '—';
  const local = phone.startsWith('84') ? `0${phone.slice(2)}` : phone;
  return local.length === 10 ? `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}` : local;
}

/** "1988-09-02" → "02/09/1988". */
export const formatBirthDate = (date: string | null | undefined) => (date ? date.split('-').reverse().join('/') : '—');
