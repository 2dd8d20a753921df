import { ConflictError, NotFoundError, ValidationError } from '../platform/errors.ts';

// Stable codes the Mini App and the console key on; messages are for people.

export const slotTaken = () =>
  new ConflictError('slot_taken', 'Khung giờ này vừa có người đặt. Vui lòng chọn khung giờ khác.');
export const slotUnavailable = (message = 'Khung giờ này không còn nhận đặt lịch. Vui lòng chọn khung giờ khác.') =>
  new ConflictError('slot_unavailable', message);
export const slotNotFound = () => new NotFoundError('Không tìm thấy khung giờ khám', 'slot_not_found');
export const appointmentNotFound = () => new NotFoundError('Không tìm thấy lịch hẹn', 'appointment_not_found');
export const profileNotFound = () => new NotFoundError('Không tìm thấy hồ sơ bệnh nhân', 'profile_not_found');
export const packageNotFound = () => new NotFoundError('Không tìm thấy gói dịch vụ', 'package_not_found');
export const holdExpired = () =>
  new ConflictError('hold_expired', 'Thời gian giữ chỗ đã hết. Vui lòng chọn lại khung giờ.');
export const invalidStatus = (message = 'Lịch hẹn đang ở trạng thái không cho phép thao tác này') =>
  new ConflictError('invalid_status', message);
export const changeWindowClosed = (hours: number) =>
  new ConflictError(
    'change_window_closed',
    `Chỉ có thể huỷ hoặc đổi lịch trước giờ khám ít nhất ${hours} giờ. Vui lòng gọi tổng đài để được hỗ trợ.`,
    { cutoffHours: hours },
  );
export const profileBusy = () => new ConflictError('profile_busy', 'Hồ sơ này đã có một lịch hẹn khác trùng giờ.');
export const packageMismatch = () => new ValidationError('Gói dịch vụ không thuộc chuyên khoa của khung giờ đã chọn');
export const packageNotForSex = () => new ValidationError('Gói dịch vụ này không áp dụng cho hồ sơ đã chọn');
