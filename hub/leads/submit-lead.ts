import { createHash } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { type Channel, consentEvents, consents, webhookEvents } from '../../db/schema/index.ts';
import { EmailInput, PhoneInput, resolveContact } from '../contacts/index.ts';
import { newEffects, recordMessage, runEffects } from '../inbox/index.ts';
import type { AppDeps } from '../platform/context.ts';

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Tối đa ${max} ký tự`)
    .transform((s) => s.normalize('NFC'));

export const LeadSchema = z
  .object({
    fullName: text(120).pipe(z.string().min(2, 'Vui lòng nhập họ tên')),
    phone: PhoneInput,
    email: EmailInput.optional(),
    service: text(120).optional(),
    preferredTime: text(120).optional(),
    message: text(2000).optional(),
    consent: z.object({ care: z.boolean().default(false), marketing: z.boolean().default(false) }).optional(),
    pageUrl: z.url().max(500).optional(),
    /** the form's own id for this submission: a double click or a retry stores one request */
    submissionId: z
      .string()
      .regex(/^[A-Za-z0-9-]{8,64}$/)
      .optional(),
    /** honeypot: hidden from people, bots fill it */
    website: z.string().max(500).optional(),
  })
  .openapi('LeadForm');

export type LeadInput = z.output<typeof LeadSchema>;

/** The channels the form's consent text names (phone calls, SMS, Zalo). */
const consentChannels: Channel[] = ['hotline', 'sms', 'zns', 'zalo_oa'];

export const leadThanks = 'Cảm ơn anh/chị đã gửi yêu cầu. Tổng đài viên sẽ liên hệ lại trong giờ làm việc.';

export function leadReference(dedupeKey: string): string {
  return createHash('sha256').update(dedupeKey).digest('hex').slice(0, 8).toUpperCase();
}

/**
 * A landing-page submission: stored raw (deduplicated by the form's submission id), the person found or created by
 * phone, a booking-request ticket opened with the form's content, and the consents ticked recorded with their proof —
 * one transaction.
 */
export async function submitLead(
  deps: AppDeps,
  input: LeadInput,
  meta: { ip: string | null; origin: string | undefined },
): Promise<{ reference: string; duplicate: boolean }> {
  const { website: _honeypot, ...clean } = input;
  const dedupeKey =
    input.submissionId ??
    `sha256:${createHash('sha256')
      .update(`${input.phone}|${input.message ?? ''}|${Math.floor(Date.now() / 600_000)}`)
      .digest('hex')}`;
  const reference = leadReference(dedupeKey);
  const effects = newEffects();
  const duplicate = await deps.db.transaction(async (tx) => {
    const stored = await tx
      .insert(webhookEvents)
      .values({
        source: 'web_form',
        dedupeKey,
        eventType: 'lead',
        rawBody: JSON.stringify(clean),
        headers: meta.origin ? { origin: meta.origin.slice(0, 200) } : {},
        state: 'processed',
        attempts: 1,
        processedAt: new Date(),
      })
      .onConflictDoNothing()
      .returning({ id: webhookEvents.id });
    if (stored.length === 0) return true;

    const contact = await resolveContact(tx, {
      channel: 'phone',
      externalId: input.phone,
      fullName: input.fullName,
      email: input.email,
      firstChannel: 'web_form',
      source: 'web_form',
    });
    const lines = [
      'Yêu cầu đặt lịch từ trang web',
      `Họ tên: ${input.fullName}`,
      input.service ? `Dịch vụ quan tâm: ${input.service}` : undefined,
      input.preferredTime ? `Thời gian mong muốn: ${input.preferredTime}` : undefined,
      input.email ? `Email: ${input.email}` : undefined,
      input.message ? `Nội dung: ${input.message}` : undefined,
      input.pageUrl ? `Trang: ${input.pageUrl}` : undefined,
      `Mã yêu cầu: ${reference}`,
    ].filter(Boolean);
    await recordMessage(
      tx,
      deps,
      {
        contactId: contact.contactId,
        channel: 'web_form',
        inboxKey: input.pageUrl ? new URL(input.pageUrl).host : null,
        direction: 'in',
        authorKind: 'contact',
        contentType: 'form',
        body: lines.join('\n'),
        providerMessageId: `lead-${dedupeKey}`,
        at: new Date(),
        fromPerson: true,
        newConversation: true,
        kind: 'booking_request',
        subject: input.service ? `Đặt lịch: ${input.service}` : 'Yêu cầu đặt lịch',
      },
      effects,
    );
    const evidence = {
      form: 'landing-lead-v1',
      reference,
      pageUrl: input.pageUrl ?? null,
      ip: meta.ip,
      text: {
        care: 'Tôi đồng ý để phòng khám liên hệ tư vấn qua điện thoại, SMS, Zalo.',
        marketing: 'Tôi muốn nhận thông tin ưu đãi, chương trình khám sức khoẻ.',
      },
    };
    for (const purpose of ['care', 'marketing'] as const) {
      if (!input.consent?.[purpose]) continue;
      for (const channel of consentChannels) {
        const row = {
          contactId: contact.contactId,
          channel,
          purpose,
          status: 'granted' as const,
          source: 'web_form' as const,
          evidence,
        };
        await tx.insert(consentEvents).values(row);
        await tx
          .insert(consents)
          .values({ ...row, decidedAt: new Date() })
          .onConflictDoUpdate({
            target: [consents.contactId, consents.channel, consents.purpose],
            set: { status: 'granted', source: 'web_form', evidence, decidedAt: sql`now()` },
          });
      }
    }
    return false;
  });
  if (!duplicate) await runEffects(deps, effects);
  return { reference, duplicate };
}
