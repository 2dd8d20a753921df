import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedBrowser, launchBrowser } from '../support/browser.ts';
import { demoPassword, startTestHub } from '../support/hub.ts';

const consoleIndex = fileURLToPath(new URL('../../console/dist/index.html', import.meta.url));

type Hub = Awaited<ReturnType<typeof startTestHub>>;
let hub: Hub | undefined;
let browser: LaunchedBrowser | undefined;
let page: Page;

async function signIn(email: string, password: string) {
  await page.getByRole('heading', { name: 'Đăng nhập MediCRM' }).waitFor();
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByLabel('Mật khẩu', { exact: true }).press('Enter');
}

const meStatus = () => page.evaluate(async () => (await fetch('/api/auth/me')).status);
const navLabels = async () =>
  (await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link').allTextContents()).join(' | ');

describe('staff console in Chromium', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    if (!existsSync(consoleIndex)) {
      throw new Error(`The console is not built (${consoleIndex} is missing). Run \`npm run build:console\` first.`);
    }
    hub = await startTestHub();
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(25_000);
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('shows the hub’s message for a wrong password', async () => {
    await page.goto(`${hub!.url}/`);
    await signIn('admin@demo.medicrm.vn', 'sai-mat-khau-roi');
    const alert = page.getByRole('alert');
    await alert.getByText('Email hoặc mật khẩu không đúng').waitFor();
    expect(await meStatus()).toBe(401);
    await page.screenshot({ path: '/tmp/console-sign-in.png' });
  });

  it('signs the admin in to the shell', async () => {
    await signIn('admin@demo.medicrm.vn', demoPassword);
    const who = page.getByTestId('current-staff');
    await who.getByText('Quản trị hệ thống').waitFor();
    expect(await who.textContent()).toContain('Quản trị viên');
    await page.getByRole('heading', { name: 'Xin chào, Quản trị hệ thống' }).waitFor();
    await page.screenshot({ path: '/tmp/console-shell.png' });
  });

  it('lists the demo agent on the staff page', async () => {
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Nhân viên' }).click();
    await page.getByRole('cell', { name: 'agent1@demo.medicrm.vn' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/staff');
    await page.screenshot({ path: '/tmp/console-staff.png', fullPage: true });
  });

  it('keeps the session and the page across a reload', async () => {
    await page.reload();
    await page.getByRole('cell', { name: 'agent1@demo.medicrm.vn' }).waitFor();
    expect(await page.getByTestId('current-staff').textContent()).toContain('Quản trị hệ thống');
    expect(new URL(page.url()).pathname).toBe('/staff');
  });

  it('shows the audit log with the sign-ins just made', async () => {
    await page.getByRole('link', { name: 'Nhật ký truy cập' }).click();
    await page.getByRole('cell', { name: 'Lý do: sai mật khẩu' }).waitFor();
    await page.screenshot({ path: '/tmp/console-audit.png', fullPage: true });
  });

  it('signs out back to the sign-in page and ends the session on the hub', async () => {
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập MediCRM' }).waitFor();
    expect(await meStatus()).toBe(401);
    await page.reload();
    await page.getByRole('heading', { name: 'Đăng nhập MediCRM' }).waitFor();
  });

  it('does not show the staff entry to an agent', async () => {
    await signIn('agent1@demo.medicrm.vn', demoPassword);
    await page.getByTestId('current-staff').getByText('Tổng đài viên').waitFor();
    const labels = await navLabels();
    expect(labels).toContain('Tổng quan');
    expect(labels).not.toContain('Nhân viên');
    expect(labels).not.toContain('Nhật ký truy cập');
    expect(labels).not.toContain('Hàng đợi');
  });

  it('fits a phone: the menu opens from the burger', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    // The collapsed navbar slides off-screen to the left rather than disappearing.
    const onScreen = async () => {
      const box = await nav.boundingBox();
      return box !== null && box.x >= 0;
    };
    expect(await onScreen()).toBe(false);
    await page.screenshot({ path: '/tmp/console-phone.png' });
    await page.getByRole('button', { name: 'Mở menu' }).click();
    await expect.poll(onScreen).toBe(true);
    await page.screenshot({ path: '/tmp/console-phone-menu.png' });
  });

  it('ran without script errors', () => {
    // The wrong-password and signed-out /me calls log a 401 resource error; anything else is a bug.
    const unexpected = browser!.errors.filter((e) => !/status of 401/.test(e));
    expect(unexpected).toEqual([]);
  });
});
