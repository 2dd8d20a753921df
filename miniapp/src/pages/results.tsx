import './results/results.css';
import { FlaskConical } from 'lucide-react';
import { useState } from 'react';
import { Button, useNavigate } from 'zmp-ui';
import { call } from '../api.ts';
import { useApi } from '../components/app-context.tsx';
import { Screen } from '../components/screen.tsx';
import { EmptyState, Loaded } from '../components/states.tsx';
import { useLoad } from '../components/use-load.ts';
import { useSession } from '../session.tsx';
import { ResultCard } from './results/result-card.tsx';
import type { ResultSummary } from './results/result-types.ts';

const PAGE_SIZE = 20;

/** Results the clinic has released, per family profile (or all of them), newest first, a page at a time. */
export function ResultsPage() {
  const api = useApi();
  const navigate = useNavigate();
  const { me } = useSession();
  const [profileId, setProfileId] = useState<string | null>(null);
  const [more, setMore] = useState<{ items: ResultSummary[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const list = useLoad(async () => {
    setMore(null);
    return call(api.patient.results.$get({ query: { limit: String(PAGE_SIZE), ...(profileId ? { profileId } : {}) } }));
  }, [profileId]);

  async function loadMore(cursor: string) {
    setLoadingMore(true);
    try {
      const next = await call(
        api.patient.results.$get({ query: { limit: String(PAGE_SIZE), cursor, ...(profileId ? { profileId } : {}) } }),
      );
      setMore((prev) => ({ items: [...(prev?.items ?? []), ...next.items], cursor: next.nextCursor }));
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <Screen title="Kết quả khám" back name="results">
      {me.profiles.length > 1 ? (
        <fieldset className="mc-chips" aria-label="Hồ sơ">
          {[{ id: null, fullName: 'Tất cả' }, ...me.profiles].map((p) => (
            <button
              key={p.id ?? 'all'}
              type="button"
              aria-pressed={profileId === p.id}
              onClick={() => setProfileId(p.id)}
            >
              {p.fullName}
            </button>
          ))}
        </fieldset>
      ) : null}
      <Loaded state={list}>
        {(page) => {
          const items = [...page.items, ...(more?.items ?? [])];
          const cursor = more ? more.cursor : page.nextCursor;
          return items.length === 0 ? (
            <EmptyState icon={FlaskConical} title="Chưa có kết quả">
              <span>Kết quả xét nghiệm và chẩn đoán hình ảnh sẽ hiện ở đây khi bác sĩ đã duyệt trả kết quả.</span>
            </EmptyState>
          ) : (
            <div className="mc-choices">
              {items.map((r) => (
                <ResultCard
                  key={r.id}
                  result={r}
                  showProfile={!profileId && me.profiles.length > 1}
                  onOpen={() => navigate(`/results/${r.id}`)}
                />
              ))}
              {cursor ? (
                <Button variant="tertiary" loading={loadingMore} onClick={() => loadMore(cursor)}>
                  Xem thêm
                </Button>
              ) : null}
            </div>
          );
        }}
      </Loaded>
    </Screen>
  );
}
