import { z } from 'zod';
import { defineTemplate } from './define.ts';
import { visitSample, visitVariables } from './visit-variables.ts';

/** Sent when a visit moves to another time (the reminders move with it). */
export default defineTemplate({
  key: 'appointment-rescheduled',
  name: 'Đổi lịch khám',
  description: 'Gửi khi lịch hẹn được chuyển sang giờ khác; các lần nhắc lịch đi theo giờ mới.',
  purpose: 'transactional',
  urgent: false,
  plan: ['miniapp', 'zns', 'sms', 'email'],
  variables: z.object(visitVariables),
  sample: visitSample,
  channels: {
    zns: {
      templateId: '413003',
      params: {
        customer_name: '{{patientName}}',
        service_name: '{{serviceName}}',
        appointment_time: '{{visitTime}} {{visitDate}}',
        clinic_address: '{{branchName}}, {{branchAddress}}',
        booking_code: '{{bookingCode}}',
      },
      limits: { customer_name: 30, service_name: 200, appointment_time: 20, clinic_address: 200, booking_code: 30 },
    },
    sms: {
      text: '{{clinicName}}: Lịch khám {{bookingCode}} đã chuyển sang {{visitTime}} {{visitDate}} tại {{branchName}}.',
    },
    email: {
      subject: 'Lịch khám {{bookingCode}} đã được đổi',
      text: 'Kính gửi {{patientName}},\n\nLịch khám {{bookingCode}} đã được chuyển sang:\n- Thời gian: {{visitTime}}, {{weekday}} {{visitDate}}\n- Cơ sở: {{branchName}} ({{branchAddress}})\n- Bác sĩ: {{doctorName}}\n\nXem lịch hẹn: {{appointmentLink}}\n\n{{clinicName}}',
      html: '<p>Kính gửi {{patientName}},</p><p>Lịch khám <b>{{bookingCode}}</b> đã được chuyển sang:</p><ul><li>Thời gian: <b>{{visitTime}}, {{weekday}} {{visitDate}}</b></li><li>Cơ sở: {{branchName}} ({{branchAddress}})</li><li>Bác sĩ: {{doctorName}}</li></ul><p><a href="{{appointmentLink}}">Xem lịch hẹn</a></p><p>{{clinicName}}</p>',
    },
    zalo_oa: {
      body: 'Lịch khám {{bookingCode}} của {{patientName}} đã được chuyển sang {{visitTime}}, {{weekday}} {{visitDate}} tại {{branchName}}, {{doctorName}}.',
      link: '{{appointmentLink}}',
    },
    miniapp: {
      title: 'Đã đổi lịch khám',
      body: 'Lịch khám {{bookingCode}} đã được chuyển sang {{visitTime}}, {{weekday}} {{visitDate}} tại {{branchName}}.',
      link: '{{appointmentLink}}',
    },
  },
});
