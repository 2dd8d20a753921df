import { Button, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api.ts';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export type PageLoader<T> = (cursor: string | undefined) => Promise<CursorPage<T>>;

/**
 * Page-by-page browsing of a keyset-paginated hub list. The cursors of the pages already seen are kept, so
 * "previous" goes back without the hub needing reverse cursors. A new `load` (filters changed) starts at page 1.
 */
export function useCursorPages<T>(load: PageLoader<T>) {
  const [pos, setPos] = useState<{ load: PageLoader<T>; cursors: (string | undefined)[] }>({
    load,
    cursors: [undefined],
  });
  // New filters: back to the first page before anything is fetched for the old position.
  if (pos.load !== load) setPos({ load, cursors: [undefined] });
  const cursor = pos.cursors[pos.cursors.length - 1];
  const [tick, setTick] = useState(0);
  const [data, setData] = useState<CursorPage<T> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is how reload() asks for the same page again
  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setError(null);
    load(cursor)
      .then((p) => {
        if (!cancelled) setData(p);
      })
      .catch((err: unknown) => {
        if (!cancelled) setError(errorMessage(err));
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [load, cursor, tick]);

  const nextCursor = data?.nextCursor ?? null;
  return {
    items: data?.items ?? null,
    loading,
    error,
    page: pos.cursors.length,
    hasPrev: pos.cursors.length > 1,
    hasNext: nextCursor !== null,
    next: () => {
      if (nextCursor) setPos((p) => ({ ...p, cursors: [...p.cursors, nextCursor] }));
    },
    prev: () => setPos((p) => (p.cursors.length > 1 ? { ...p, cursors: p.cursors.slice(0, -1) } : p)),
    reload: () => setTick((t) => t + 1),
  };
}

export type CursorPages<T> = ReturnType<typeof useCursorPages<T>>;

/** "Trang trước · Trang N · Trang sau" under a paginated table. */
export function CursorPager<T>({ pages, label }: { pages: CursorPages<T>; label: string }) {
  if (!pages.hasPrev && !pages.hasNext) return null;
  return (
    <Group justify="center" gap="sm" aria-label={label} role="navigation">
      <Button size="xs" variant="default" onClick={pages.prev} disabled={!pages.hasPrev || pages.loading}>
        Trang trước
      </Button>
      <Text size="sm" c="dimmed">
        Trang {pages.page}
      </Text>
      <Button size="xs" variant="default" onClick={pages.next} disabled={!pages.hasNext || pages.loading}>
        Trang sau
      </Button>
    </Group>
  );
}
