import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { rolePermissions } from '../../../hub/auth/permissions.ts';
import type { Me } from '../api.ts';
import { agentMe, mockHub, renderUi, type SeenRequest } from '../test-utils.tsx';
import { AppointmentsPage } from './appointments-page.tsx';
import { addDays, clinicToday, formatLongDay } from './clinic-dates.ts';
import { appointmentDetail, branchHn, drLan, freeSlot, internal, staffAppointment } from './fixtures.ts';

// Mantine's combobox scrolls the selected option into view; jsdom has no layout to scroll.
Element.prototype.scrollIntoView ??= () => {};

const clinicianMe: Me = {
  ...agentMe,
  id: '00000000-0000-4000-8000-000000000005',
  role: 'clinician',
  permissions: [...rolePermissions.clinician],
};

const listUrls = (seen: SeenRequest[]) =>
  seen.filter((r) => r.method === 'GET' && r.url.startsWith('/api/appointments?')).map((r) => r.url);

function catalog(req: SeenRequest) {
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/api/catalog/branches') return { status: 200, body: { items: [branchHn] } };
  if (path === '/api/catalog/departments') return { status: 200, body: { items: [internal] } };
  if (path === '/api/catalog/doctors') return { status: 200, body: { items: [drLan] } };
  return undefined;
}

