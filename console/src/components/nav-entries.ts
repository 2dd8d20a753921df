/** Pages of the console and outside tools the hub serves; each is shown only to people holding its permission. */
export interface NavEntry {
  label: string;
  path: string;
  /** one permission, or a list of which any one is enough */
  permission?: string | readonly string[];
  /** served by the hub itself (a full page load, opened in a new tab) */
  external?: boolean;
}

export const navEntries: readonly NavEntry[] = [
  { label: 'Tổng quan', path: '/' },
  { label: 'Hộp thư', path: '/inbox', permission: 'inbox.read' },
  { label: 'Khách hàng', path: '/contacts', permission: 'contacts.read' },
  { label: 'Lịch hẹn', path: '/appointments', permission: 'booking.read' },
  { label: 'Lịch làm việc', path: '/schedules', permission: 'schedules.manage' },
  { label: 'Duyệt kết quả', path: '/results', permission: 'results.read' },
  { label: 'Thông báo đã gửi', path: '/notifications', permission: 'notifications.manage' },
  { label: 'Mẫu thông báo', path: '/templates', permission: 'notifications.manage' },
  { label: 'Chiến dịch', path: '/campaigns', permission: ['campaigns.manage', 'reports.read'] },
  { label: 'Phân khúc', path: '/campaigns/segments', permission: 'campaigns.manage' },
  { label: 'Chăm sóc sau khám', path: '/follow-ups', permission: 'contacts.write' },
  { label: 'Báo cáo', path: '/reports', permission: 'reports.read' },
  { label: 'Cài đặt hộp thư', path: '/admin/inbox-settings', permission: 'inbox.assign' },
  { label: 'Nhân viên', path: '/staff', permission: 'staff.manage' },
  { label: 'Nhật ký truy cập', path: '/audit', permission: 'audit.read' },
  { label: 'Giám sát tích hợp HL7', path: '/integration', permission: 'integration.read' },
  { label: 'Hàng đợi', path: '/admin/queues', permission: 'queues.manage', external: true },
  { label: 'Tài liệu API', path: '/docs', external: true },
];

export function visibleEntries(permissions: readonly string[]): NavEntry[] {
  return navEntries.filter((e) => {
    if (!e.permission) return true;
    const needed = typeof e.permission === 'string' ? [e.permission] : e.permission;
    return needed.some((p) => permissions.includes(p));
  });
}
