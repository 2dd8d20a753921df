/** The web lookup's pages: plain HTML, mobile first, no script, Vietnamese. */

export function esc(s: string | null | undefined): string {
  return (s ?? '').replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}

const css = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;background:#f3f6f8}
main{max-width:640px;margin:0 auto;padding:16px}header{background:#0b7a75;color:#fff;padding:14px 16px}
header strong{display:block;font-size:18px}header span{opacity:.9;font-size:14px}
.card{background:#fff;border-radius:12px;padding:16px;margin:12px 0;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 8px}h2{font-size:18px;margin:0 0 4px}.muted{color:#5f6b76;font-size:14px}
label{display:block;font-weight:600;margin:12px 0 6px}input{width:100%;font-size:18px;padding:12px;border:1px solid #b8c2cc;border-radius:8px}
button{width:100%;margin-top:16px;font-size:17px;padding:12px;border:0;border-radius:8px;background:#0b7a75;color:#fff;font-weight:600}
.error{background:#fdecea;color:#8a1c12;border-radius:8px;padding:10px 12px;margin:12px 0}
table{width:100%;border-collapse:collapse;font-size:15px}th,td{text-align:left;padding:8px 6px;border-bottom:1px solid #e4e9ee;vertical-align:top}
th{font-size:13px;color:#5f6b76;font-weight:600}td.ref{white-space:nowrap}tr.abn td{background:#fff4e5}td.val{font-weight:600;white-space:nowrap}
.flag{display:inline-block;font-size:12px;font-weight:700;color:#fff;background:#c2410c;border-radius:999px;padding:1px 8px;margin-left:4px}
.report{white-space:pre-wrap}.imgs{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px}.imgs img{width:140px;height:140px;object-fit:cover;border-radius:8px;background:#000}
.badge{display:inline-block;font-size:12px;border-radius:999px;padding:1px 8px;background:#e0f2f1;color:#0b5c58;margin-left:6px}`;

export function document(opts: { title: string; clinicName: string; body: string }): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex,nofollow">
<meta name="referrer" content="no-referrer"><title>${esc(opts.title)} — ${esc(opts.clinicName)}</title><style>${css}</style></head>
<body><header><strong>${esc(opts.clinicName)}</strong><span>Tra cứu kết quả khám</span></header><main>${opts.body}</main></body></html>`;
}

export function messageBody(title: string, text: string): string {
  return `<section class="card" role="alert"><h1>${esc(title)}</h1><p>${esc(text)}</p></section>`;
}

export function birthDateForm(opts: { action: string; error?: string; value?: string }): string {
  return `<section class="card"><h1>Xác minh người xem</h1>
<p class="muted">Để bảo vệ thông tin sức khoẻ, vui lòng nhập ngày sinh của người bệnh có tên trên kết quả.</p>
${opts.error ? `<p class="error" role="alert">${esc(opts.error)}</p>` : ''}
<form method="post" action="${esc(opts.action)}"><label for="birthDate">Ngày sinh (ngày/tháng/năm)</label>
<input id="birthDate" name="birthDate" inputmode="numeric" autocomplete="bday" placeholder="VD: 14/03/1988" required value="${esc(opts.value)}">
<button type="submit">Xem kết quả</button></form></section>`;
}
