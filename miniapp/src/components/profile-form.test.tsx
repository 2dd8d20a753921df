import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api.ts';
import { renderInApp } from '../test-utils.tsx';
import { emptyProfile, ProfileForm } from './profile-form.tsx';

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Lưu hồ sơ' }));

describe('family profile form', () => {
  it('shows what is wrong under each field and sends nothing', async () => {
    const onSubmit = vi.fn();
    renderInApp(<ProfileForm initial={emptyProfile} submitLabel="Lưu hồ sơ" onSubmit={onSubmit} />);
    type('Số CCCD (không bắt buộc)', '0012');
    type('Số thẻ BHYT (không bắt buộc)', 'BH12');
    type('Số điện thoại (không bắt buộc)', '0912');
    save();
    expect(await screen.findByText('Vui lòng nhập họ và tên')).toBeTruthy();
    expect(screen.getByText('Vui lòng chọn ngày sinh')).toBeTruthy();
    expect(screen.getByText('Vui lòng chọn giới tính')).toBeTruthy();
    expect(screen.getByText('Số CCCD gồm đúng 12 chữ số')).toBeTruthy();
    expect(screen.getByText(/Số thẻ BHYT gồm 15 ký tự/)).toBeTruthy();
    expect(screen.getByText(/Số điện thoại di động không hợp lệ/)).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();

    // fixing a field clears its message
    type('Số CCCD (không bắt buộc)', '001218012345');
    expect(screen.queryByText('Số CCCD gồm đúng 12 chữ số')).toBeNull();
  });

  it('sends the profile in the hub’s forms: NFC name, 84-phone, upper-case BHYT', async () => {
    const onSubmit = vi.fn(async () => {});
    renderInApp(<ProfileForm initial={emptyProfile} submitLabel="Lưu hồ sơ" onSubmit={onSubmit} />);
    fireEvent.change(screen.getByLabelText('Quan hệ với bạn'), { target: { value: 'parent' } });
    type('Họ và tên', 'Le\u0302 Va\u0306n Ba'.normalize('NFD'));
    type('Ngày sinh', '1956-02-10');
    fireEvent.click(screen.getByRole('radio', { name: 'Nam' }));
    type('Số điện thoại (không bắt buộc)', '+84 912 345 678');
    type('Số CCCD (không bắt buộc)', '001056012345');
    type('Số thẻ BHYT (không bắt buộc)', 'ht3010123456789');
    save();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit).toHaveBeenCalledWith({
      relationship: 'parent',
      fullName: 'Lê Văn Ba'.normalize('NFC'),
      birthDate: '1956-02-10',
      sex: 'male',
      phone: '84912345678',
      nationalId: '001056012345',
      insuranceNumber: 'HT3010123456789',
    });
  });

  it('puts the hub’s refusal under the field it names', async () => {
    const onSubmit = vi.fn(async () => {
      throw new ApiError(409, 'national_id_taken', 'Số CCCD này đã có trong một hồ sơ khác.');
    });
    renderInApp(
      <ProfileForm
        initial={{
          ...emptyProfile,
          fullName: 'Lê Văn Ba',
          birthDate: '1956-02-10',
          sex: 'male',
          nationalId: '001056012345',
        }}
        submitLabel="Lưu hồ sơ"
        onSubmit={onSubmit}
      />,
    );
    save();
    expect(await screen.findByText('Số CCCD này đã có trong một hồ sơ khác.')).toBeTruthy();
  });

  it('shows a refusal that names no field above the button', async () => {
    const onSubmit = vi.fn(async () => {
      throw new ApiError(409, 'too_many_profiles', 'Mỗi tài khoản có tối đa 10 hồ sơ');
    });
    renderInApp(
      <ProfileForm
        initial={{ ...emptyProfile, fullName: 'Lê Văn Ba', birthDate: '1956-02-10', sex: 'male' }}
        submitLabel="Lưu hồ sơ"
        onSubmit={onSubmit}
      />,
    );
    save();
    expect((await screen.findByRole('alert')).textContent).toBe('Mỗi tài khoản có tối đa 10 hồ sơ');
  });
});
