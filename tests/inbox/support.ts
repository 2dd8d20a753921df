import { eq } from 'drizzle-orm';
import { staffUsers } from '../../db/schema/index.ts';
import { resolveContact } from '../../hub/contacts/index.ts';
import { newEffects, recordMessage, runEffects } from '../../hub/inbox/index.ts';
import type { TestApp } from '../support/hub.ts';

/** A person writes in on a channel: the same path the inbound worker takes (contact, conversation, message). */
export async function inbound(
  t: TestApp,
  opts: { externalId: string; text: string; channel?: 'zalo_oa' | 'messenger' },
) {
  const channel = opts.channel ?? 'zalo_oa';
  const effects = newEffects();
  const rec = await t.db.transaction(async (tx) => {
    const c = await resolveContact(tx, { channel, externalId: opts.externalId, firstChannel: channel, source: 'test' });
    return recordMessage(
      tx,
      t.deps,
      {
        contactId: c.contactId,
        channel,
        inboxKey: null,
        direction: 'in',
        authorKind: 'contact',
        contentType: 'text',
        body: opts.text,
        providerMessageId: `${opts.externalId}-${Math.random()}`,
        meta: { externalId: opts.externalId },
        at: new Date(),
        fromPerson: true,
      },
      effects,
    );
  });
  await runEffects(t.deps, effects);
  return rec;
}

export async function staffId(t: TestApp, email: string): Promise<string> {
  const [s] = await t.db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, email));
  return s!.id;
}

/** Reads Server-Sent Events from a streaming response until `until` matches one; returns the events seen. */
export async function readEvents(
  res: Response,
  until: (e: { event: string; data: Record<string, unknown> }) => boolean,
  timeoutMs = 10_000,
) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const seen: { event: string; data: Record<string, unknown> }[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<{ done: true; value: undefined }>((r) =>
          setTimeout(() => r({ done: true, value: undefined }), deadline - Date.now()),
        ),
      ]);
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let idx = buffer.indexOf('\n\n');
      while (idx >= 0) {
        const block = buffer.slice(0, idx);
        buffer = buffer.slice(idx + 2);
        const event = block.match(/^event: (.*)$/m)?.[1] ?? 'message';
        const data = block.match(/^data: (.*)$/m)?.[1];
        const e = { event, data: data ? (JSON.parse(data) as Record<string, unknown>) : {} };
        if (event !== 'ping') seen.push(e);
        if (until(e)) return seen;
        idx = buffer.indexOf('\n\n');
      }
    }
    throw new Error(`event not seen; got ${seen.map((e) => e.event).join(', ')}`);
  } finally {
    await reader.cancel().catch(() => {});
  }
}
