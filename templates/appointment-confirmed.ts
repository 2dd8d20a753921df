import { z } from 'zod';
import { defineTemplate } from './define.ts';
import { visitSample, visitVariables } from './visit-variables.ts';

/** Sent when a booking is confirmed (by the patient in the Mini App or by an agent). */
export default defineTemplate({
  key: 'appointment-confirmed',
  name: 'Xác nhận lịch khám',
  description: 'Gửi ngay khi lịch hẹn được xác nhận: mã đặt lịch, giờ khám, cơ sở, bác sĩ.',
  purpose: 'transactional',
  urgent: false,
  plan: ['miniapp', 'zns', 'sms', 'email'],
  variables: z.object(visitVariables),
  sample: visitSample,
  channels: {
    zns: {
      templateId: '413001',
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
      text: '{{clinicName}}: Đã xác nhận lịch khám {{bookingCode}} lúc {{visitTime}} {{visitDate}} tại {{branchName}}. Vui lòng đến trước 15 phút.',
    },
    email: {
      subject: 'Xác nhận lịch khám {{bookingCode}}',
      text: 'Kính gửi {{patientName}},\n\nLịch khám {{bookingCode}} đã được xác nhận:\n- Thời gian: {{visitTime}}, {{weekday}} {{visitDate}}\n- Cơ sở: {{branchName}} ({{branchAddress}})\n- Bác sĩ: {{doctorName}}\n- Dịch vụ: {{serviceName}}\n\nVui lòng đến trước 15 phút và xuất trình mã đặt lịch tại quầy tiếp đón.\nXem lịch hẹn: {{appointmentLink}}\n\n{{clinicName}}',
      html: '<p>Kính gửi {{patientName}},</p><p>Lịch khám <b>{{bookingCode}}</b> đã được xác nhận:</p><ul><li>Thời gian: <b>{{visitTime}}, {{weekday}} {{visitDate}}</b></li><li>Cơ sở: {{branchName}} ({{branchAddress}})</li><li>Bác sĩ: {{doctorName}}</li><li>Dịch vụ: {{serviceName}}</li></ul><p>Vui lòng đến trước 15 phút và xuất trình mã đặt lịch tại quầy tiếp đón.</p><p><a href="{{appointmentLink}}">Xem lịch hẹn</a></p><p>{{clinicName}}</p>',
    },
    zalo_oa: {
      body: 'Lịch khám {{bookingCode}} của {{patientName}} đã được xác nhận: {{visitTime}}, {{weekday}} {{visitDate}} tại {{branchName}}, {{doctorName}}. Vui lòng đến trước 15 phút.',
      link: '{{appointmentLink}}',
    },
    miniapp: {
      title: 'Đặt lịch khám thành công',
      body: 'Lịch khám {{bookingCode}} lúc {{visitTime}}, {{weekday}} {{visitDate}} tại {{branchName}}.',
      link: '{{appointmentLink}}',
    },
  },
});
