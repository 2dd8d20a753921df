import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { basicCheckup, doctorDung, doctorMai, heldAppointment, internal, slots } from '../../test-fixtures.ts';
import '../../test-utils.tsx';
import { ConfirmStep } from './confirm-step.tsx';
import { DateStrip, fillDays } from './date-step.tsx';
import { DoctorStep } from './doctor-step.tsx';
import { ServiceStep } from './service-step.tsx';
import { SlotGrid } from './slot-step.tsx';

afterEach(() => vi.useRealTimers());

describe('booking steps', () => {
  it('offers specialties, and packages with their VND price, BHYT and length', () => {
    const onSpecialty = vi.fn();
    const onPackage = vi.fn();
    render(
      <ServiceStep
        specialties={[internal]}
        packages={[basicCheckup]}
        selected={{}}
        onSpecialty={onSpecialty}
        onPackage={onPackage}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: /Nội tổng quát/ }));
    expect(onSpecialty).toHaveBeenCalledWith(internal.id);

    fireEvent.click(screen.getByRole('tab', { name: 'Gói khám' }));
    const pkg = screen.getByRole('button', { name: /Khám tổng quát cơ bản/ });
    expect(pkg.textContent).toContain('450.000\u00a0₫');
    expect(pkg.textContent).toContain('30 phút');
    expect(pkg.textContent).toContain('BHYT chi trả một phần');
    fireEvent.click(pkg);
    expect(onPackage).toHaveBeenCalledWith(expect.objectContaining({ id: basicCheckup.id, departmentId: internal.id }));
  });

  it('lets the patient leave the doctor to the clinic', () => {
    const onSelect = vi.fn();
    render(<DoctorStep doctors={[doctorDung]} onSelect={onSelect} />);
    expect(screen.getByRole('button', { name: /BS.CKI Hoàng Đức Dũng/ }).textContent).toContain('Tiếng Anh');
    fireEvent.click(screen.getByRole('button', { name: /Bác sĩ bất kỳ/ }));
    expect(onSelect).toHaveBeenCalledWith(null);
  });

  it('offers the lab room instead of doctors when the specialty has only a room, and no "any doctor"', () => {
    const onSelect = vi.fn();
    const room = {
      ...doctorDung,
      id: '00000000-0000-4000-8000-0000000000aa',
      title: '',
      fullName: 'Phòng lấy mẫu xét nghiệm Hà Nội',
      kind: 'service_point' as const,
    };
    render(<DoctorStep doctors={[room]} onSelect={onSelect} />);
    expect(screen.queryByRole('button', { name: /Bác sĩ bất kỳ/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Phòng lấy mẫu xét nghiệm Hà Nội/ }));
    expect(onSelect).toHaveBeenCalledWith(room.id);
  });

  it('shows every coming day and lets only days with free slots be picked', () => {
    const onSelect = vi.fn();
    render(
      <DateStrip
        layout="grid"
        days={fillDays('2026-11-30', 7, [{ date: '2026-12-01', freeSlots: 3 }])}
        onSelect={onSelect}
      />,
    );
    const full = screen.getByRole('button', { name: 'Thứ Hai, 30/11/2026: hết chỗ' });
    expect(full.hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Thứ Ba, 01/12/2026: còn 3 giờ trống' }));
    expect(onSelect).toHaveBeenCalledWith('2026-12-01');
    expect(screen.getAllByRole('button')).toHaveLength(7);
  });

  it('groups the free times under each doctor when any doctor will do', () => {
    const onSelect = vi.fn();
    const names: Record<string, string> = {
      [doctorDung.id]: 'BS.CKI Hoàng Đức Dũng',
      [doctorMai.id]: 'ThS.BS. Trần Thị Mai',
    };
    render(<SlotGrid slots={slots} doctorName={(id) => names[id] ?? ''} onSelect={onSelect} />);
    const mai = screen.getByRole('region', { name: 'ThS.BS. Trần Thị Mai' });
    fireEvent.click(within(mai).getByRole('button', { name: '09:00' }));
    expect(onSelect).toHaveBeenCalledWith(slots[1]);
    expect(within(screen.getByRole('region', { name: 'BS.CKI Hoàng Đức Dũng' })).getAllByRole('button')).toHaveLength(
      1,
    );
  });

  it('counts the hold down, then asks to pick again once it ran out', () => {
    vi.useFakeTimers({ now: new Date('2026-11-26T13:00:00Z') });
    const onConfirm = vi.fn();
    const onPickAgain = vi.fn();
    render(
      <ConfirmStep
        hold={heldAppointment('2026-11-26T13:05:00Z')}
        confirming={false}
        onConfirm={onConfirm}
        onPickAgain={onPickAgain}
      />,
    );
    expect(screen.getByRole('timer').textContent).toContain('05:00');
    expect(screen.getByText('450.000 ₫')).toBeTruthy();
    expect(screen.getByRole('note').textContent).toContain('Mang theo CCCD và thẻ BHYT (nếu có).');
    expect(screen.getByText('08:30, Thứ Ba 01/12/2026')).toBeTruthy();
    act(() => vi.advanceTimersByTime(61_000));
    expect(screen.getByRole('timer').textContent).toContain('03:59');
    fireEvent.click(screen.getByRole('button', { name: 'Xác nhận đặt lịch' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);

    act(() => vi.advanceTimersByTime(240_000));
    expect(screen.getByRole('timer').textContent).toContain('Hết thời gian giữ chỗ');
    expect(screen.queryByRole('button', { name: 'Xác nhận đặt lịch' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Chọn lại giờ khám' }));
    expect(onPickAgain).toHaveBeenCalledTimes(1);
  });
});
