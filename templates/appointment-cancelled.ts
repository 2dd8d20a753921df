import { z } from 'zod';
import { defineTemplate } from './define.ts';
import { visitSample, visitVariables } from './visit-variables.ts';

/** Sent when a confirmed visit is cancelled (not when an unconfirmed hold runs out). */
export default defineTemplate({
  key: 'appointment-cancelled',
  name: 'Huỷ lịch khám',
  description: 'Gửi khi lịch hẹn đã xác nhận bị huỷ; các lần nhắc lịch của nó cũng được huỷ.',
  purpose: 'transactional',
  urgent: false,
  plan: ['miniapp', 'zns', 'sms', 'email'],
  variables: z.object({
    ...visitVariables,
    /** where to book again */
    bookingLink: z.url(),
  }),
  sample: { ...visitSample, bookingLink: 'https://zalo.me/s/1000000000000000001/booking' },
  channels: {
    zns: {
      templateId: '413004',
      params: {
        customer_name: '{{patientName}}',
        appointment_time: '{{visitTime}} {{visitDate}}',
        booking_code: '{{bookingCode}}',
      },
      limits: { customer_name: 30, appointment_time: 20, booking_code: 30 },
    },
    sms: {
      text: '{{clinicName}}: Lịch khám {{bookingCode}} lúc {{visitTime}} {{visitDate}} đã được huỷ. Đặt lịch mới: {{bookingLink}}',
    },
    email: {
      subject: 'Lịch khám {{bookingCode}} đã được huỷ',
      text: 'Kính gửi {{patientName}},\n\nLịch khám {{bookingCode}} lúc {{visitTime}}, {{weekday}} {{visitDate}} tại {{branchName}} đã được huỷ.\nĐặt lịch mới: {{bookingLink}}\n\n{{clinicName}}',
      html: '<p>Kính gửi {{patientName}},</p><p>Lịch khám <b>{{bookingCode}}</b> lúc {{visitTime}}, {{weekday}} {{visitDate}} tại {{branchName}} đã được huỷ.</p><p><a href="{{bookingLink}}">Đặt lịch mới</a></p><p>{{clinicName}}</p>',
    },
    zalo_oa: {
      body: 'Lịch khám {{bookingCode}} của {{patientName}} lúc {{visitTime}}, {{weekday}} {{visitDate}} tại {{branchName}} đã được huỷ.',
      link: '{{bookingLink}}',
    },
    miniapp: {
      title: 'Đã huỷ lịch khám',
      body: 'Lịch khám {{bookingCode}} lúc {{visitTime}}, {{weekday}} {{visitDate}} đã được huỷ. Chạm để đặt lịch mới.',
      link: '{{bookingLink}}',
    },
  },
});
