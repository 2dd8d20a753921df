import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api.ts';

export interface Loaded<T> {
  data: T | undefined;
  /** the hub's message when the last load failed */
  error: string | null;
  loading: boolean;
  reload(): void;
}

/** Runs a load when deps change; a newer load wins over a slower older one (filters typed quickly). */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList, enabled = true): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(enabled);
  const [round, setRound] = useState(0);
  const latest = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to load again
  useEffect(() => {
    const id = ++latest.current;
    if (!enabled) {
      setLoading(false);
      return;
    }
    setLoading(true);
    setError(null);
    load().then(
      (value) => {
        if (id !== latest.current) return;
        setData(value);
        setLoading(false);
      },
      (err: unknown) => {
        if (id !== latest.current) return;
        setError(errorMessage(err));
        setLoading(false);
      },
    );
  }, [...deps, round, enabled]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, loading, reload };
}
