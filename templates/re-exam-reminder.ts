import { z } from 'zod';
import { defineTemplate } from './define.ts';

/** Sent some days before the re-examination date a doctor set (NOTIFY_REEXAM_DAYS_BEFORE). */
export default defineTemplate({
  key: 're-exam-reminder',
  name: 'Nhắc tái khám',
  description: 'Nhắc người bệnh đặt lịch tái khám trước ngày bác sĩ hẹn.',
  purpose: 'care',
  urgent: false,
  plan: ['miniapp', 'zns', 'sms', 'email'],
  variables: z.object({
    patientName: z.string().trim().min(1).max(100),
    /** "03/12/2026" */
    dueDate: z.string().regex(/^\d{2}\/\d{2}\/\d{4}$/),
    /** the department or service to come back to */
    serviceName: z.string().trim().min(1).max(200),
    bookingLink: z.url(),
  }),
  sample: {
    patientName: 'Nguyễn Thị Hoa',
    dueDate: '03/12/2026',
    serviceName: 'Khoa Nội tổng quát',
    bookingLink: 'https://zalo.me/s/1000000000000000001/booking',
  },
  channels: {
    zns: {
      templateId: '413006',
      params: { customer_name: '{{patientName}}', service_name: '{{serviceName}}', due_date: '{{dueDate}}' },
      limits: { customer_name: 30, service_name: 200, due_date: 20 },
    },
    sms: {
      text: '{{clinicName}}: {{patientName}} có hẹn tái khám ngày {{dueDate}}. Đặt lịch: {{bookingLink}}',
    },
    email: {
      subject: 'Nhắc lịch tái khám ngày {{dueDate}}',
      text: 'Kính gửi {{patientName}},\n\nBác sĩ hẹn bạn tái khám ({{serviceName}}) vào ngày {{dueDate}}. Mời bạn đặt lịch để được phục vụ đúng giờ: {{bookingLink}}\n\n{{clinicName}}\nKhông muốn nhận thư nhắc? {{unsubscribeUrl}}',
      html: '<p>Kính gửi {{patientName}},</p><p>Bác sĩ hẹn bạn tái khám ({{serviceName}}) vào ngày <b>{{dueDate}}</b>. Mời bạn <a href="{{bookingLink}}">đặt lịch</a> để được phục vụ đúng giờ.</p><p>{{clinicName}}</p><p style="font-size:12px;color:#777"><a href="{{unsubscribeUrl}}">Không nhận thư nhắc nữa</a></p>',
    },
    zalo_oa: {
      body: '{{patientName}} có hẹn tái khám ({{serviceName}}) ngày {{dueDate}}. Chạm để đặt lịch.',
      link: '{{bookingLink}}',
    },
    miniapp: {
      title: 'Nhắc lịch tái khám',
      body: 'Bạn có hẹn tái khám ({{serviceName}}) ngày {{dueDate}}. Chạm để đặt lịch.',
      link: '{{bookingLink}}',
    },
  },
});
