import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../sandbox/server.ts';
import { type LaunchedBrowser, launchBrowser } from '../support/browser.ts';
import { Agent, startTestHub } from '../support/hub.ts';

/**
 * The patient's path in the Mini App's fake-bridge build, served by the hub at /miniapp/, in Chromium on a phone-sized
 * viewport: Zalo sign-in (played by the sandbox twin of Zalo Graph), booking a package end to end, my appointments,
 * reschedule, cancel, the inbox; an agent sees the booking through the staff API. Every screen is saved under
 * test-artifacts/miniapp/.
 */
const fakeBuild = fileURLToPath(new URL('../../miniapp/dist-fake/index.html', import.meta.url));
const artifacts = fileURLToPath(new URL('../../test-artifacts/miniapp/', import.meta.url));

type Hub = Awaited<ReturnType<typeof startTestHub>>;
let sandbox: RunningSandbox | undefined;
let hub: Hub | undefined;
let browser: LaunchedBrowser | undefined;
let page: Page;
let shots = 0;
const cdnRequests: string[] = [];
const zaloId = `84${Date.now()}`.slice(0, 19);
const state: { bookingCode?: string; firstTime?: string } = {};

/** Saves the phone screen as NN-name.png, once the page transition has finished. */
async function shot(name: string) {
  await page.waitForFunction(
    () =>
      document.querySelectorAll('.zaui-page').length === 1 &&
      document.getAnimations().every((a) => a.playState !== 'running'),
  );
  shots += 1;
  await page.screenshot({ path: `${artifacts}${String(shots).padStart(2, '0')}-${name}.png` });
}

const screen = (name: string): Locator => page.locator(`[data-screen="${name}"]`).last();
const back = () => page.locator('.zaui-header').last().getByRole('button', { name: 'Quay lại' }).click();
const tab = (label: string) =>
  page
    .locator('#mc-nav')
    .getByRole('button', { name: new RegExp(label) })
    .click();

/** The staff console's client against the running hub: cookie and CSRF token kept. */
function staffAgent(): Agent {
  return new Agent((input, init) => fetch(String(input).replace('http://localhost', hub!.url), init));
}

