import { z } from 'zod';
import { defineTemplate } from './define.ts';

/**
 * The form of a campaign message: the marketer writes the headline, the message and the link per campaign. Marketing:
 * sent only with the contact's consent for the channel; SMS starts with "QC" and says how to refuse (Decree 91/2020).
 */
export default defineTemplate({
  key: 'campaign',
  name: 'Chiến dịch (mẫu chung)',
  description:
    'Mẫu tin tiếp thị: tiêu đề, nội dung và đường dẫn do người làm chiến dịch nhập; chỉ gửi khi khách đã đồng ý.',
  purpose: 'marketing',
  urgent: false,
  plan: ['zns', 'sms', 'email'],
  variables: z.object({
    customerName: z.string().trim().min(1).max(100),
    headline: z.string().trim().min(1).max(65),
    message: z.string().trim().min(1).max(300),
    link: z.url(),
  }),
  sample: {
    customerName: 'Nguyễn Thị Hoa',
    headline: 'Khám sức khoẻ tổng quát mùa thu',
    message: 'Giảm 20% gói khám tổng quát đến hết 30/11.',
    link: 'https://phongkham.example.vn/uu-dai',
  },
  channels: {
    zns: {
      templateId: '413099',
      params: { customer_name: '{{customerName}}', offer: '{{headline}}' },
      limits: { customer_name: 30, offer: 30 },
    },
    sms: {
      text: 'QC {{clinicName}}: {{message}} {{link}} Từ chối nhận tin: trả lời HUY',
    },
    email: {
      subject: '{{headline}}',
      text: 'Kính gửi {{customerName}},\n\n{{message}}\n\nXem chi tiết: {{link}}\n\n{{clinicName}}\nHuỷ nhận thư: {{unsubscribeUrl}}',
      html: '<p>Kính gửi {{customerName}},</p><h2>{{headline}}</h2><p>{{message}}</p><p><a href="{{link}}">Xem chi tiết</a></p><p>{{clinicName}}</p><p style="font-size:12px;color:#777">Bạn nhận thư này vì đã đồng ý nhận thông tin từ phòng khám. <a href="{{unsubscribeUrl}}">Huỷ nhận thư</a></p>',
    },
    zalo_oa: {
      title: '{{headline}}',
      body: '{{message}} Trả lời HUY để không nhận tin nữa.',
      link: '{{link}}',
    },
  },
});
