import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockHub, renderUi, type SeenRequest } from '../test-utils.tsx';
import { BookForCallerModal } from './book-for-caller-modal.tsx';
import { addDays, clinicToday, formatLongDay } from './clinic-dates.ts';
import { branchHn, checkupPackage, contactDetail, drLan, freeSlot, internal, staffAppointment } from './fixtures.ts';

// Mantine's combobox scrolls the selected option into view; jsdom has no layout to scroll.
Element.prototype.scrollIntoView ??= () => {};

const day = addDays(clinicToday(), 2);
const slot1 = freeSlot('50000000-0000-4000-8000-000000000011', day, '08:30');
const slot2 = freeSlot('50000000-0000-4000-8000-000000000012', day, '09:00');

type Reply = { status: number; body?: unknown };

/** The public catalog and availability as the hub answers them; `book` answers the booking POSTs in turn. */
function hub(book: Reply[], extra: (req: SeenRequest) => Reply | undefined = () => undefined) {
  return mockHub((req) => {
    const url = new URL(req.url, 'http://x');
    const answer = extra(req);
    if (answer) return answer;
    if (url.pathname === '/api/catalog/branches') return { status: 200, body: { items: [branchHn] } };
    if (url.pathname === '/api/catalog/departments') return { status: 200, body: { items: [internal] } };
    if (url.pathname === '/api/catalog/packages') return { status: 200, body: { items: [checkupPackage] } };
    if (url.pathname === '/api/catalog/doctors') return { status: 200, body: { items: [drLan] } };
    if (url.pathname === '/api/availability/days') {
      return {
        status: 200,
        body: { timeZone: 'Asia/Ho_Chi_Minh', from: '', to: '', days: [{ date: day, freeSlots: 2 }] },
      };
    }
    if (url.pathname === '/api/availability') {
      return { status: 200, body: { timeZone: 'Asia/Ho_Chi_Minh', from: day, to: day, slots: [slot1, slot2] } };
    }
    if (url.pathname === '/api/contacts') return { status: 200, body: { items: [], nextCursor: null } };
    if (req.method === 'POST' && url.pathname === '/api/appointments') return book.shift();
    return undefined;
  });
}

const radio = (name: RegExp) => screen.findByRole('radio', { name });

async function pickSlot(time: string) {
  fireEvent.click(await screen.findByRole('button', { name: new RegExp(`^${formatLongDay(day)}`) }));
  const group = await screen.findByRole('group', { name: /Giờ trống của/ });
  fireEvent.click(within(group).getByRole('button', { name: time }));
}

async function chooseSex(label: string) {
  fireEvent.click(screen.getByRole('textbox', { name: /Giới tính/ }));
  fireEvent.click(await screen.findByRole('option', { name: label }));
}

const posts = (seen: SeenRequest[]) =>
  seen.filter((r) => r.method === 'POST' && r.url === '/api/appointments').map((r) => r.body);

