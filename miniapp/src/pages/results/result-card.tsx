import { CircleAlert, FlaskConical, ScanLine } from 'lucide-react';
import { formatShortDateTime } from '../../format.ts';
import { resultStatusLabels } from './result-labels.ts';
import type { ResultSummary } from './result-types.ts';

/** One result in the list: what it is, for whom, when, and whether anything is outside its range. */
export function ResultCard({
  result: r,
  showProfile,
  onOpen,
}: {
  result: ResultSummary;
  showProfile: boolean;
  onOpen: () => void;
}) {
  const Icon = r.kind === 'lab' ? FlaskConical : ScanLine;
  const when = r.reportedAt ?? r.releasedAt;
  return (
    <button type="button" className="mc-choice" onClick={onOpen} aria-label={`Kết quả ${r.title}`}>
      <span className="mc-result-kind" aria-hidden="true">
        <Icon size={20} />
      </span>
      <span className="mc-choice-body mc-stack" style={{ gap: 4 }}>
        <strong>{r.title}</strong>
        <span className="mc-muted">
          {formatShortDateTime(when)} · {resultStatusLabels[r.status] ?? r.status}
          {showProfile ? ` · ${r.profile.fullName}` : ''}
        </span>
        <span>
          {r.kind === 'lab' ? (
            r.abnormalCount > 0 ? (
              <span className="mc-abnormal-badge">
                <CircleAlert size={14} aria-hidden="true" />
                {r.abnormalCount} chỉ số ngoài khoảng tham chiếu
              </span>
            ) : (
              <span className="mc-normal-badge">Các chỉ số trong khoảng tham chiếu</span>
            )
          ) : (
            <span className="mc-normal-badge">
              {r.modality ? `${r.modality} · ` : ''}
              {r.previewCount} ảnh
            </span>
          )}
        </span>
      </span>
    </button>
  );
}
