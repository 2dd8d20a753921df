import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, auditLog, contacts, patients } from '../../db/schema/index.ts';
import { type LaunchedBrowser, launchBrowser } from '../support/browser.ts';
import { demoPassword, startTestHub } from '../support/hub.ts';

/**
 * The call center's booking screens in Chromium against the whole hub and the built console: an agent opens "Lịch
 * hẹn", books for a caller who has no profile yet (branch → package → doctor → day → slot → new profile → confirm),
 * finds the booking in the list, opens it and checks the patient in. Screens are saved under test-artifacts/console/.
 */
const consoleIndex = fileURLToPath(new URL('../../console/dist/index.html', import.meta.url));
const artifacts = fileURLToPath(new URL('../../test-artifacts/console/', import.meta.url));

type Hub = Awaited<ReturnType<typeof startTestHub>>;
let hub: Hub | undefined;
let browser: LaunchedBrowser | undefined;
let page: Page;
let bookingCode = '';

const patientName = 'Hoàng Minh Châu';
const shot = (name: string) => page.screenshot({ path: `${artifacts}booking-${name}.png`, fullPage: true });
const dialog = (name: string): Locator => page.getByRole('dialog', { name });
const drawerStatus = () => page.getByTestId('appointment-status');

// Generous bounds: the machine may be busy with other test files; nothing here measures speed.
describe('booking for a caller from the console in Chromium', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    if (!existsSync(consoleIndex)) {
      throw new Error(`The console is not built (${consoleIndex} is missing). Run \`npm run build:console\` first.`);
    }
    mkdirSync(artifacts, { recursive: true });
    hub = await startTestHub();
    browser = await launchBrowser({ viewport: { width: 1366, height: 900 } });
    page = browser.page;
    page.setDefaultTimeout(30_000);
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('an agent signs in and opens Lịch hẹn: today’s bookings in clinic time', async () => {
    await page.goto(`${hub!.url}/`);
    await page.getByRole('heading', { name: 'Đăng nhập MediCRM' }).waitFor();
    await page.getByLabel('Email', { exact: true }).fill('agent1@demo.medicrm.vn');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(demoPassword);
    await page.getByLabel('Mật khẩu', { exact: true }).press('Enter');
    await page.getByTestId('current-staff').getByText('Tổng đài viên').waitFor();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Lịch hẹn' }).click();
    await page.getByRole('heading', { name: 'Lịch hẹn', level: 2 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/appointments');
    await page.getByRole('table', { name: 'Danh sách lịch hẹn' }).waitFor();
    await shot('01-list-today');
  });

  it('books for a new caller: a new contact and profile made with the booking', async () => {
    await page.getByRole('button', { name: 'Đặt lịch cho khách' }).click();
    const modal = dialog('Đặt lịch cho khách');
    await modal.getByRole('radio', { name: /Phòng khám MediCRM Hà Nội/ }).click();
    await modal.getByText('Theo gói khám', { exact: true }).click();
    const pkg = modal.getByRole('radio', { name: /Khám tổng quát cơ bản/ });
    await pkg.waitFor();
    expect(await pkg.textContent()).toMatch(/450\.000\s₫/);
    await shot('02-service');
    await pkg.click();
    await modal.getByRole('radio', { name: /Bác sĩ bất kỳ/ }).click();
    const strip = modal.getByRole('group', { name: 'Chọn ngày khám' });
    await strip.locator('button:not([disabled])').first().waitFor();
    await shot('03-date-strip');
    await strip.locator('button:not([disabled])').first().click();
    const times = modal.getByRole('group', { name: /Giờ trống của/ }).first();
    await times.getByRole('button').first().waitFor();
    await shot('04-slots');
    await times.getByRole('button').first().click();

    await modal.getByRole('textbox', { name: 'Số điện thoại người gọi' }).fill('0903 222 333');
    await modal.getByRole('button', { name: 'Tìm khách hàng' }).click();
    await modal.getByText('Chưa có khách hàng nào với số này', { exact: false }).waitFor();
    await modal.getByRole('textbox', { name: 'Tên người gọi' }).fill(patientName);
    await modal.getByRole('textbox', { name: 'Họ và tên' }).fill(patientName);
    await modal.getByLabel('Ngày sinh').fill('1992-06-15');
    await modal.getByRole('textbox', { name: 'Giới tính' }).click();
    await page.getByRole('option', { name: 'Nữ' }).click();
    await modal.getByRole('textbox', { name: 'Số điện thoại người bệnh' }).fill('0903 222 333');
    await modal.getByRole('textbox', { name: 'Số CCCD' }).fill('001192004567');
    await modal.getByRole('textbox', { name: 'Số thẻ BHYT' }).fill('HN4010112345678');
    await shot('05-new-profile');
    await modal.getByRole('button', { name: 'Tiếp tục' }).click();

    const summary = modal.getByRole('region', { name: 'Tóm tắt lịch hẹn' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Hồ sơ mới');
    await modal.getByRole('textbox', { name: /Lý do khám/ }).fill('Khám sức khoẻ định kỳ');
    await shot('06-confirm');
    await modal.getByRole('button', { name: 'Xác nhận đặt lịch' }).click();
    await modal.waitFor({ state: 'hidden' });

    // the new booking opens in the drawer, on its day
    const status = drawerStatus();
    await status.waitFor();
    expect(await status.textContent()).toBe('Đã xác nhận');
    const notice = await page.getByText(/^Đã đặt lịch MC-/).textContent();
    bookingCode = /MC-[0-9A-Z]{6}/.exec(notice ?? '')?.[0] ?? '';
    expect(bookingCode).not.toBe('');
    await page.getByRole('dialog', { name: `Lịch hẹn ${bookingCode}` }).waitFor();
    await page.getByRole('img', { name: `Mã QR của lịch hẹn ${bookingCode}` }).waitFor();
    await shot('07-booked-drawer');

    // one new contact from the caller's phone, one profile, one confirmed appointment
    const [contact] = await hub!.db.select().from(contacts).where(eq(contacts.phone, '84903222333'));
    expect(contact).toMatchObject({ fullName: patientName, firstChannel: 'hotline' });
    const [profile] = await hub!.db.select().from(patients).where(eq(patients.contactId, contact!.id));
    expect(profile).toMatchObject({ nationalId: '001192004567', insuranceNumber: 'HN4010112345678', sex: 'female' });
    const [appt] = await hub!.db.select().from(appointments).where(eq(appointments.bookingCode, bookingCode));
    expect(appt).toMatchObject({ status: 'confirmed', patientId: profile!.id, reason: 'Khám sức khoẻ định kỳ' });
    const audits = await hub!.db.select().from(auditLog).where(eq(auditLog.subjectId, appt!.id));
    expect(audits.map((a) => a.action)).toEqual(['booking.book_for_caller']);
  });

  it('sees the booking in the list and opens it', async () => {
    await page.keyboard.press('Escape');
    await drawerStatus().waitFor({ state: 'hidden' });
    const row = page
      .getByRole('table', { name: 'Danh sách lịch hẹn' })
      .getByRole('row')
      .filter({ hasText: bookingCode });
    await row.waitFor();
    expect(await row.textContent()).toContain(patientName);
    expect(await row.textContent()).toContain('Đã xác nhận');
    await shot('08-list-with-booking');
    await row.getByRole('link', { name: bookingCode }).click();
    await drawerStatus().waitFor();
    expect(new URL(page.url()).pathname).toBe(`/appointments/${(await idOf(bookingCode))!}`);
    const who = await page.getByRole('region', { name: 'Người bệnh' }).textContent();
    expect(who).toContain('001192004567');
    expect(who).toContain('15/06/1992');
  });

  it('checks the patient in on the day of the visit', async () => {
    // the day comes (fixture, as in tests/booking/staff.test.ts): the visit moves to now, whatever the hour
    await hub!.db
      .update(appointments)
      .set({ startsAt: sql`now()`, endsAt: sql`now() + interval '15 minutes'` })
      .where(eq(appointments.bookingCode, bookingCode));
    await page.reload();
    await drawerStatus().waitFor();
    // the list defaults to today again, where the visit now is
    await page
      .getByRole('table', { name: 'Danh sách lịch hẹn' })
      .getByRole('row')
      .filter({ hasText: bookingCode })
      .waitFor();
    await shot('09-drawer-on-the-day');
    await page.getByRole('button', { name: 'Tiếp đón' }).click();
    await expect.poll(() => drawerStatus().textContent(), { timeout: 30_000 }).toBe('Đã tiếp đón');
    await page.getByRole('region', { name: 'Tiến trình' }).getByText('Tiếp đón tại quầy').waitFor();
    await page.getByRole('button', { name: 'Khám xong' }).waitFor();
    await shot('10-checked-in');
    const [appt] = await hub!.db.select().from(appointments).where(eq(appointments.bookingCode, bookingCode));
    expect(appt!.status).toBe('checked_in');
  });

  it('ran without script errors', () => {
    // the signed-out /me call before sign-in logs a 401 resource error; anything else is a bug
    const unexpected = browser!.errors.filter((e) => !/status of 401/.test(e));
    expect(unexpected).toEqual([]);
  });
});

async function idOf(code: string) {
  const [row] = await hub!.db
    .select({ id: appointments.id })
    .from(appointments)
    .where(eq(appointments.bookingCode, code));
  return row?.id;
}
