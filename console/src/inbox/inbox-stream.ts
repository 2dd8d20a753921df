import { createContext, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import type { InboxEvent } from '../../../hub/inbox/realtime.ts';

/** What listeners receive: the hub's events, plus `resync` after a reconnect (events may have been missed). */
export type StreamEvent = InboxEvent | { type: 'resync' };
export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

const eventTypes: InboxEvent['type'][] = [
  'conversation.created',
  'conversation.updated',
  'message.created',
  'message.updated',
  'assignment.changed',
  'conversation.sla_breached',
  'mention',
  'presence',
];

/**
 * One EventSource on /api/inbox/stream for the whole inbox (same origin, so the session cookie goes along). The
 * browser reconnects by itself after a drop; when the hub refuses the stream outright (the source closes), this
 * opens a new one with a growing delay. The hub does not replay missed events, so every reconnection asks the
 * listeners to refetch.
 */
export class InboxStream {
  private source: EventSource | null = null;
  private readonly listeners = new Set<(e: StreamEvent) => void>();
  private readonly statusListeners = new Set<() => void>();
  private status: StreamStatus = 'connecting';
  private everReady = false;
  private retryMs = 1_000;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private readonly url: string;

  constructor(url = '/api/inbox/stream') {
    this.url = url;
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.source?.close();
    this.source = null;
  }

  subscribe(listener: (e: StreamEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getStatus = (): StreamStatus => this.status;

  onStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  private setStatus(s: StreamStatus) {
    if (this.status === s) return;
    this.status = s;
    for (const l of this.statusListeners) l();
  }

  private emit(e: StreamEvent) {
    for (const l of this.listeners) l(e);
  }

  private open() {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource(this.url, { withCredentials: true });
    this.source = es;
    es.addEventListener('ready', () => {
      this.retryMs = 1_000;
      this.setStatus('live');
      if (this.everReady) this.emit({ type: 'resync' });
      this.everReady = true;
    });
    for (const type of eventTypes) {
      es.addEventListener(type, (msg) => {
        try {
          this.emit(JSON.parse((msg as MessageEvent<string>).data) as InboxEvent);
        } catch {
          // a malformed event is dropped; the next refetch shows the truth
        }
      });
    }
    es.onerror = () => {
      if (this.stopped) return;
      this.setStatus('reconnecting');
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        clearTimeout(this.timer);
        this.timer = setTimeout(() => !this.stopped && this.open(), this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, 30_000);
      }
    };
  }
}

export const InboxStreamContext = createContext<InboxStream | null>(null);

/** Calls `handler` for every live event while the component is mounted (the latest handler, without resubscribing). */
export function useInboxEvents(handler: (e: StreamEvent) => void): void {
  const stream = useContext(InboxStreamContext);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => stream?.subscribe((e) => latest.current(e)), [stream]);
}

const noStatus = () => () => {};
export function useStreamStatus(): StreamStatus {
  const stream = useContext(InboxStreamContext);
  return useSyncExternalStore(stream?.onStatus ?? noStatus, stream?.getStatus ?? (() => 'connecting' as const));
}
