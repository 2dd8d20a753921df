import type { BusinessHours, Channel } from '../schema/index.ts';
import { CALL_CENTER_TEAM } from './people.ts';

const day: [string, string][] = [['07:00', '19:00']];

/** The call centre answers every inbound channel, Monday–Saturday 07:00–19:00 and Sunday morning. */
export const inboxPolicySeeds: {
  team: string;
  channels: Channel[];
  firstResponseMinutes: number;
  resolutionMinutes: number;
  businessHours: BusinessHours;
}[] = [
  {
    team: CALL_CENTER_TEAM,
    channels: ['zalo_oa', 'messenger', 'email', 'web_form', 'hotline'],
    firstResponseMinutes: 15,
    resolutionMinutes: 8 * 60,
    businessHours: {
      weekly: { '1': day, '2': day, '3': day, '4': day, '5': day, '6': day, '7': [['07:30', '11:30']] },
      skipDaysOff: true,
    },
  },
];

export const labelSeeds = [
  { name: 'Đặt lịch', color: '#1c7ed6', description: 'Khách muốn đặt, đổi hoặc huỷ lịch khám' },
  { name: 'Hỏi giá', color: '#0ca678', description: 'Hỏi chi phí gói khám, dịch vụ' },
  { name: 'Khiếu nại', color: '#e03131', description: 'Phàn nàn về dịch vụ, cần giám sát xem' },
  { name: 'Kết quả xét nghiệm', color: '#7048e8', description: 'Hỏi hoặc cần giải thích kết quả' },
  { name: 'Tái khám', color: '#f08c00', description: 'Nhắc hoặc đặt lịch tái khám' },
  { name: 'Bảo hiểm', color: '#495057', description: 'BHYT, bảo hiểm tư nhân, hợp đồng doanh nghiệp' },
];

export const cannedSeeds = [
  {
    shortcut: 'chao',
    title: 'Lời chào',
    body: 'Chào {{contact.firstName}}, em là {{agent.name}} của {{clinic.name}}. Em có thể hỗ trợ gì cho anh/chị ạ?',
  },
  {
    shortcut: 'giolamviec',
    title: 'Giờ làm việc',
    body: '{{clinic.name}} làm việc từ 7:00 đến 19:00 từ thứ Hai đến thứ Bảy, sáng Chủ nhật từ 7:30 đến 11:30. Anh/chị muốn đặt lịch vào khung giờ nào ạ?',
  },
  {
    shortcut: 'datlich',
    title: 'Xin thông tin đặt lịch',
    body: 'Để đặt lịch, anh/chị vui lòng cho em xin: họ tên người khám, năm sinh, số điện thoại, chuyên khoa hoặc gói khám và thời gian mong muốn ạ.',
  },
  {
    shortcut: 'nhindoi',
    title: 'Nhịn ăn trước xét nghiệm',
    body: 'Với xét nghiệm máu (đường huyết, mỡ máu), anh/chị vui lòng nhịn ăn 8–10 tiếng trước khi lấy máu, vẫn uống nước lọc bình thường ạ.',
  },
  {
    shortcut: 'camon',
    title: 'Cảm ơn và kết thúc',
    body: 'Cảm ơn {{contact.firstName}} đã liên hệ {{clinic.name}}. Chúc anh/chị nhiều sức khoẻ! Nếu cần hỗ trợ thêm, anh/chị cứ nhắn cho em ạ.',
  },
];
