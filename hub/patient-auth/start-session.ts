import { and, eq, sql } from 'drizzle-orm';
import { contactIdentities, contacts } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { loadMe } from '../patient/load-me.ts';
import type { AppDeps } from '../platform/context.ts';
import { DomainError } from '../platform/errors.ts';
import { issuePatientToken } from './patient-token.ts';
import { fromZaloError, zaloGraph } from './zalo.ts';

/**
 * Mini App sign-in: the Zalo access token is verified against Zalo Graph /me (with appsecret_proof), the app-scoped
 * Zalo id is linked to a contact (created on first sign-in), and a short-lived hub token is issued. The client's own
 * claim of its Zalo id, when sent, must match what Zalo says.
 */
export async function startPatientSession(
  deps: AppDeps,
  input: { accessToken: string; zaloUserId?: string },
  meta: { requestId: string; ip: string | null },
) {
  const graph = zaloGraph(deps.config, deps.logger);
  const me = await graph.getMe(input.accessToken).catch((err) => fromZaloError(err, deps.logger));
  if (input.zaloUserId && input.zaloUserId !== me.id) {
    throw new DomainError('zalo_user_mismatch', 'Thông tin tài khoản Zalo không khớp. Vui lòng mở lại Mini App.', 401);
  }
  const contactId = await deps.db.transaction(async (tx) => {
    // two first sign-ins of the same person at once must not make two contacts
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`miniapp:${me.id}`}))`);
    const [identity] = await tx
      .select({ contactId: contactIdentities.contactId })
      .from(contactIdentities)
      .where(and(eq(contactIdentities.channel, 'miniapp'), eq(contactIdentities.externalId, me.id)));
    let id = identity?.contactId;
    // a contact merged by staff keeps no live identities, but an identity left behind must still land on the survivor
    for (let hop = 0; id && hop < 5; hop++) {
      const [c] = await tx.select({ into: contacts.mergedIntoId }).from(contacts).where(eq(contacts.id, id));
      if (!c?.into) break;
      id = c.into;
    }
    if (id) {
      await tx
        .update(contacts)
        .set({
          displayName: me.name ?? sql`${contacts.displayName}`,
          avatarUrl: me.pictureUrl ?? sql`${contacts.avatarUrl}`,
          lastInteractionAt: sql`now()`,
        })
        .where(eq(contacts.id, id));
    } else {
      const [created] = await tx
        .insert(contacts)
        .values({
          fullName: me.name?.normalize('NFC') || 'Người dùng Zalo',
          displayName: me.name?.normalize('NFC') ?? null,
          avatarUrl: me.pictureUrl,
          firstChannel: 'miniapp',
          lastInteractionAt: sql`now()`,
        })
        .returning({ id: contacts.id });
      id = created!.id;
      await tx.insert(contactIdentities).values({
        contactId: id,
        channel: 'miniapp',
        externalId: me.id,
        source: 'zalo_graph_me',
        verifiedAt: sql`now()`,
      });
    }
    await recordAudit(tx, {
      action: 'patient.sign_in',
      actorKind: 'patient',
      subjectType: 'contact',
      subjectId: id,
      ip: meta.ip,
      requestId: meta.requestId,
      detail: { channel: 'miniapp', firstSignIn: !identity },
    });
    return id;
  });
  const token = issuePatientToken(
    deps.config.PATIENT_TOKEN_SECRET,
    { contactId, zaloUserId: me.id },
    deps.config.PATIENT_TOKEN_TTL_MINUTES,
  );
  return { ...token, me: await loadMe(deps.db, contactId) };
}
