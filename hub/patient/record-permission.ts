import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { consentEvents, consents, miniappPermissions } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { AppDeps } from '../platform/context.ts';
import { listPermissions } from './load-me.ts';
import type { RecordPermissionSchema } from './patient.schemas.ts';

/**
 * Records what the patient allowed in the Mini App, with the reason they were shown and the time (Decree 13's proof),
 * and the history in the audit log. Allowing notifications is also the contact's consent to transactional messages
 * on the Mini App channel, which the notification engine checks.
 */
export async function recordPermission(
  deps: AppDeps,
  contactId: string,
  input: z.infer<typeof RecordPermissionSchema>,
  meta: { requestId: string; ip: string | null },
) {
  await deps.db.transaction(async (tx) => {
    const values = { contactId, scope: input.scope, granted: input.granted, reasonShown: input.reasonShown ?? null };
    await tx
      .insert(miniappPermissions)
      .values(values)
      .onConflictDoUpdate({
        target: [miniappPermissions.contactId, miniappPermissions.scope],
        set: { granted: values.granted, reasonShown: values.reasonShown, decidedAt: sql`now()` },
      });
    if (input.scope === 'notifications') {
      const decision = {
        contactId,
        channel: 'miniapp' as const,
        purpose: 'transactional' as const,
        status: input.granted ? ('granted' as const) : ('revoked' as const),
        source: 'miniapp' as const,
        evidence: { via: 'miniapp_permission', reasonShown: values.reasonShown },
      };
      await tx.insert(consentEvents).values(decision);
      await tx
        .insert(consents)
        .values(decision)
        .onConflictDoUpdate({
          target: [consents.contactId, consents.channel, consents.purpose],
          set: { status: decision.status, source: decision.source, evidence: decision.evidence, decidedAt: sql`now()` },
        });
    }
    await recordAudit(tx, {
      action: 'patient.permission',
      actorKind: 'patient',
      subjectType: 'contact',
      subjectId: contactId,
      ip: meta.ip,
      requestId: meta.requestId,
      detail: { scope: input.scope, granted: input.granted },
    });
  });
  return { items: await listPermissions(deps.db, contactId) };
}