describe('patient Mini App (fake Zalo bridge) in Chromium', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    if (!existsSync(fakeBuild)) {
      throw new Error(`The Mini App is not built (${fakeBuild} is missing). Run \`npm run build:miniapp:fake\` first.`);
    }
    rmSync(artifacts, { recursive: true, force: true });
    mkdirSync(artifacts, { recursive: true });
    sandbox = await startSandbox({ hubUrl: 'http://127.0.0.1' });
    hub = await startTestHub({ env: { SANDBOX: 'true', SANDBOX_URL: sandbox.url } });
    browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
    page = browser.page;
    page.setDefaultTimeout(25_000);
    // zmp-ui's icon font lives on Zalo's CDN (FRONTEND.md §3.2): the app draws its icons from lucide, so nothing may
    // be asked of that CDN (offline here, and often in hospital networks).
    await page.route(/zadn\.vn|zdn\.vn/, (r) => {
      cdnRequests.push(r.request().url());
      return r.abort();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    await sandbox?.stop();
  });

  it('asks for consent with the reasons, then signs the Zalo user in with a verified phone', async () => {
    await page.goto(`${hub!.url}/miniapp/?zaloUser=${zaloId}&zaloName=${encodeURIComponent('Trần Thị Thu')}`);
    const consent = screen('sign-in');
    await consent.getByText('Trước khi bắt đầu').waitFor();
    await consent.getByText('Số điện thoại do Zalo xác minh dùng để xác nhận lịch hẹn').waitFor();
    await shot('sign-in');
    await consent.getByRole('button', { name: 'Đồng ý và tiếp tục' }).click();
    await screen('home').getByText('Xin chào, Trần Thị Thu').waitFor();
    await screen('home').getByText('Bạn chưa có lịch hẹn nào sắp tới.').waitFor();
    await shot('home');

    await tab('Tài khoản');
    const account = screen('account');
    await account.getByText('đã xác minh qua Zalo', { exact: false }).waitFor();
    await shot('account');
  });

  it('books a package end to end: branch, package with its price, doctor, date, slot, new profile, hold, confirm', async () => {
    await tab('Trang chủ');
    await screen('home').getByRole('button', { name: 'Đặt lịch khám' }).click();

    await screen('booking-branch').getByText('Chọn cơ sở khám').waitFor();
    await shot('booking-branch');
    await screen('booking-branch')
      .getByRole('button', { name: /Phòng khám MediCRM Hà Nội/ })
      .click();

    const service = screen('booking-service');
    await service.getByRole('tab', { name: 'Chuyên khoa' }).waitFor();
    await shot('booking-specialty');
    await service.getByRole('tab', { name: 'Gói khám' }).click();
    const basic = service.getByRole('button', { name: /Khám tổng quát cơ bản/ });
    expect(await basic.textContent()).toContain('450.000\u00a0₫');
    await shot('booking-package');
    await basic.click();

    const doctor = screen('booking-doctor');
    await doctor.getByRole('button', { name: /Bác sĩ bất kỳ/ }).waitFor();
    await shot('booking-doctor');
    await doctor.getByRole('button', { name: /Hoàng Đức Dũng/ }).click();

    // a day after today, so the visit stays outside the change cut-off and can be moved and cancelled below
    const date = screen('booking-date');
    const days = date.locator('button.mc-day:not([disabled])');
    await days.first().waitFor();
    await shot('booking-date');
    const today = await days.first().getAttribute('aria-label');
    const pick = (await days.count()) > 1 && today?.includes(todayLabel()) ? days.nth(1) : days.first();
    await pick.click();

    const slot = screen('booking-slot');
    const times = slot.locator('button.mc-slot');
    await times.first().waitFor();
    await shot('booking-slot');
    state.firstTime = (await times.first().textContent()) ?? undefined;
    await times.first().click();

    const profile = screen('booking-profile');
    await profile.getByText('Khám cho ai?').waitFor();
    await shot('booking-profile');
    await profile.getByRole('button', { name: /Thêm hồ sơ mới/ }).click();
    const form = profile.getByRole('form', { name: 'Hồ sơ bệnh nhân' });
    await form.getByLabel('Họ và tên').fill('Trần Thị Thu');
    await form.getByLabel('Ngày sinh').fill('1988-03-14');
    await form.getByRole('radio', { name: 'Nữ' }).click();
    await form.getByLabel('Số CCCD (không bắt buộc)').fill('0010880');
    await form.getByRole('button', { name: 'Lưu hồ sơ và tiếp tục' }).click();
    await form.getByText('Số CCCD gồm đúng 12 chữ số').waitFor();
    await shot('booking-profile-invalid');
    await form.getByLabel('Số CCCD (không bắt buộc)').fill(`0010${zaloId.slice(-8)}`);
    await form.getByLabel('Số thẻ BHYT (không bắt buộc)').fill('dn4010123456789');
    await form.getByRole('button', { name: 'Lưu hồ sơ và tiếp tục' }).click();

    const confirm = screen('booking-confirm');
    await confirm.getByRole('timer').waitFor();
    expect(await confirm.getByRole('timer').textContent()).toMatch(/Đang giữ chỗ cho bạn.*0[45]:\d\d/);
    expect(await confirm.textContent()).toContain('450.000\u00a0₫');
    expect(await confirm.getByRole('note').textContent()).toContain('Chuẩn bị trước khi khám');
    await shot('booking-confirm');
    await confirm.getByRole('button', { name: 'Xác nhận đặt lịch' }).click();

    const detail = screen('appointment-detail');
    const code = detail.getByTestId('booking-code');
    await code.waitFor();
    state.bookingCode = (await code.textContent()) ?? undefined;
    expect(state.bookingCode).toMatch(/^MC-[2-9A-Z]{6}$/);
    await detail.getByText('Đã xác nhận', { exact: true }).waitFor();
    await detail.getByRole('img', { name: `Mã QR của lịch hẹn ${state.bookingCode}` }).waitFor();
    expect(await detail.textContent()).toContain(`${state.firstTime}`);
    await shot('appointment-confirmed');
  });

  it('shows the booking under my appointments and on the home screen', async () => {
    await back();
    await tab('Lịch hẹn');
    const list = screen('appointments');
    await list.getByRole('button', { name: `Lịch hẹn ${state.bookingCode}` }).waitFor();
    await shot('appointments');
    await tab('Trang chủ');
    await screen('home')
      .getByRole('button', { name: `Lịch hẹn ${state.bookingCode}` })
      .waitFor();
  });

  it('lets the agent find the booking through the staff API', async () => {
    const agent = staffAgent();
    expect((await agent.signIn('agent1@demo.medicrm.vn')).status).toBe(200);
    const res = await agent.request('GET', `/api/appointments/by-code/${state.bookingCode}`);
    expect(res.status).toBe(200);
    const appt = (await res.json()) as { status: string; sourceChannel: string; patient: { fullName: string } };
    expect(appt).toMatchObject({
      status: 'confirmed',
      sourceChannel: 'miniapp',
      patient: { fullName: 'Trần Thị Thu' },
    });
  });

  it('reschedules the appointment to another free slot', async () => {
    await screen('home')
      .getByRole('button', { name: `Lịch hẹn ${state.bookingCode}` })
      .click();
    const detail = screen('appointment-detail');
    await detail.getByText(/Bạn có thể đổi hoặc huỷ lịch trước/).waitFor();
    await detail.getByRole('button', { name: 'Đổi lịch' }).click();

    const move = screen('reschedule');
    await move.getByText('Lịch hiện tại').waitFor();
    const days = move.locator('button.mc-day:not([disabled])');
    await days.last().click();
    const times = move.locator('button.mc-slot');
    await times.last().waitFor();
    const newTime = (await times.last().textContent())!;
    await times.last().click();
    await shot('reschedule');
    await move.getByRole('button', { name: new RegExp(`Đổi sang ${newTime}`) }).click();

    const after = screen('appointment-detail');
    await after.getByText(/Đã đổi lịch/).waitFor();
    expect(await after.textContent()).toContain(newTime);
    await after.getByRole('list', { name: 'Quá trình lịch hẹn' }).scrollIntoViewIfNeeded();
    await shot('appointment-rescheduled');
  });

  it('cancels the appointment after asking, and the agent sees it cancelled', async () => {
    const detail = screen('appointment-detail');
    await detail.getByRole('button', { name: 'Huỷ lịch' }).click();
    await page.getByText('Huỷ lịch hẹn này?').waitFor();
    await shot('cancel-confirm');
    await page.getByRole('button', { name: 'Huỷ lịch', exact: true }).last().click();
    await detail.getByText('Đã huỷ', { exact: true }).waitFor();
    await detail.getByText(/Đã huỷ lịch hẹn \(bởi bạn\)/).waitFor();
    await shot('appointment-cancelled');

    const agent = staffAgent();
    await agent.signIn('agent1@demo.medicrm.vn');
    const res = await agent.request('GET', `/api/appointments/by-code/${state.bookingCode}`);
    expect(((await res.json()) as { status: string }).status).toBe('cancelled');
  });

  it('lists the notices of the booking as unread, and marks one read when opened', async () => {
    await back();
    await tab('Thông báo');
    const inbox = screen('inbox');
    const unread = inbox.getByRole('img', { name: 'Chưa đọc' });
    await unread.first().waitFor();
    const before = await unread.count();
    expect(before).toBeGreaterThanOrEqual(3);
    await shot('inbox');
    await inbox.locator('button[data-read="false"]').first().click();
    await screen('appointment-detail').getByTestId('booking-code').waitFor();
    await back();
    await expect.poll(() => screen('inbox').getByRole('img', { name: 'Chưa đọc' }).count()).toBe(before - 1);
  });

  it('adds a child’s profile, edits it, and the results screen says there is none', async () => {
    await tab('Tài khoản');
    await screen('account')
      .getByRole('button', { name: /Hồ sơ gia đình/ })
      .click();
    const profiles = screen('profiles');
    await profiles.getByRole('button', { name: /Trần Thị Thu/ }).waitFor();
    await shot('profiles');
    await profiles.getByRole('button', { name: 'Thêm hồ sơ' }).click();
    const form = screen('profile-edit').getByRole('form', { name: 'Hồ sơ bệnh nhân' });
    await form.getByLabel('Quan hệ với bạn').selectOption('child');
    await form.getByLabel('Họ và tên').fill('Lê Minh Khang');
    await form.getByLabel('Ngày sinh').fill('2018-09-02');
    await form.getByRole('radio', { name: 'Nam' }).click();
    await form.getByLabel('Số điện thoại (không bắt buộc)').fill('0123');
    await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await form.getByText(/Số điện thoại di động không hợp lệ/).waitFor();
    await shot('profile-form-invalid');
    await form.getByLabel('Số điện thoại (không bắt buộc)').fill('');
    await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    const child = screen('profiles').getByRole('button', { name: /Lê Minh Khang/ });
    await child.waitFor();
    expect(await child.textContent()).not.toContain('BHYT');

    await child.click();
    const edit = screen('profile-edit').getByRole('form', { name: 'Hồ sơ bệnh nhân' });
    expect(await edit.getByLabel('Họ và tên').inputValue()).toBe('Lê Minh Khang');
    await edit.getByLabel('Số thẻ BHYT (không bắt buộc)').fill('TE1010123456789');
    await shot('profile-edit');
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect
      .poll(async () =>
        screen('profiles')
          .getByRole('button', { name: /Lê Minh Khang/ })
          .textContent(),
      )
      .toContain('BHYT');

    await tab('Tài khoản');
    await screen('account')
      .getByRole('button', { name: /Kết quả khám/ })
      .click();
    await screen('results').getByText('Chưa có kết quả').waitFor();
    await shot('results');
  });

  it('ran without a page error and without reaching Zalo’s CDN', () => {
    expect(browser!.errors).toEqual([]);
    expect(cdnRequests).toEqual([]);
  });
});

/** "01/12/2025" of today in the clinic, as the date strip's labels write it. */
function todayLabel(): string {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).split('-');
  return `${d}/${m}/${y}`;
}
