import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '../api.ts';
import { adminMe, mockHub, renderUi } from '../test-utils.tsx';
import { SchedulesPage } from './schedules-page.tsx';

const branch = { id: '00000000-0000-4000-8000-0000000000b1', code: 'HN01', name: 'Cơ sở Hà Nội' };
const dept = { id: '00000000-0000-4000-8000-0000000000d1', code: 'NOI', name: 'Nội tổng quát' };
const doctor = {
  id: '00000000-0000-4000-8000-0000000000c1',
  code: 'BS0102',
  title: 'BS.CKI',
  fullName: 'Hoàng Đức Dũng',
  sex: 'male',
  bio: null,
  photoUrl: null,
  languages: ['vi'],
  yearsOfExperience: 10,
  kind: 'doctor',
  practices: [{ branchId: branch.id, departmentId: dept.id }],
};
const rule = {
  id: '00000000-0000-4000-8000-0000000000e1',
  doctorId: doctor.id,
  branchId: branch.id,
  departmentId: dept.id,
  weekday: 1,
  date: null,
  validFrom: null,
  validTo: null,
  startTime: '07:30',
  endTime: '11:30',
  slotMinutes: 15,
  capacityPerSlot: 1,
  active: true,
};

function setup() {
  setCsrfToken(adminMe.csrfToken);
  return mockHub((req) => {
    const path = req.url.split('?')[0];
    if (path === '/api/catalog/doctors') return { status: 200, body: { items: [doctor] } };
    if (path === '/api/catalog/branches') return { status: 200, body: { items: [branch] } };
    if (path === '/api/catalog/departments') return { status: 200, body: { items: [dept] } };
    if (path === '/api/admin/booking/schedules' && req.method === 'GET')
      return { status: 200, body: { items: [rule] } };
    if (path === '/api/admin/booking/days-off' && req.method === 'GET') return { status: 200, body: { items: [] } };
    if (path === `/api/admin/booking/schedules/${rule.id}/end`) {
      return {
        status: 200,
        body: {
          schedule: { ...rule, active: false },
          slotsOpened: 0,
          slotsClosed: 12,
          affected: [
            {
              id: '00000000-0000-4000-8000-0000000000f1',
              bookingCode: 'MC7K2Q9P',
              status: 'confirmed',
              startsAt: '2026-12-07T01:00:00Z',
              doctorId: doctor.id,
              branchId: branch.id,
            },
          ],
        },
      };
    }
    return undefined;
  });
}

describe('schedules page', () => {
  it('shows a doctor’s weekly hours and, after ending one, the bookings staff must call', async () => {
    const seen = setup();
    renderUi(<SchedulesPage />);
    const table = await screen.findByRole('table', { name: 'Lịch làm việc' });
    const row = (await within(table).findByText('Thứ Hai')).closest('tr')!;
    expect(row.textContent).toContain('07:30–11:30');
    expect(row.textContent).toContain('Cơ sở Hà Nội · Nội tổng quát');
    expect(row.textContent).toContain('15 phút · 1 người');

    fireEvent.click(within(row).getByRole('button', { name: 'Ngừng' }));
    expect(await screen.findByText(/đóng 12 khung giờ trống/)).toBeTruthy();
    expect(screen.getByText('MC7K2Q9P')).toBeTruthy();
    await waitFor(() => expect(seen.some((r) => r.method === 'POST' && r.url.endsWith('/end'))).toBe(true));
    expect(seen.find((r) => r.method === 'POST')!.headers.get('x-csrf-token')).toBe(adminMe.csrfToken);
  });
});
