import { Bell, CheckCheck } from 'lucide-react';
import { useState } from 'react';
import { Button, useNavigate } from 'zmp-ui';
import { call, errorMessage } from '../api.ts';
import { useApi } from '../components/app-context.tsx';
import { useNotify } from '../components/notify.tsx';
import { Screen } from '../components/screen.tsx';
import { EmptyState, Loaded } from '../components/states.tsx';
import { useLoad } from '../components/use-load.ts';
import { formatShortDateTime } from '../format.ts';
import { useUnread } from '../unread.tsx';

const PAGE_SIZE = 20;

/** The in-app notices (booking confirmed, changed, reminders, results ready) with their read state. */
export function InboxPage() {
  const api = useApi();
  const navigate = useNavigate();
  const notify = useNotify();
  const unread = useUnread();
  const [pages, setPages] = useState(1);
  const list = useLoad(
    async () => call(api.patient.notifications.$get({ query: { page: '1', pageSize: String(PAGE_SIZE * pages) } })),
    [pages],
  );

  async function open(n: { id: string; link: string | null; readAt: string | null }) {
    try {
      if (!n.readAt) {
        await call(api.patient.notifications[':id'].read.$post({ param: { id: n.id } }));
        unread.refresh();
      }
      if (n.link) navigate(n.link);
      else list.reload();
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  }

  async function readAll() {
    try {
      await call(api.patient.notifications['read-all'].$post());
      unread.refresh();
      list.reload();
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  }

  return (
    <Screen title="Thông báo" name="inbox">
      <Loaded state={list}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState icon={Bell} title="Chưa có thông báo">
              <span>Thông báo về lịch hẹn và kết quả khám sẽ hiện ở đây.</span>
            </EmptyState>
          ) : (
            <>
              {page.unread > 0 ? (
                <div className="mc-section mc-row">
                  <span className="mc-grow mc-muted">{page.unread} thông báo chưa đọc</span>
                  <Button size="small" variant="tertiary" prefixIcon={<CheckCheck size={16} />} onClick={readAll}>
                    Đánh dấu đã đọc
                  </Button>
                </div>
              ) : null}
              <ul className="mc-choices" style={{ listStyle: 'none', padding: 0 }} aria-label="Danh sách thông báo">
                {page.items.map((n) => (
                  <li key={n.id}>
                    <button
                      type="button"
                      className="mc-choice"
                      onClick={() => open(n)}
                      data-read={n.readAt ? 'true' : 'false'}
                    >
                      {n.readAt ? null : <span className="mc-unread" role="img" aria-label="Chưa đọc" />}
                      <span className="mc-choice-body">
                        <span className="mc-choice-title" style={{ fontWeight: n.readAt ? 500 : 700 }}>
                          {n.title}
                        </span>
                        <span className="mc-choice-sub">{n.body}</span>
                        <span className="mc-choice-sub">{formatShortDateTime(n.createdAt)}</span>
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
              {page.items.length < page.total ? (
                <div className="mc-section">
                  <Button fullWidth variant="tertiary" onClick={() => setPages((p) => p + 1)}>
                    Xem thêm
                  </Button>
                </div>
              ) : null}
            </>
          )
        }
      </Loaded>
    </Screen>
  );
}
