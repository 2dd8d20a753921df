import { z } from 'zod';
import { defineTemplate } from './define.ts';

/**
 * Sent when a clinician releases a result. The message never carries the values (sensitive data under Decree 13):
 * only that a result is ready, with a Mini App deep link and a web link that asks the patient to prove who they are.
 */
export default defineTemplate({
  key: 'result-ready',
  name: 'Có kết quả khám',
  description: 'Gửi khi kết quả xét nghiệm hoặc chẩn đoán hình ảnh được trả cho người bệnh; không kèm giá trị kết quả.',
  purpose: 'transactional',
  urgent: false,
  plan: ['miniapp', 'zns', 'sms', 'email'],
  variables: z.object({
    patientName: z.string().trim().min(1).max(100),
    /** "xét nghiệm", "chẩn đoán hình ảnh" */
    resultKind: z.string().trim().min(1).max(40),
    /** the result inside the Mini App */
    miniappLink: z.url(),
    /** the web lookup page (asks for the birth date or a one-time code) */
    webLink: z.url(),
  }),
  sample: {
    patientName: 'Nguyễn Thị Hoa',
    resultKind: 'xét nghiệm',
    miniappLink: 'https://zalo.me/s/1000000000000000001/results/9a2e',
    webLink: 'https://phongkham.example.vn/ket-qua/9a2e',
  },
  channels: {
    zns: {
      templateId: '413005',
      params: { customer_name: '{{patientName}}', result_name: 'Kết quả {{resultKind}}', result_url: '{{webLink}}' },
      limits: { customer_name: 30, result_name: 200, result_url: 200 },
    },
    sms: {
      text: '{{clinicName}}: Đã có kết quả {{resultKind}} của {{patientName}}. Xem tại {{webLink}}',
    },
    email: {
      subject: 'Đã có kết quả khám',
      text: 'Kính gửi {{patientName}},\n\nĐã có kết quả {{resultKind}} của bạn. Vì là thông tin sức khoẻ, kết quả không được gửi kèm thư này.\nXem trong Zalo Mini App: {{miniappLink}}\nHoặc trên web (cần xác minh): {{webLink}}\n\n{{clinicName}}',
      html: '<p>Kính gửi {{patientName}},</p><p>Đã có kết quả {{resultKind}} của bạn. Vì là thông tin sức khoẻ, kết quả không được gửi kèm thư này.</p><p><a href="{{miniappLink}}">Xem trong Zalo Mini App</a> hoặc <a href="{{webLink}}">xem trên web</a> (cần xác minh).</p><p>{{clinicName}}</p>',
    },
    zalo_oa: {
      body: 'Đã có kết quả {{resultKind}} của {{patientName}}. Chạm để xem trong Mini App.',
      link: '{{miniappLink}}',
    },
    miniapp: {
      title: 'Đã có kết quả khám',
      body: 'Kết quả {{resultKind}} của {{patientName}} đã sẵn sàng.',
      link: '{{miniappLink}}',
    },
  },
});
