import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api.ts';
import { type Campaign, type CampaignStatus, campaignsApi, type ProgressEvent } from './campaigns-api.ts';

/** States in which the figures still move on their own. */
const moving = new Set<CampaignStatus>(['running', 'scheduled']);
export const pollMs = 2_000;

export type LiveMode = 'stream' | 'polling' | 'idle';

/**
 * One campaign, kept current while it sends: the hub's SSE stream pushes its progress about once a second; where
 * the stream cannot be opened (no EventSource, a proxy that buffers, the hub refusing it) the page polls instead.
 */
export function useLiveCampaign(id: string) {
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mode, setMode] = useState<LiveMode>('idle');
  const status = campaign?.status;
  const statusRef = useRef(status);
  statusRef.current = status;

  const reload = useCallback(async () => {
    try {
      const c = await campaignsApi.get(id);
      setCampaign(c);
      setError(null);
      return c;
    } catch (err) {
      setError(errorMessage(err));
      return null;
    }
  }, [id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    if (!status || !moving.has(status)) {
      setMode('idle');
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setInterval> | undefined;
    let source: EventSource | null = null;

    const poll = () => {
      setMode('polling');
      clearInterval(timer);
      timer = setInterval(() => !stopped && void reload(), pollMs);
    };

    if (typeof EventSource === 'undefined') {
      poll();
    } else {
      source = new EventSource(campaignsApi.eventsUrl(id), { withCredentials: true });
      setMode('stream');
      source.addEventListener('progress', (msg) => {
        let data: ProgressEvent;
        try {
          data = JSON.parse((msg as MessageEvent<string>).data) as ProgressEvent;
        } catch {
          return; // a malformed event: the next one (or the final reload) shows the truth
        }
        const { status: next, ...progress } = data;
        if (next !== statusRef.current) {
          // a new state brings new timestamps (startedAt, completedAt): fetch the whole campaign once
          void reload();
          return;
        }
        setCampaign((c) => (c ? { ...c, progress: { ...c.progress, ...progress } } : c));
      });
      source.onerror = () => {
        if (stopped) return;
        // the stream ended (the hub closes it when sending stops) or dropped: read the campaign once
        void reload();
        // CONNECTING: the browser retries by itself. CLOSED: the hub refused the stream; poll instead.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          poll();
        }
      };
    }
    return () => {
      stopped = true;
      source?.close();
      clearInterval(timer);
    };
  }, [id, status, reload]);

  return { campaign, setCampaign, error, mode, reload };
}
