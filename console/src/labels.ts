import type { AuditEntry, Role } from './api.ts';

export const roleLabels: Record<Role, string> = {
  admin: 'Quản trị viên',
  supervisor: 'Giám sát',
  agent: 'Tổng đài viên',
  marketer: 'Marketing',
  clinician: 'Bác sĩ',
};

export const roles = Object.keys(roleLabels) as [Role, ...Role[]];

/** What each permission lets a person do, and whether the console can already use it. */
export const permissionInfo: Record<string, { label: string; available: boolean }> = {
  'staff.manage': { label: 'Quản lý tài khoản nhân viên', available: true },
  'audit.read': { label: 'Xem nhật ký truy cập', available: true },
  'queues.manage': { label: 'Theo dõi và xử lý hàng đợi công việc', available: true },
  'inbox.read': { label: 'Xem hộp thư hội thoại với khách hàng', available: true },
  'inbox.reply': { label: 'Trả lời tin nhắn khách hàng', available: true },
  'inbox.assign': { label: 'Phân công hội thoại cho nhân viên', available: true },
  'contacts.read': { label: 'Xem hồ sơ khách hàng', available: true },
  'contacts.write': { label: 'Cập nhật hồ sơ khách hàng', available: true },
  'contacts.merge': { label: 'Gộp hồ sơ khách hàng trùng nhau', available: true },
  'booking.read': { label: 'Xem lịch hẹn khám', available: true },
  'booking.write': { label: 'Đặt, đổi và huỷ lịch hẹn', available: true },
  'schedules.manage': { label: 'Quản lý lịch làm việc của bác sĩ và ngày nghỉ', available: true },
  'results.read': { label: 'Xem kết quả xét nghiệm, chẩn đoán hình ảnh', available: true },
  'results.release': { label: 'Trả kết quả cho người bệnh', available: true },
  'notifications.manage': { label: 'Quản lý mẫu thông báo và nhắc lịch', available: true },
  'campaigns.manage': { label: 'Quản lý chiến dịch chăm sóc khách hàng', available: true },
  'reports.read': { label: 'Xem báo cáo', available: true },
  'integration.read': { label: 'Xem trạng thái kết nối HIS/LIS', available: false },
  'integration.manage': { label: 'Cấu hình kết nối HIS/LIS', available: false },
};

export const actionLabels: Record<string, string> = {
  'auth.sign_in': 'Đăng nhập',
  'auth.sign_out': 'Đăng xuất',
  'auth.password_change': 'Đổi mật khẩu',
  'access.denied': 'Truy cập bị chặn',
  'staff.create': 'Tạo tài khoản nhân viên',
  'staff.update': 'Cập nhật tài khoản nhân viên',
  'staff.password_reset': 'Đặt lại mật khẩu nhân viên',
  'result.view': 'Xem kết quả',
  'result.release': 'Trả kết quả cho người bệnh',
  'result.lookup': 'Tra cứu kết quả qua đường dẫn',
  'booking.book_for_caller': 'Đặt lịch cho khách',
};

export const actionLabel = (action: string) => actionLabels[action] ?? action;

export const outcomeInfo: Record<string, { label: string; color: string }> = {
  success: { label: 'Thành công', color: 'teal' },
  failure: { label: 'Thất bại', color: 'orange' },
  denied: { label: 'Bị từ chối', color: 'red' },
};

const signInReasons: Record<string, string> = {
  unknown_email: 'email không tồn tại',
  wrong_password: 'sai mật khẩu',
  disabled: 'tài khoản đã khoá',
  locked: 'tạm khoá do sai nhiều lần',
};

/** A one-line summary of an audit entry's detail (ids and codes only, as the hub records them). */
export function describeDetail(entry: AuditEntry): string {
  const d = entry.detail;
  const text = (k: string) => (typeof d[k] === 'string' || typeof d[k] === 'number' ? String(d[k]) : undefined);
  const parts: string[] = [];
  const signInLike = entry.action === 'auth.sign_in' || entry.action === 'auth.password_change';
  if (signInLike && text('reason')) {
    parts.push(`Lý do: ${signInReasons[text('reason')!] ?? text('reason')}`);
  } else if (
    (entry.action === 'auth.password_change' || entry.action === 'staff.password_reset') &&
    typeof d.revokedSessions === 'number'
  ) {
    parts.push(`Đăng xuất ${d.revokedSessions} phiên${entry.action === 'auth.password_change' ? ' khác' : ''}`);
  } else if (entry.action === 'access.denied') {
    const permission = text('permission');
    if (permission) parts.push(`Cần quyền: ${permissionInfo[permission]?.label ?? permission}`);
    if (text('method') && text('path')) parts.push(`${text('method')} ${text('path')}`);
  } else if (entry.action === 'staff.create' || entry.action === 'staff.update') {
    const role = text('role') as Role | undefined;
    if (role) parts.push(`Vai trò: ${roleLabels[role] ?? role}`);
    if (typeof d.active === 'boolean') parts.push(d.active ? 'Mở khoá tài khoản' : 'Khoá tài khoản');
    if (text('capacity')) parts.push(`Số hội thoại tối đa: ${text('capacity')}`);
  }
  return parts.join(' · ');
}
