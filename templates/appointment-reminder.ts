import { z } from 'zod';
import { defineTemplate } from './define.ts';
import { visitSample, visitVariables } from './visit-variables.ts';

/** Sent before each confirmed visit (24 h and 2 h before by default, NOTIFY_REMINDER_OFFSETS). */
export default defineTemplate({
  key: 'appointment-reminder',
  name: 'Nhắc lịch khám',
  description:
    'Nhắc trước giờ khám (mặc định 24 giờ và 2 giờ trước); đổi lịch thì nhắc theo giờ mới, huỷ thì thôi nhắc.',
  purpose: 'care',
  urgent: false,
  plan: ['miniapp', 'zns', 'sms', 'email'],
  variables: z.object({
    ...visitVariables,
    /** "ngày mai", "sau 2 giờ nữa": how far away the visit is */
    leadTime: z.string().trim().min(1).max(30),
  }),
  sample: { ...visitSample, leadTime: 'ngày mai' },
  channels: {
    zns: {
      templateId: '413002',
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
      text: '{{clinicName}}: Nhắc lịch khám {{bookingCode}} {{leadTime}} lúc {{visitTime}} {{visitDate}} tại {{branchName}}. Vui lòng đến trước 15 phút.',
    },
    email: {
      subject: 'Nhắc lịch khám {{bookingCode}} {{leadTime}}',
      text: 'Kính gửi {{patientName}},\n\nPhòng khám xin nhắc lịch khám {{bookingCode}} {{leadTime}}:\n- Thời gian: {{visitTime}}, {{weekday}} {{visitDate}}\n- Cơ sở: {{branchName}} ({{branchAddress}})\n- Bác sĩ: {{doctorName}}\n\nVui lòng đến trước 15 phút. Nếu không đến được, xin đổi hoặc huỷ lịch: {{appointmentLink}}\n\n{{clinicName}}',
      html: '<p>Kính gửi {{patientName}},</p><p>Phòng khám xin nhắc lịch khám <b>{{bookingCode}}</b> {{leadTime}}:</p><ul><li>Thời gian: <b>{{visitTime}}, {{weekday}} {{visitDate}}</b></li><li>Cơ sở: {{branchName}} ({{branchAddress}})</li><li>Bác sĩ: {{doctorName}}</li></ul><p>Vui lòng đến trước 15 phút. Nếu không đến được, xin <a href="{{appointmentLink}}">đổi hoặc huỷ lịch</a>.</p><p>{{clinicName}}</p>',
    },
    zalo_oa: {
      body: 'Nhắc lịch: {{patientName}} có lịch khám {{bookingCode}} {{leadTime}} lúc {{visitTime}}, {{weekday}} {{visitDate}} tại {{branchName}} ({{branchAddress}}).',
      link: '{{appointmentLink}}',
    },
    miniapp: {
      title: 'Nhắc lịch khám',
      body: 'Bạn có lịch khám {{leadTime}} lúc {{visitTime}}, {{weekday}} {{visitDate}} tại {{branchName}}.',
      link: '{{appointmentLink}}',
    },
  },
});
