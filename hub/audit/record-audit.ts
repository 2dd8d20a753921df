import type { DbOrTx } from '../../db/client.ts';
import { auditLog } from '../../db/schema/index.ts';

export interface AuditEntry {
  action: string;
  outcome?: 'success' | 'failure' | 'denied';
  actorStaffId?: string | null;
  actorKind?: 'staff' | 'patient' | 'system';
  subjectType?: string;
  subjectId?: string;
  ip?: string | null;
  requestId?: string;
  /** ids and codes only: never names, phones or result values */
  detail?: Record<string, unknown>;
}

export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    action: entry.action,
    outcome: entry.outcome ?? 'success',
    actorStaffId: entry.actorStaffId ?? null,
    actorKind: entry.actorKind ?? 'staff',
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    ip: entry.ip ?? null,
    requestId: entry.requestId,
    detail: entry.detail ?? {},
  });
}
