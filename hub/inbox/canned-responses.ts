import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import type { z } from 'zod';
import { cannedResponses, contacts, conversations } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppDeps } from '../platform/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { isUniqueViolation } from '../platform/pg-errors.ts';
import { containsFolded, startsWithFolded } from '../platform/vn-search.ts';
import type { CannedResponseInputSchema } from './inbox.schemas.ts';

/** The variables a canned response may use, with what each stands for (shown in the console's editor). */
export const cannedVariables = {
  'contact.name': 'Họ tên khách',
  'contact.firstName': 'Tên gọi của khách (chữ cuối của họ tên)',
  'contact.phone': 'Số điện thoại của khách (dạng 0…)',
  'agent.name': 'Họ tên nhân viên đang trả lời',
  'clinic.name': 'Tên phòng khám',
  today: 'Ngày hôm nay (dd/MM/yyyy)',
} as const;

type Variable = keyof typeof cannedVariables;
const pattern = /\{\{\s*([\w.]+)\s*\}\}/g;

export function variablesIn(body: string): string[] {
  return [...new Set([...body.matchAll(pattern)].map((m) => m[1]!))];
}

function checkVariables(body: string) {
  const unknown = variablesIn(body).filter((v) => !(v in cannedVariables));
  if (unknown.length) {
    throw new ValidationError(`Biến không hỗ trợ: ${unknown.map((v) => `{{${v}}}`).join(', ')}`, {
      unknown,
      supported: Object.keys(cannedVariables),
    });
  }
}

/** Fills {{variables}}; pure so the console preview and the server agree. */
export function renderCanned(body: string, values: Record<Variable, string>): string {
  return body.replace(pattern, (whole, name: string) => (name in values ? values[name as Variable] : whole));
}

function dto(r: typeof cannedResponses.$inferSelect) {
  return {
    id: r.id,
    shortcut: r.shortcut,
    title: r.title,
    body: r.body,
    teamId: r.teamId,
    variables: variablesIn(r.body),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Canned responses by shortcut; a page ends where `nextCursor` (the last shortcut) says the next one starts. */
export async function listCanned(deps: AppDeps, q: { q?: string; teamId?: string; cursor?: string; limit?: number }) {
  const term = q.q?.trim();
  const limit = q.limit ?? 200;
  const rows = await deps.db
    .select()
    .from(cannedResponses)
    .where(
      and(
        q.teamId ? or(isNull(cannedResponses.teamId), eq(cannedResponses.teamId, q.teamId)) : undefined,
        term
          ? or(startsWithFolded(cannedResponses.shortcut, term), containsFolded(cannedResponses.title, term))
          : undefined,
        q.cursor ? gt(cannedResponses.shortcut, q.cursor) : undefined,
      ),
    )
    .orderBy(asc(cannedResponses.shortcut))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(dto);
  return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.shortcut ?? null) : null };
}

export async function saveCanned(
  deps: AppDeps,
  id: string | null,
  input: z.output<typeof CannedResponseInputSchema>,
  actor: Actor,
) {
  checkVariables(input.body);
  try {
    return await deps.db.transaction(async (tx) => {
      const values = { shortcut: input.shortcut, title: input.title, body: input.body, teamId: input.teamId ?? null };
      const [row] = id
        ? await tx.update(cannedResponses).set(values).where(eq(cannedResponses.id, id)).returning()
        : await tx
            .insert(cannedResponses)
            .values({ ...values, createdByStaffId: actor.staffId })
            .returning();
      if (!row) throw new NotFoundError('Không tìm thấy câu trả lời mẫu');
      await recordAudit(tx, {
        action: id ? 'inbox.canned.update' : 'inbox.canned.create',
        actorStaffId: actor.staffId,
        subjectType: 'canned_response',
        subjectId: row.id,
        requestId: actor.requestId,
      });
      return dto(row);
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new ConflictError('canned_shortcut_taken', `Lối tắt "/${input.shortcut}" đã được dùng`);
    throw err;
  }
}

export async function deleteCanned(deps: AppDeps, id: string, actor: Actor) {
  await deps.db.transaction(async (tx) => {
    const r = await tx.delete(cannedResponses).where(eq(cannedResponses.id, id)).returning({ id: cannedResponses.id });
    if (!r.length) throw new NotFoundError('Không tìm thấy câu trả lời mẫu');
    await recordAudit(tx, {
      action: 'inbox.canned.delete',
      actorStaffId: actor.staffId,
      subjectType: 'canned_response',
      subjectId: id,
      requestId: actor.requestId,
    });
  });
}

/** The canned response filled in for one conversation and the agent answering it. */
export async function renderCannedFor(
  deps: AppDeps,
  id: string,
  conversationId: string,
  agent: { fullName: string },
): Promise<{ text: string }> {
  const [r] = await deps.db.select().from(cannedResponses).where(eq(cannedResponses.id, id));
  if (!r) throw new NotFoundError('Không tìm thấy câu trả lời mẫu');
  const [c] = await deps.db
    .select({ fullName: contacts.fullName, phone: contacts.phone })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(eq(conversations.id, conversationId));
  if (!c) throw new NotFoundError('Không tìm thấy hội thoại', 'conversation_not_found');
  const words = c.fullName.trim().split(/\s+/);
  return {
    text: renderCanned(r.body, {
      'contact.name': c.fullName,
      'contact.firstName': words[words.length - 1] ?? c.fullName,
      'contact.phone': c.phone ? `0${c.phone.slice(2)}` : '',
      'agent.name': agent.fullName,
      'clinic.name': deps.config.CLINIC_NAME,
      today: format(new TZDate(Date.now(), deps.config.CLINIC_TIMEZONE), 'dd/MM/yyyy'),
    }).normalize('NFC'),
  };
}
