import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api.ts';
import { campaignsApi, type SegmentFilter, type SegmentPreview } from './campaigns-api.ts';
import { cleanFilter } from './segment-filter.ts';

/** How long the filter must stay still before it is counted: one count per pause in typing, not per key. */
export const previewDelayMs = 400;

/**
 * The live size of a segment while it is being edited. Answers that arrive after a newer filter was asked for are
 * dropped, so the count shown always belongs to the filter on screen.
 */
export function useSegmentPreview(filter: SegmentFilter, delayMs = previewDelayMs) {
  const [preview, setPreview] = useState<SegmentPreview | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const key = JSON.stringify(cleanFilter(filter));

  useEffect(() => {
    const mine = ++generation.current;
    setLoading(true);
    const timer = setTimeout(() => {
      campaignsApi
        .preview(JSON.parse(key) as SegmentFilter)
        .then((p) => {
          if (mine !== generation.current) return;
          setPreview(p);
          setError(null);
        })
        .catch((err: unknown) => mine === generation.current && setError(errorMessage(err)))
        .finally(() => mine === generation.current && setLoading(false));
    }, delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs]);

  return { preview, loading, error };
}
