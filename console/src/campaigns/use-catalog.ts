import { useEffect, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';

export interface Option {
  value: string;
  label: string;
}

export interface SegmentCatalog {
  branches: Option[];
  departments: Option[];
  packages: Option[];
  tags: Option[];
}

const empty: SegmentCatalog = { branches: [], departments: [], packages: [], tags: [] };

/** What a segment can filter on: branches, departments and packages from the catalog, tags in use on contacts. */
export function useSegmentCatalog() {
  const [catalog, setCatalog] = useState<SegmentCatalog>(empty);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    Promise.all([
      call(api.catalog.branches.$get()),
      call(api.catalog.departments.$get({ query: {} })),
      call(api.catalog.packages.$get({ query: {} })),
      call(api.contacts.tags.$get()),
    ])
      .then(([branches, departments, packages, tags]) => {
        if (cancelled) return;
        setCatalog({
          branches: branches.items.map((b) => ({ value: b.id, label: b.name })),
          departments: departments.items.map((d) => ({ value: d.id, label: d.name })),
          packages: packages.items.map((p) => ({ value: p.id, label: p.name })),
          tags: tags.items.map((t) => ({ value: t.tag, label: `${t.tag} (${t.count})` })),
        });
      })
      .catch((err: unknown) => !cancelled && setError(errorMessage(err)));
    return () => {
      cancelled = true;
    };
  }, []);

  return { catalog, error };
}
