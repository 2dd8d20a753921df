import { ImageOff } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useApi } from '../../components/app-context.tsx';

function dataUrl(bytes: Uint8Array, mimeType: string): string {
  let binary = '';
  // in slices: String.fromCharCode(...bytes) on a whole image would exceed the engine's argument limit
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${mimeType.split(';')[0]};base64,${btoa(binary)}`;
}

/**
 * A preview image of an imaging result. The hub serves it only with the patient's token, which an <img src> cannot
 * send, so the bytes are fetched through the typed client and shown as a data URL.
 */
export function usePreviewSrc(resultId: string, previewId: string): { src: string | null; failed: boolean } {
  const api = useApi();
  const [state, setState] = useState<{ src: string | null; failed: boolean }>({ src: null, failed: false });
  useEffect(() => {
    let live = true;
    (async () => {
      const res = await api.patient.results[':id'].previews[':previewId'].$get({ param: { id: resultId, previewId } });
      if (!res.ok) throw new Error(String(res.status));
      const src = dataUrl(new Uint8Array(await res.arrayBuffer()), res.headers.get('content-type') ?? 'image/jpeg');
      if (live) setState({ src, failed: false });
    })().catch(() => live && setState({ src: null, failed: true }));
    return () => {
      live = false;
    };
  }, [api, resultId, previewId]);
  return state;
}

export function PreviewThumb({
  resultId,
  previewId,
  alt,
  onOpen,
}: {
  resultId: string;
  previewId: string;
  alt: string;
  onOpen: (src: string) => void;
}) {
  const { src, failed } = usePreviewSrc(resultId, previewId);
  return (
    <button
      type="button"
      className="mc-preview"
      aria-label={`Phóng to ${alt}`}
      disabled={!src}
      onClick={() => src && onOpen(src)}
    >
      {src ? <img src={src} alt={alt} /> : failed ? <ImageOff color="#fff" aria-label="Không tải được ảnh" /> : null}
    </button>
  );
}
