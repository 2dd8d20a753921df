import { desc, eq } from 'drizzle-orm';
import type { ConsentPurpose, ConsentStatus } from '../../db/schema/index.ts';
import { consentEvents, consents, contacts, staffUsers } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppDeps } from '../platform/context.ts';
import { NotFoundError } from '../platform/errors.ts';
import { recordConsent } from './record-consent.ts';

type ConsentChannel = 'zns' | 'sms' | 'email' | 'zalo_oa' | 'miniapp' | 'hotline';

async function mustExist(deps: AppDeps, contactId: string) {
  const [c] = await deps.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, contactId));
  if (!c) throw new NotFoundError('Không tìm thấy liên hệ', 'contact_not_found');
}

/** The decisions in force and their history (newest first, last 100), with who recorded each. */
export async function contactConsents(deps: AppDeps, contactId: string) {
  await mustExist(deps, contactId);
  const current = await deps.db
    .select()
    .from(consents)
    .where(eq(consents.contactId, contactId))
    .orderBy(consents.channel, consents.purpose);
  const history = await deps.db
    .select({ e: consentEvents, staffName: staffUsers.fullName })
    .from(consentEvents)
    .leftJoin(staffUsers, eq(staffUsers.id, consentEvents.recordedByStaffId))
    .where(eq(consentEvents.contactId, contactId))
    .orderBy(desc(consentEvents.at), desc(consentEvents.id))
    .limit(100);
  return {
    current: current.map((c) => ({
      channel: c.channel,
      purpose: c.purpose,
      status: c.status,
      source: c.source,
      decidedAt: c.decidedAt.toISOString(),
    })),
    history: history.map(({ e, staffName }) => ({
      id: e.id,
      channel: e.channel,
      purpose: e.purpose,
      status: e.status,
      source: e.source,
      at: e.at.toISOString(),
      staffName,
      note: typeof e.evidence.note === 'string' ? e.evidence.note : null,
    })),
  };
}

/**
 * An agent records what the person said (on the phone, at the desk): the ledger keeps the decision with the agent,
 * the time and the note as evidence, and the audit log has the change.
 */
export async function setContactConsent(
  deps: AppDeps,
  contactId: string,
  input: { channel: ConsentChannel; purpose: ConsentPurpose; status: ConsentStatus; note?: string },
  actor: Actor,
) {
  await mustExist(deps, contactId);
  await deps.db.transaction(async (tx) => {
    const changed = await recordConsent(tx, {
      contactId,
      channel: input.channel,
      purpose: input.purpose,
      status: input.status,
      source: 'staff',
      evidence: { via: 'console', ...(input.note ? { note: input.note } : {}) },
      staffId: actor.staffId,
    });
    if (changed) {
      await recordAudit(tx, {
        action: 'consent.change',
        actorStaffId: actor.staffId,
        subjectType: 'contact',
        subjectId: contactId,
        ip: actor.ip,
        requestId: actor.requestId,
        detail: { channel: input.channel, purpose: input.purpose, status: input.status },
      });
    }
  });
  return contactConsents(deps, contactId);
}
