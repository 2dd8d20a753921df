import './results.css';
import { Info } from 'lucide-react';
import { useState } from 'react';
import { useParams } from 'zmp-ui';
import { call } from '../../api.ts';
import { useApi } from '../../components/app-context.tsx';
import { Screen } from '../../components/screen.tsx';
import { Loaded } from '../../components/states.tsx';
import { useLoad } from '../../components/use-load.ts';
import { formatCalendarDate, formatShortDateTime } from '../../format.ts';
import { LabTable } from './lab-table.tsx';
import { PreviewThumb } from './preview-image.tsx';
import { resultStatusLabels } from './result-labels.ts';
import type { ResultDetail } from './result-types.ts';
import { ZoomView } from './zoom-view.tsx';

/** One released result: a lab table with reference ranges and flags, or an imaging report with its pictures. */
export function ResultDetailPage() {
  const api = useApi();
  const { id = '' } = useParams();
  const detail = useLoad(async () => call(api.patient.results[':id'].$get({ param: { id } })), [id]);
  return (
    <Screen title="Chi tiết kết quả" back withNav={false} name="result-detail">
      <Loaded state={detail}>{(r) => <ResultView result={r} />}</Loaded>
    </Screen>
  );
}

function ResultView({ result: r }: { result: ResultDetail }) {
  const [zoom, setZoom] = useState<{ src: string; caption: string } | null>(null);
  const abnormal = r.observations.filter((o) => o.abnormal).length;
  return (
    <>
      <div className="mc-section mc-card">
        <h2 style={{ margin: '0 0 6px', fontSize: 18 }}>{r.title}</h2>
        <dl className="mc-rows">
          <dt>Người khám</dt>
          <dd>{r.profile.fullName}</dd>
          <dt>Ngày trả</dt>
          <dd>{formatShortDateTime(r.reportedAt ?? r.releasedAt)}</dd>
          <dt>Trạng thái</dt>
          <dd>{resultStatusLabels[r.status] ?? r.status}</dd>
          {r.study?.studyDate ? (
            <>
              <dt>Ngày chụp</dt>
              <dd>{formatCalendarDate(r.study.studyDate)}</dd>
            </>
          ) : null}
          {r.interpreter ? (
            <>
              <dt>{r.kind === 'lab' ? 'Người duyệt' : 'Bác sĩ đọc'}</dt>
              <dd>{r.interpreter}</dd>
            </>
          ) : null}
        </dl>
      </div>
      {r.kind === 'lab' ? (
        <div className="mc-section mc-card">
          {abnormal > 0 ? (
            <p className="mc-muted" style={{ marginTop: 0 }}>
              Có {abnormal} chỉ số nằm ngoài khoảng tham chiếu (tô đỏ).
            </p>
          ) : null}
          <LabTable observations={r.observations} />
        </div>
      ) : (
        <>
          {r.previews.length > 0 ? (
            <div className="mc-section mc-card">
              <ul className="mc-previews" aria-label="Ảnh chụp">
                {r.previews.map((p, i) => {
                  const caption = p.caption ?? `Ảnh ${i + 1}`;
                  return (
                    <li key={p.id}>
                      <PreviewThumb
                        resultId={r.id}
                        previewId={p.id}
                        alt={caption}
                        onOpen={(src) => setZoom({ src, caption })}
                      />
                    </li>
                  );
                })}
              </ul>
              <p className="mc-muted" style={{ marginBottom: 0 }}>
                Chạm vào ảnh để phóng to. Ảnh xem trước không thay cho phim gốc.
              </p>
            </div>
          ) : null}
          <section className="mc-section mc-card" aria-label="Báo cáo">
            <strong>Báo cáo của bác sĩ</strong>
            {r.reportText ? (
              <p className="mc-report">{r.reportText}</p>
            ) : (
              <p className="mc-muted">Bác sĩ chưa gửi báo cáo đọc phim.</p>
            )}
          </section>
        </>
      )}
      {r.kind === 'lab' && r.reportText ? (
        <div className="mc-section mc-card">
          <p className="mc-report">{r.reportText}</p>
        </div>
      ) : null}
      {r.conclusion ? (
        <div className="mc-section mc-card">
          <strong>Kết luận</strong>
          <p className="mc-report">{r.conclusion}</p>
        </div>
      ) : null}
      <div className="mc-section">
        <div className="mc-note mc-info">
          <Info size={20} />
          <div>Kết quả chỉ có giá trị tham khảo. Hãy trao đổi với bác sĩ về các chỉ số bất thường.</div>
        </div>
      </div>
      {zoom ? <ZoomView src={zoom.src} caption={zoom.caption} onClose={() => setZoom(null)} /> : null}
    </>
  );
}
