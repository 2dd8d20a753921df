import { fireEvent, screen, waitFor } from '@testing-library/react';
import { addDays, format, parseISO } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { clinicToday } from '../../format.ts';
import {
  basicCheckup,
  branch,
  confirmedDetail,
  doctorDung,
  doctorMai,
  heldAppointment,
  internal,
  me,
  selfProfile,
  slotDung,
  slotMai,
} from '../../test-fixtures.ts';
import { memoryBridge, renderApp, stubHub } from '../../test-utils.tsx';

/** The whole app, signed in, against a stub hub: the booking flow as a patient taps through it. */
function start(opts: { slotTakenOnce?: boolean } = {}) {
  const day = format(addDays(parseISO(clinicToday()), 2), 'yyyy-MM-dd');
  const holdUntil = new Date(Date.now() + 5 * 60_000).toISOString();
  let refusals = opts.slotTakenOnce ? 1 : 0;
  const { bridge } = memoryBridge({
    storage: { 'hub-session': JSON.stringify({ token: 'hub-token-1', expiresAt: '2099-01-01T00:00:00Z' }) },
  });
  const hub = stubHub((req) => {
    const at = `${req.method} ${req.path}`;
    switch (at) {
      case 'GET /api/patient/me':
        return { body: me };
      case 'GET /api/patient/appointments':
        return { body: { items: [], total: 0, page: 1, pageSize: 5 } };
      case 'GET /api/patient/notifications':
        return { body: { items: [], total: 0, unread: 0, page: 1, pageSize: 1 } };
      case 'GET /api/catalog/branches':
        return { body: { items: [branch] } };
      case 'GET /api/catalog/departments':
        return { body: { items: [internal] } };
      case 'GET /api/catalog/packages':
        return { body: { items: [basicCheckup] } };
      case 'GET /api/catalog/doctors':
        return { body: { items: [doctorDung, doctorMai] } };
      case 'GET /api/availability/days':
        return {
          body: { timeZone: 'Asia/Ho_Chi_Minh', from: day, to: day, days: [{ date: day, freeSlots: 2 }] },
        };
      case 'GET /api/availability':
        return {
          body: {
            timeZone: 'Asia/Ho_Chi_Minh',
            from: day,
            to: day,
            slots: [
              { ...slotDung, date: day },
              { ...slotMai, date: day },
            ],
          },
        };
      case 'POST /api/patient/appointments':
        if (refusals-- > 0) {
          return {
            status: 409,
            body: {
              error: { code: 'slot_taken', message: 'Khung giờ này vừa có người đặt. Vui lòng chọn khung giờ khác.' },
            },
          };
        }
        return { status: 201, body: heldAppointment(holdUntil) };
      case `POST /api/patient/appointments/${heldAppointment(holdUntil).id}/confirm`:
        return { body: { ...heldAppointment(holdUntil), status: 'confirmed', holdExpiresAt: null } };
      case `GET /api/patient/appointments/${heldAppointment(holdUntil).id}`:
        return { body: confirmedDetail(holdUntil) };
      default:
        return undefined;
    }
  });
  renderApp(bridge, hub.api);
  return { seen: hub.seen, day };
}

const tap = async (name: string | RegExp, role: 'button' | 'tab' = 'button') =>
  fireEvent.click(await screen.findByRole(role, { name }));

async function walkToProfile() {
  await tap('Đặt lịch khám');
  await screen.findByText('Chọn cơ sở khám');
  await tap(/Phòng khám MediCRM Hà Nội/);
  await tap('Gói khám', 'tab');
  await tap(/Khám tổng quát cơ bản/);
  await tap(/Bác sĩ bất kỳ/);
  await tap(/còn 2 giờ trống/);
  await screen.findByText('ThS.BS. Trần Thị Mai');
  await tap('08:30');
}

describe('booking in the Mini App', () => {
  it('books a package for a family profile: hold, countdown, confirm, then the booking code', async () => {
    const { seen } = start();
    await walkToProfile();
    await screen.findByText('Khám cho ai?');
    await tap(/Trần Thị Thu/);

    expect(await screen.findByRole('timer')).toBeTruthy();
    expect(screen.getByRole('timer').textContent).toMatch(/0[45]:\d\d/);
    expect(screen.getByText('450.000 ₫')).toBeTruthy();
    await tap('Xác nhận đặt lịch');
    expect(await screen.findByText('MC-7K2P9Q')).toBeTruthy();

    const hold = seen.find((r) => r.method === 'POST' && r.path === '/api/patient/appointments');
    expect(hold?.body).toEqual({ slotId: slotDung.slotId, profileId: selfProfile.id, packageId: basicCheckup.id });
    expect(hold?.headers.get('authorization')).toBe('Bearer hub-token-1');
    const days = seen.find((r) => r.path === '/api/availability/days');
    expect(Object.fromEntries(days!.query)).toMatchObject({ branchId: branch.id, packageId: basicCheckup.id });
    expect(days!.query.has('doctorId')).toBe(false);
  });

  it('sends the patient back to the times with the hub’s message when the slot was just taken', async () => {
    start({ slotTakenOnce: true });
    await walkToProfile();
    await tap(/Trần Thị Thu/);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Khung giờ này vừa có người đặt. Vui lòng chọn khung giờ khác.',
    );
    expect(screen.getByText('Chọn giờ khám')).toBeTruthy();
    await tap('09:00');
    await tap(/Trần Thị Thu/);
    await waitFor(() => expect(screen.getByRole('timer')).toBeTruthy());
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
