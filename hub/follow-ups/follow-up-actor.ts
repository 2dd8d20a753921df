import type { Permission } from '../auth/permissions.ts';

/** Who acts on a task, and what their role lets them do. */
export interface StaffActor {
  staffId: string;
  permissions: readonly Permission[];
  ip: string | null;
  requestId: string;
}
