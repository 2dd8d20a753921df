import { flagInfo } from './result-labels.ts';
import type { Observation } from './result-types.ts';

/**
 * Lab values as the patient reads them: name, value with its unit, the reference range; a value outside the range is
 * red on a tinted row with a word saying which way ("Cao ↑"), so colour is never the only sign.
 */
export function LabTable({ observations }: { observations: Observation[] }) {
  if (observations.length === 0) return <p className="mc-muted">Phòng xét nghiệm chưa gửi chỉ số nào.</p>;
  return (
    <table className="mc-lab" aria-label="Chỉ số xét nghiệm">
      <thead>
        <tr>
          <th scope="col">Chỉ số</th>
          <th scope="col">Kết quả</th>
          <th scope="col">Tham chiếu</th>
        </tr>
      </thead>
      <tbody>
        {observations.map((o) => {
          const flag = o.abnormal ? flagInfo(o.flag) : null;
          return (
            <tr key={`${o.seq}-${o.code}`} data-abnormal={o.abnormal}>
              <th scope="row">{o.name}</th>
              <td>
                <span className="mc-value">
                  {o.value ?? '—'}
                  {o.unit ? <span className="mc-unit">{o.unit}</span> : null}
                </span>
                {flag ? (
                  <div>
                    <span className="mc-flag">
                      {flag.label} {flag.arrow}
                    </span>
                  </div>
                ) : null}
              </td>
              <td className="mc-muted">{o.referenceRange ?? '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