describe('Lịch hẹn page', () => {
  it('lists today’s bookings in time order with Vietnamese statuses, filters and pages', async () => {
    const rows = [
      staffAppointment('a1000000-0000-4000-8000-000000000001'),
      staffAppointment('a1000000-0000-4000-8000-000000000002', {
        bookingCode: 'MC-AB12CD',
        status: 'checked_in',
        patient: { ...staffAppointment('x').patient, fullName: 'Phạm Văn Bình', phone: '84912345678' },
      }),
    ];
    const seen = mockHub((req) => {
      if (req.url.startsWith('/api/appointments?')) {
        const page = new URL(req.url, 'http://x').searchParams.get('page');
        return { status: 200, body: { items: page === '2' ? [] : rows, total: 45, page: Number(page), pageSize: 20 } };
      }
      return catalog(req);
    });
    renderUi(<AppointmentsPage me={agentMe} appointmentId={null} />);

    const table = await screen.findByRole('table', { name: 'Danh sách lịch hẹn' });
    const binh = (await within(table).findByText('Phạm Văn Bình')).closest('tr')!;
    expect(binh.textContent).toContain('MC-AB12CD');
    expect(binh.textContent).toContain('Đã tiếp đón');
    expect(binh.textContent).toContain('0912 345 678');
    // 01:30 UTC is 08:30 in Ho Chi Minh City
    expect(binh.textContent).toContain('08:30');
    expect(within(table).getAllByText('Đã xác nhận')).toHaveLength(1);
    expect(screen.getByText('Tổng 45 lịch hẹn.')).toBeTruthy();
    const today = clinicToday();
    expect(listUrls(seen)[0]).toBe(`/api/appointments?from=${today}&to=${today}&order=asc&page=1&pageSize=20`);
    expect(screen.getByRole('button', { name: 'Đặt lịch cho khách' })).toBeTruthy();

    fireEvent.click(screen.getByRole('textbox', { name: 'Trạng thái' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Vắng mặt' }));
    await waitFor(() => expect(listUrls(seen).at(-1)).toContain('status=no_show'));
    fireEvent.change(screen.getByRole('textbox', { name: 'Tìm kiếm' }), { target: { value: '0912 345 678' } });
    await waitFor(() => expect(listUrls(seen).at(-1)).toContain('q=0912+345+678'));
    fireEvent.click(screen.getByRole('button', { name: 'Mọi ngày' }));
    await waitFor(() => expect(listUrls(seen).at(-1)).not.toContain('from='));
    fireEvent.click(screen.getByRole('button', { name: 'Trang sau' }));
    await waitFor(() => expect(listUrls(seen).at(-1)).toContain('page=2'));
    await screen.findByText('Không có lịch hẹn nào khớp bộ lọc.');
  });

  it('shows the drawer (profile, price, QR, timeline) and checks in, with the hub’s message on refusal', async () => {
    const id = 'a2000000-0000-4000-8000-000000000001';
    // the visit is now: on its day whatever the hour the test runs
    const now = new Date().toISOString();
    let status: 'confirmed' | 'checked_in' = 'confirmed';
    let checkIns = 0;
    const seen = mockHub((req) => {
      if (req.url.startsWith('/api/appointments?')) {
        return { status: 200, body: { items: [staffAppointment(id)], total: 1, page: 1, pageSize: 20 } };
      }
      if (req.url === `/api/appointments/${id}`) {
        return { status: 200, body: appointmentDetail(id, { status, startsAt: now, contractRef: 'HD-2026/VNPT-01' }) };
      }
      if (req.method === 'POST' && req.url === `/api/appointments/${id}/check-in`) {
        checkIns += 1;
        if (checkIns === 1) {
          return {
            status: 409,
            body: { error: { code: 'invalid_status', message: 'Chỉ tiếp đón được lịch hẹn trong ngày khám' } },
          };
        }
        status = 'checked_in';
        return { status: 200, body: staffAppointment(id, { status }) };
      }
      return catalog(req);
    });
    renderUi(<AppointmentsPage me={agentMe} appointmentId={id} />);

    const drawer = await screen.findByRole('dialog', { name: 'Lịch hẹn MC-7K2P9Q' });
    const d = within(drawer);
    expect(d.getByTestId('appointment-status').textContent).toBe('Đã xác nhận');
    expect(d.getByRole('img', { name: 'Mã QR của lịch hẹn MC-7K2P9Q' })).toBeTruthy();
    const visit = d.getByRole('region', { name: 'Lịch khám' }).textContent!;
    expect(visit).toContain('Khám tổng quát cơ bản');
    expect(visit).toMatch(/450\.000\s₫/);
    expect(visit).toContain('BHYT chi trả');
    expect(visit).toContain('Nhịn ăn sáng');
    expect(visit).toContain('HD-2026/VNPT-01');
    expect(visit).toContain('ThS.BS. Nguyễn Thị Lan');
    expect(visit).toContain('Tổng đài · đặt bởi Trần Thị Mai');
    const patient = d.getByRole('region', { name: 'Người bệnh' }).textContent!;
    expect(patient).toContain('02/09/1988 · Nữ');
    expect(patient).toContain('0987 654 321');
    expect(patient).toContain('079188001234');
    expect(patient).toContain('DN4797912345678');
    expect(d.getByRole('region', { name: 'Tiến trình' }).textContent).toContain('Xác nhận lịch hẹn');

    fireEvent.click(d.getByRole('button', { name: 'Tiếp đón' }));
    expect((await d.findByRole('alert')).textContent).toContain('Chỉ tiếp đón được lịch hẹn trong ngày khám');
    fireEvent.click(d.getByRole('button', { name: 'Tiếp đón' }));
    await waitFor(() => expect(d.getByTestId('appointment-status').textContent).toBe('Đã tiếp đón'));
    expect(d.getByRole('button', { name: 'Khám xong' })).toBeTruthy();
    expect(d.queryByRole('button', { name: 'Huỷ lịch' })).toBeNull();
    // the list refreshed after the change
    expect(listUrls(seen).length).toBeGreaterThanOrEqual(2);
  });

  it('cancels with a reason through the hub', async () => {
    const id = 'a3000000-0000-4000-8000-000000000001';
    const seen = mockHub((req) => {
      if (req.url.startsWith('/api/appointments?')) {
        return { status: 200, body: { items: [], total: 0, page: 1, pageSize: 20 } };
      }
      if (req.url === `/api/appointments/${id}`) {
        const cancelled = seen.some((r) => r.url.endsWith('/cancel'));
        return {
          status: 200,
          body: appointmentDetail(id, {
            startsAt: '2099-03-02T01:30:00.000Z',
            ...(cancelled ? { status: 'cancelled', canChange: false, cancelledReason: 'Khách bận đột xuất' } : {}),
          }),
        };
      }
      if (req.method === 'POST' && req.url === `/api/appointments/${id}/cancel`) {
        return { status: 200, body: staffAppointment(id, { status: 'cancelled' }) };
      }
      return catalog(req);
    });
    renderUi(<AppointmentsPage me={agentMe} appointmentId={id} />);
    const drawer = await screen.findByRole('dialog', { name: 'Lịch hẹn MC-7K2P9Q' });
    // a visit on another day: no check-in yet, but it can still be moved or cancelled
    expect(within(drawer).queryByRole('button', { name: 'Tiếp đón' })).toBeNull();
    expect(within(drawer).getByRole('button', { name: 'Đổi lịch' })).toBeTruthy();
    fireEvent.click(within(drawer).getByRole('button', { name: 'Huỷ lịch' }));
    const confirm = await screen.findByRole('dialog', { name: 'Huỷ lịch hẹn MC-7K2P9Q' });
    fireEvent.change(within(confirm).getByRole('textbox', { name: 'Lý do huỷ' }), {
      target: { value: 'Khách bận đột xuất' },
    });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Xác nhận huỷ' }));
    await waitFor(() => expect(within(drawer).getByTestId('appointment-status').textContent).toBe('Đã huỷ'));
    expect(seen.find((r) => r.url.endsWith('/cancel'))!.body).toEqual({ reason: 'Khách bận đột xuất' });
    expect(within(drawer).getByRole('region', { name: 'Lịch khám' }).textContent).toContain('Khách bận đột xuất');
  });

  it('reschedules to a free slot picked from the public availability', async () => {
    const id = 'a5000000-0000-4000-8000-000000000001';
    const day = addDays(clinicToday(), 3);
    const current = appointmentDetail(id, { startsAt: '2099-03-02T01:30:00.000Z' });
    const own = freeSlot(current.slotId!, day, '08:30');
    const other = freeSlot('50000000-0000-4000-8000-000000000099', day, '10:15');
    let moved = false;
    const seen = mockHub((req) => {
      const url = new URL(req.url, 'http://x');
      if (req.url.startsWith('/api/appointments?')) {
        return { status: 200, body: { items: [], total: 0, page: 1, pageSize: 20 } };
      }
      if (req.url === `/api/appointments/${id}`) {
        return { status: 200, body: moved ? { ...current, startsAt: other.startsAt, slotId: other.slotId } : current };
      }
      if (url.pathname === '/api/availability/days') {
        return {
          status: 200,
          body: { timeZone: 'Asia/Ho_Chi_Minh', from: '', to: '', days: [{ date: day, freeSlots: 2 }] },
        };
      }
      if (url.pathname === '/api/availability') {
        return { status: 200, body: { timeZone: 'Asia/Ho_Chi_Minh', from: day, to: day, slots: [own, other] } };
      }
      if (req.method === 'POST' && req.url === `/api/appointments/${id}/reschedule`) {
        moved = true;
        return { status: 200, body: staffAppointment(id, { startsAt: other.startsAt }) };
      }
      return catalog(req);
    });
    renderUi(<AppointmentsPage me={agentMe} appointmentId={id} />);
    const drawer = await screen.findByRole('dialog', { name: 'Lịch hẹn MC-7K2P9Q' });
    fireEvent.click(within(drawer).getByRole('button', { name: 'Đổi lịch' }));
    const modal = await screen.findByRole('dialog', { name: 'Đổi lịch hẹn MC-7K2P9Q' });
    fireEvent.click(await within(modal).findByRole('button', { name: new RegExp(`^${formatLongDay(day)}`) }));
    const times = await within(modal).findByRole('group', { name: /Giờ trống của/ });
    // the appointment's own slot is not offered
    expect(within(times).queryByRole('button', { name: '08:30' })).toBeNull();
    fireEvent.click(within(times).getByRole('button', { name: '10:15' }));
    fireEvent.click(within(modal).getByRole('button', { name: `Đổi sang 10:15, ${formatLongDay(day)}` }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Đổi lịch hẹn MC-7K2P9Q' })).toBeNull());
    expect(seen.find((r) => r.url.endsWith('/reschedule'))!.body).toEqual({ slotId: other.slotId });
    // the search stayed within the booking's branch, specialty, package and doctor
    const asked = new URL(seen.find((r) => r.url.startsWith('/api/availability/days'))!.url, 'http://x').searchParams;
    expect(Object.fromEntries(asked)).toMatchObject({
      branchId: current.branch.id,
      departmentId: current.department!.id,
      packageId: current.package!.id,
      doctorId: current.doctor!.id,
    });
  });

  it('lets a clinician look but not book or change', async () => {
    const id = 'a4000000-0000-4000-8000-000000000001';
    mockHub((req) => {
      if (req.url.startsWith('/api/appointments?')) {
        return { status: 200, body: { items: [staffAppointment(id)], total: 1, page: 1, pageSize: 20 } };
      }
      if (req.url === `/api/appointments/${id}`) return { status: 200, body: appointmentDetail(id) };
      return catalog(req);
    });
    renderUi(<AppointmentsPage me={clinicianMe} appointmentId={id} />);
    const drawer = await screen.findByRole('dialog', { name: 'Lịch hẹn MC-7K2P9Q' });
    expect(within(drawer).queryByRole('button', { name: 'Huỷ lịch' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Đặt lịch cho khách' })).toBeNull();
  });
});
