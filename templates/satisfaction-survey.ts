import { z } from 'zod';
import { defineTemplate } from './define.ts';

/** Sent a few hours after a completed visit (NOTIFY_SURVEY_DELAY_HOURS). */
export default defineTemplate({
  key: 'satisfaction-survey',
  name: 'Khảo sát hài lòng',
  description: 'Mời người bệnh đánh giá buổi khám vài giờ sau khi khám xong.',
  purpose: 'care',
  urgent: false,
  plan: ['miniapp', 'zns', 'email'],
  variables: z.object({
    patientName: z.string().trim().min(1).max(100),
    visitDate: z.string().regex(/^\d{2}\/\d{2}\/\d{4}$/),
    branchName: z.string().trim().min(1).max(200),
    surveyLink: z.url(),
  }),
  sample: {
    patientName: 'Nguyễn Thị Hoa',
    visitDate: '26/11/2026',
    branchName: 'Cơ sở Hà Nội',
    surveyLink: 'https://zalo.me/s/1000000000000000001/appointments/6f1c',
  },
  channels: {
    zns: {
      templateId: '413007',
      params: { customer_name: '{{patientName}}', visit_date: '{{visitDate}}' },
      limits: { customer_name: 30, visit_date: 20 },
    },
    sms: {
      text: '{{clinicName}} cảm ơn {{patientName}} đã đến khám ngày {{visitDate}}. Mời đánh giá: {{surveyLink}}',
    },
    email: {
      subject: 'Mời bạn đánh giá buổi khám ngày {{visitDate}}',
      text: 'Kính gửi {{patientName}},\n\nCảm ơn bạn đã đến khám tại {{branchName}} ngày {{visitDate}}. Ý kiến của bạn giúp phòng khám phục vụ tốt hơn: {{surveyLink}}\n\n{{clinicName}}\nKhông muốn nhận thư khảo sát? {{unsubscribeUrl}}',
      html: '<p>Kính gửi {{patientName}},</p><p>Cảm ơn bạn đã đến khám tại {{branchName}} ngày {{visitDate}}. Ý kiến của bạn giúp phòng khám phục vụ tốt hơn.</p><p><a href="{{surveyLink}}">Đánh giá buổi khám</a></p><p>{{clinicName}}</p><p style="font-size:12px;color:#777"><a href="{{unsubscribeUrl}}">Không nhận thư khảo sát nữa</a></p>',
    },
    zalo_oa: {
      body: 'Cảm ơn {{patientName}} đã đến khám tại {{branchName}} ngày {{visitDate}}. Mời bạn dành một phút đánh giá buổi khám.',
      link: '{{surveyLink}}',
    },
    miniapp: {
      title: 'Đánh giá buổi khám',
      body: 'Cảm ơn bạn đã đến khám ngày {{visitDate}}. Chạm để đánh giá.',
      link: '{{surveyLink}}',
    },
  },
});
