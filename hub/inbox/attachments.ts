import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { attachmentBlobs } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { NotFoundError } from '../platform/errors.ts';

/** The hub's own route for a stored attachment; staff-only (inbox.read). */
export const attachmentUrl = (id: string) => `/api/inbox/attachments/${id}`;

/** Keeps the bytes of an attachment (email); returns null when it is larger than the configured limit. */
export async function storeAttachment(
  tx: DbOrTx,
  maxBytes: number,
  file: { name: string; mimeType: string; content: Buffer },
): Promise<string | null> {
  if (file.content.length > maxBytes) return null;
  const [row] = await tx
    .insert(attachmentBlobs)
    .values({
      sha256: createHash('sha256').update(file.content).digest('hex'),
      fileName: file.name.normalize('NFC').slice(0, 255),
      mimeType: file.mimeType.slice(0, 100),
      sizeBytes: file.content.length,
      bytes: file.content,
    })
    .returning({ id: attachmentBlobs.id });
  return row!.id;
}

export async function readAttachment(deps: AppDeps, id: string) {
  const [row] = await deps.db.select().from(attachmentBlobs).where(eq(attachmentBlobs.id, id));
  if (!row) throw new NotFoundError('Không tìm thấy tệp đính kèm');
  return row;
}
