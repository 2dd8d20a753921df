import { flagLabel, statusLabels } from '../flag-labels.ts';
import type { LoadedResult } from '../load-result.ts';
import { esc } from './lookup-html.ts';

function when(d: Date | null, timeZone: string): string {
  if (!d) return '';
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}

function labTable(r: LoadedResult): string {
  if (r.observations.length === 0) return '';
  const rows = r.observations
    .map((o) => {
      const flag = flagLabel(o.flag);
      return `<tr${o.abnormal ? ' class="abn"' : ''}><td>${esc(o.name)}</td><td class="val">${esc(o.value)}${
        flag ? `<span class="flag">${esc(flag)}</span>` : ''
      }</td><td>${esc(o.unit)}</td><td class="ref">${esc(o.referenceRange)}</td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th>Chỉ số</th><th>Kết quả</th><th>Đơn vị</th><th>Tham chiếu</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function imaging(r: LoadedResult, imageUrl: (previewId: string) => string): string {
  const report = r.reportText
    ? `<p class="report">${esc(r.reportText)}</p>`
    : '<p class="muted">Bác sĩ chưa gửi báo cáo đọc phim.</p>';
  const images = r.previews.length
    ? `<div class="imgs">${r.previews
        .map(
          (p, i) =>
            `<a href="${esc(imageUrl(p.id))}" target="_blank" rel="noopener"><img src="${esc(imageUrl(p.id))}" alt="${esc(
              p.caption ?? `Ảnh ${i + 1}`,
            )}"></a>`,
        )
        .join('')}</div>`
    : '';
  return report + images;
}

/** The released results of one patient, the one the link was sent for first. */
export function resultsBody(opts: {
  patientName: string;
  results: LoadedResult[];
  timeZone: string;
  imageUrl: (previewId: string) => string;
}): string {
  const cards = opts.results
    .map(
      (r) => `<article class="card" aria-label="${esc(r.title)}"><h2>${esc(r.title)}<span class="badge">${esc(
        statusLabels[r.status],
      )}</span></h2>
<p class="muted">${esc(when(r.reportedAt ?? r.createdAt, opts.timeZone))}${r.interpreter ? ` · ${esc(r.interpreter)}` : ''}</p>
${r.kind === 'lab' ? labTable(r) : imaging(r, opts.imageUrl)}
${r.kind === 'lab' && r.reportText ? `<p class="report">${esc(r.reportText)}</p>` : ''}
${r.conclusion ? `<p><strong>Kết luận:</strong> ${esc(r.conclusion)}</p>` : ''}</article>`,
    )
    .join('');
  return `<section class="card"><h1>Kết quả của ${esc(opts.patientName)}</h1>
<p class="muted">Các chỉ số nằm ngoài khoảng tham chiếu được tô màu. Kết quả chỉ có giá trị tham khảo, vui lòng trao đổi với bác sĩ.</p></section>${cards}`;
}
