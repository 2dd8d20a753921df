import type { StaffRole } from '../../db/schema/index.ts';

export const permissions = [
  'staff.manage',
  'audit.read',
  'queues.manage',
  'inbox.read',
  'inbox.reply',
  'inbox.assign',
  'contacts.read',
  'contacts.write',
  'contacts.merge',
  'booking.read',
  'booking.write',
  'schedules.manage',
  'results.read',
  'results.release',
  'notifications.manage',
  'campaigns.manage',
  'reports.read',
  'integration.read',
  'integration.manage',
] as const;

export type Permission = (typeof permissions)[number];

const agent: Permission[] = [
  'inbox.read',
  'inbox.reply',
  'contacts.read',
  'contacts.write',
  'booking.read',
  'booking.write',
];

/** What each role may do. Changing a role's rights happens here and nowhere else. */
export const rolePermissions: Record<StaffRole, readonly Permission[]> = {
  admin: permissions,
  supervisor: [
    ...agent,
    'inbox.assign',
    'contacts.merge',
    'schedules.manage',
    'results.read',
    'notifications.manage',
    'reports.read',
    'integration.read',
  ],
  agent,
  marketer: ['contacts.read', 'campaigns.manage', 'notifications.manage', 'reports.read'],
  clinician: ['contacts.read', 'booking.read', 'results.read', 'results.release', 'integration.read'],
};

export function can(role: StaffRole, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}
