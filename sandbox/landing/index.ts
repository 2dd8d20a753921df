import { Hono } from 'hono';

/**
 * A clinic landing page with the embeddable booking-request form: a plain HTML form whose script posts to the hub's
 * public API (/api/public/lead). The `website` field is the honeypot: hidden from people, filled by bots.
 */
export function landingTwin(opts: { hubUrl: string }) {
  const endpoint = `${opts.hubUrl.replace(/\/$/, '')}/api/public/lead`;
  const snippet = `<form class="medicrm-lead" data-endpoint="${endpoint}">
  <label>Họ và tên <input name="fullName" required minlength="2" maxlength="120" autocomplete="name"></label>
  <label>Số điện thoại <input name="phone" required inputmode="tel" autocomplete="tel" placeholder="0912 345 678"></label>
  <label>Email (không bắt buộc) <input name="email" type="email" autocomplete="email"></label>
  <label>Dịch vụ quan tâm <select name="service">
    <option value="">— Chọn —</option><option>Khám tổng quát</option><option>Tầm soát tim mạch</option>
    <option>Khám thai</option><option>Nhi khoa</option><option>Da liễu</option></select></label>
  <label>Thời gian mong muốn <input name="preferredTime" placeholder="Sáng thứ Bảy tuần này"></label>
  <label>Nội dung <textarea name="message" maxlength="2000"></textarea></label>
  <label style="position:absolute;left:-10000px" aria-hidden="true">Website <input name="website" tabindex="-1" autocomplete="off"></label>
  <label><input type="checkbox" name="consentCare" required> Tôi đồng ý để phòng khám liên hệ tư vấn qua điện thoại, SMS, Zalo.</label>
  <label><input type="checkbox" name="consentMarketing"> Tôi muốn nhận thông tin ưu đãi, chương trình khám sức khoẻ.</label>
  <button type="submit">Gửi yêu cầu đặt lịch</button>
  <p class="medicrm-lead-result" role="status"></p>
</form>
<script>
document.querySelectorAll('form.medicrm-lead').forEach(function (form) {
  var submissionId = (crypto.randomUUID && crypto.randomUUID()) || String(Date.now());
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var f = new FormData(form);
    var out = form.querySelector('.medicrm-lead-result');
    var body = {
      fullName: f.get('fullName'), phone: f.get('phone'), email: f.get('email') || undefined,
      service: f.get('service') || undefined, preferredTime: f.get('preferredTime') || undefined,
      message: f.get('message') || undefined, website: f.get('website') || '',
      consent: { care: f.get('consentCare') === 'on', marketing: f.get('consentMarketing') === 'on' },
      pageUrl: location.href, submissionId: submissionId
    };
    out.textContent = 'Đang gửi…';
    fetch(form.dataset.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
      .then(function (x) {
        out.textContent = x.ok ? x.j.message : ((x.j.error && x.j.error.message) || 'Không gửi được, vui lòng thử lại');
        if (x.ok) { form.reset(); submissionId = (crypto.randomUUID && crypto.randomUUID()) || String(Date.now()); }
      })
      .catch(function () { out.textContent = 'Không kết nối được, vui lòng thử lại'; });
  });
});
</script>`;
  const page = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Đặt lịch khám — Phòng khám Đa khoa MediCRM</title>
<style>body{font-family:system-ui,sans-serif;max-width:640px;margin:24px auto;padding:0 16px}
form.medicrm-lead{display:flex;flex-direction:column;gap:10px;position:relative}
form.medicrm-lead label{display:flex;flex-direction:column;gap:4px}
form.medicrm-lead input,form.medicrm-lead select,form.medicrm-lead textarea{font:inherit;padding:8px;border:1px solid #ced4da;border-radius:8px}
form.medicrm-lead button{padding:10px;background:#0b7285;color:#fff;border:0;border-radius:8px;font:inherit}
pre{background:#f1f3f5;padding:12px;overflow:auto;font-size:12px}</style></head>
<body><h1>Đặt lịch khám</h1><p>Để lại thông tin, tổng đài viên sẽ gọi lại trong giờ làm việc.</p>
${snippet}
<h2>Nhúng vào trang của bạn</h2><p>Sao chép đoạn mã sau (đổi data-endpoint thành địa chỉ của hệ thống):</p>
<pre>${snippet.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre></body></html>`;
  const app = new Hono();
  app.get('/', (c) => c.html(page));
  return app;
}
