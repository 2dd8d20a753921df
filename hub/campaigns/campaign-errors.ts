import { ConflictError, NotFoundError } from '../platform/errors.ts';

export const segmentNotFound = () => new NotFoundError('Không tìm thấy nhóm khách hàng', 'segment_not_found');
export const campaignNotFound = () => new NotFoundError('Không tìm thấy chiến dịch', 'campaign_not_found');

const statusName: Record<string, string> = {
  draft: 'bản nháp',
  scheduled: 'đã hẹn giờ',
  running: 'đang gửi',
  paused: 'tạm dừng',
  completed: 'đã hoàn tất',
  cancelled: 'đã huỷ',
};

/** The campaign is in a status that does not allow this action. */
export class CampaignStateError extends ConflictError {
  constructor(action: string, status: string) {
    super('campaign_state', `Không thể ${action} chiến dịch đang ở trạng thái "${statusName[status] ?? status}"`, {
      status,
    });
  }
}
