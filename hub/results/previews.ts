import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { imagingPreviews, imagingStudies } from '../../db/schema/index.ts';
import { NotFoundError } from '../platform/errors.ts';

export const previewNotFound = () => new NotFoundError('Không tìm thấy ảnh', 'preview_not_found');

/** A stored preview with the result its study is linked to (null while unlinked). */
export async function loadPreview(db: DbOrTx, previewId: string) {
  const [row] = await db
    .select({
      mimeType: imagingPreviews.mimeType,
      bytes: imagingPreviews.bytes,
      resultId: imagingStudies.resultId,
    })
    .from(imagingPreviews)
    .innerJoin(imagingStudies, eq(imagingStudies.id, imagingPreviews.studyId))
    .where(eq(imagingPreviews.id, previewId));
  if (!row) throw previewNotFound();
  return row;
}

/** Headers of a preview image: private (it is health data), cacheable a while by the one browser that asked. */
export function imageHeaders(image: { mimeType: string; bytes: Buffer }): Record<string, string> {
  return {
    'content-type': image.mimeType,
    'content-length': String(image.bytes.length),
    'cache-control': 'private, max-age=600',
    'content-security-policy': "default-src 'none'",
  };
}