describe('booking for a caller', () => {
  it('walks branch → package → doctor → day → slot → new profile → confirm, recovering from refusals', async () => {
    const booked = staffAppointment('80000000-0000-4000-8000-000000000001', { startsAt: slot2.startsAt });
    const seen = hub([
      {
        status: 400,
        body: {
          error: {
            code: 'validation_failed',
            message: 'Số CCCD gồm đúng 12 chữ số',
            details: { issues: [{ path: 'newProfile.nationalId', message: 'Số CCCD gồm đúng 12 chữ số' }] },
          },
        },
      },
      {
        status: 409,
        body: {
          error: { code: 'slot_taken', message: 'Khung giờ này vừa có người đặt. Vui lòng chọn khung giờ khác.' },
        },
      },
      { status: 201, body: booked },
    ]);
    const onBooked = vi.fn();
    renderUi(<BookForCallerModal opened onClose={() => {}} onBooked={onBooked} />);

    fireEvent.click(await radio(/Phòng khám MediCRM Hà Nội/));
    // a package: its price, BHYT and preparation are read to the caller
    fireEvent.click(screen.getByRole('radio', { name: 'Theo gói khám' }));
    const pkg = await radio(/Khám tổng quát cơ bản/);
    expect(pkg.textContent).toContain('450.000');
    expect(pkg.textContent).toContain('BHYT chi trả');
    expect(pkg.textContent).toContain('Nhịn ăn sáng');
    fireEvent.click(pkg);
    fireEvent.click(await radio(/Bác sĩ bất kỳ/));
    await pickSlot('08:30');

    // a new caller: the phone finds nobody, the profile is typed in
    fireEvent.change(await screen.findByRole('textbox', { name: 'Số điện thoại người gọi' }), {
      target: { value: '0903 111 222' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Tìm khách hàng' }));
    await screen.findByText(/Chưa có khách hàng nào với số này/);
    fireEvent.change(screen.getByRole('textbox', { name: /Họ và tên/ }), { target: { value: 'Lê Thị Ngọc Ánh' } });
    await chooseSex('Nữ');
    fireEvent.change(screen.getByLabelText('Ngày sinh'), { target: { value: '1988-09-02' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Số CCCD' }), { target: { value: '07918800123' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tiếp tục' }));

    const summary = await screen.findByRole('region', { name: 'Tóm tắt lịch hẹn' });
    expect(summary.textContent).toContain(`08:30, ${formatLongDay(day)}`);
    expect(summary.textContent).toContain('Hồ sơ mới');
    expect(summary.textContent).toContain('450.000');
    fireEvent.click(screen.getByRole('button', { name: 'Xác nhận đặt lịch' }));

    // 400 on a profile field: back to the patient step, with the hub's message under the field
    const cccd = await screen.findByRole('textbox', { name: 'Số CCCD' });
    await waitFor(() => expect(cccd.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getAllByText('Số CCCD gồm đúng 12 chữ số').length).toBeGreaterThan(0);
    fireEvent.change(cccd, { target: { value: '079188001234' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Xác nhận đặt lịch' }));

    // 409 slot taken: back to the times, with the hub's message; the typed profile is kept
    await screen.findByText('Khung giờ này vừa có người đặt. Vui lòng chọn khung giờ khác.');
    const group = await screen.findByRole('group', { name: /Giờ trống của/ });
    fireEvent.click(within(group).getByRole('button', { name: '09:00' }));
    expect((await screen.findByRole('textbox', { name: /Họ và tên/ })).getAttribute('value')).toBe('Lê Thị Ngọc Ánh');
    fireEvent.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Xác nhận đặt lịch' }));

    await waitFor(() => expect(onBooked).toHaveBeenCalledWith(booked));
    const bodies = posts(seen);
    expect(bodies).toHaveLength(3);
    expect(bodies[2]).toEqual({
      slotId: slot2.slotId,
      packageId: checkupPackage.id,
      sourceChannel: 'hotline',
      newProfile: {
        relationship: 'self',
        fullName: 'Lê Thị Ngọc Ánh',
        sex: 'female',
        birthDate: '1988-09-02',
        phone: null,
        nationalId: '079188001234',
        insuranceNumber: null,
      },
      callerPhone: '0903 111 222',
    });
    // availability came from the public API, scoped to the branch and package
    const days = seen.find((r) => r.url.startsWith('/api/availability/days'))!;
    const q = new URL(days.url, 'http://x').searchParams;
    expect(q.get('branchId')).toBe(branchHn.id);
    expect(q.get('packageId')).toBe(checkupPackage.id);
    expect(q.get('from')).toBe(clinicToday());
  });

  it('books one of a known contact’s profiles, with the contact given (contact page, hotline call)', async () => {
    const contact = contactDetail('70000000-0000-4000-8000-000000000009', {
      patients: [
        {
          id: '60000000-0000-4000-8000-000000000009',
          relationship: 'parent',
          fullName: 'Phạm Thị Hoà',
          birthDate: '1955-01-20',
          sex: 'female',
          phone: null,
          hisMrn: null,
        },
      ],
    });
    const seen = hub([{ status: 201, body: staffAppointment('80000000-0000-4000-8000-000000000002') }], (req) =>
      req.url === `/api/contacts/${contact.id}` ? { status: 200, body: contact } : undefined,
    );
    const onBooked = vi.fn();
    renderUi(<BookForCallerModal opened contactId={contact.id} onClose={() => {}} onBooked={onBooked} />);

    fireEvent.click(await radio(/Phòng khám MediCRM Hà Nội/));
    fireEvent.click(await radio(/Nội tổng quát/));
    fireEvent.click(await radio(/Nguyễn Thị Lan/));
    await pickSlot('08:30');
    // no phone search: the contact is known
    expect(screen.queryByRole('textbox', { name: 'Số điện thoại người gọi' })).toBeNull();
    fireEvent.click(await radio(/Phạm Thị Hoà/));
    fireEvent.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    fireEvent.change(await screen.findByRole('textbox', { name: /Mã hợp đồng/ }), {
      target: { value: 'HD-2026/VNPT-01' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Xác nhận đặt lịch' }));
    await waitFor(() => expect(onBooked).toHaveBeenCalled());
    expect(posts(seen)).toEqual([
      {
        slotId: slot1.slotId,
        contractRef: 'HD-2026/VNPT-01',
        sourceChannel: 'hotline',
        patientId: '60000000-0000-4000-8000-000000000009',
        contactId: contact.id,
      },
    ]);
    const slotsAsked = seen.find((r) => r.url.startsWith('/api/availability?'))!;
    expect(new URL(slotsAsked.url, 'http://x').searchParams.get('doctorId')).toBe(drLan.id);
  });
});
