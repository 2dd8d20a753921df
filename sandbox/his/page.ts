import type { ReceivedMessage, ScheduledVisit } from './schedule.ts';

const html = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const statusLabel: Record<ScheduledVisit['status'], string> = {
  Booked: 'Đã đặt',
  Cancelled: 'Đã huỷ',
  Complete: 'Đã khám xong',
};

/** The HIS's sandbox page: its copy of the schedule, a "complete visit" button per booking, the messages received. */
export function hisPage(
  visits: ScheduledVisit[],
  received: ReceivedMessage[],
  s: { port: number; down: boolean },
): string {
  const rows = visits
    .map(
      (v) =>
        `<tr><td>${html(v.bookingCode)}</td><td>${html(v.hisAppointmentId)}</td><td>${html(v.mrn)}</td><td>${html(v.displayName)}</td><td>${html(v.service)}</td><td>${html(v.doctorName)}</td><td>${html(v.startsAt)}</td><td>${statusLabel[v.status]} (${html(v.events.join(', '))})</td><td>${
          v.status === 'Booked'
            ? `<button data-code="${html(v.bookingCode)}" class="complete">Hoàn tất khám &amp; gửi kết quả</button>`
            : ''
        }</td></tr>`,
    )
    .join('');
  const log = received
    .slice(-50)
    .reverse()
    .map(
      (m) =>
        `<tr><td>${html(m.at)}</td><td>${html(m.type)}</td><td>${html(m.controlId)}</td><td>${html(m.ack)}</td><td>${html(m.error ?? '')}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="vi"><meta charset="utf-8"><title>HIS (giả lập)</title>
<style>body{font-family:sans-serif;margin:24px}table{border-collapse:collapse;margin-bottom:24px}td,th{border:1px solid #ccc;padding:4px 8px;font-size:14px}</style>
<h1>Hệ thống thông tin bệnh viện (HIS) — giả lập</h1>
<p>MLLP trên 127.0.0.1:${s.port} — trạng thái: <b>${s.down ? 'đang ngắt (từ chối kết nối)' : 'hoạt động'}</b>
 <button id="down">Ngắt 30 giây</button> <button id="up">Bật lại</button></p>
<h2>Lịch khám (bản sao của HIS)</h2>
<table><tr><th>Mã đặt lịch</th><th>Mã lịch HIS</th><th>Mã BN</th><th>Bệnh nhân</th><th>Dịch vụ</th><th>Bác sĩ</th><th>Giờ khám</th><th>Trạng thái</th><th></th></tr>${rows || '<tr><td colspan="9">Chưa có lịch hẹn nào</td></tr>'}</table>
<h2>Thông điệp đã nhận</h2>
<table><tr><th>Lúc</th><th>Loại</th><th>MSH-10</th><th>ACK</th><th>Lỗi</th></tr>${log}</table>
<script>
const post = (path, body) => fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body || {}) });
for (const b of document.querySelectorAll('button.complete')) b.onclick = async () => {
  const r = await post('_sandbox/appointments/' + encodeURIComponent(b.dataset.code) + '/complete');
  const j = await r.json(); alert(r.ok ? 'Đã gửi kết quả (ACK ' + j.ackCode + ')' : 'Lỗi: ' + j.error); location.reload();
};
document.getElementById('down').onclick = async () => { await post('_sandbox/down', { seconds: 30 }); location.reload(); };
document.getElementById('up').onclick = async () => { await post('_sandbox/up'); location.reload(); };
</script>`;
}
