import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, desc, eq } from 'drizzle-orm';
import { createTransport } from 'nodemailer';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentEvents, consents, contacts, conversations, staffUsers } from '../../db/schema/index.ts';
import { type LaunchedBrowser, launchBrowser } from '../support/browser.ts';
import { freePort } from '../support/channels.ts';
import { demoPassword, startTestHub } from '../support/hub.ts';

/**
 * A supervisor in Chromium against the whole hub: finds a seeded contact by the phone written the Vietnamese way
 * (0935 667 788, stored as 84935667788), opens it, records that she revoked her marketing consent on Zalo, then adds a
 * canned response in the inbox settings and finds it in the composer's picker of an open email conversation.
 * Screens are saved under test-artifacts/console/.
 */
const consoleIndex = fileURLToPath(new URL('../../console/dist/index.html', import.meta.url));
const artifacts = fileURLToPath(new URL('../../test-artifacts/console/', import.meta.url));
const inboxAddress = 'cskh@demo.medicrm.vn';

type Hub = Awaited<ReturnType<typeof startTestHub>>;
let hub: Hub | undefined;
let browser: LaunchedBrowser | undefined;
let page: Page;
let smtpPort: number;

/** Upper bounds for polls, not speed requirements: the machine is shared. */
const wait = { timeout: 25_000, interval: 100 };
const nav = () => page.getByRole('navigation', { name: 'Điều hướng chính' });

describe('contacts and inbox settings in Chromium', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    if (!existsSync(consoleIndex)) {
      throw new Error(`The console is not built (${consoleIndex} is missing). Run \`npm run build:console\` first.`);
    }
    mkdirSync(artifacts, { recursive: true });
    smtpPort = await freePort();
    hub = await startTestHub({
      env: {
        EMAIL_INBOX_ADDRESS: inboxAddress,
        // replies are not sent in this test; the address only has to be well-formed
        EMAIL_SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
        EMAIL_LISTEN_PORT: String(smtpPort),
      },
    });
    browser = await launchBrowser({ viewport: { width: 1366, height: 900 } });
    page = browser.page;
    // generous: the machine may be busy with other test files; nothing here measures speed
    page.setDefaultTimeout(25_000);
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('a patient’s email waits in the inbox (the conversation the composer will answer later)', async () => {
    const transport = createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: 'Hoàng Thị Minh Thư <minhthu.hoang@outlook.com>',
      to: inboxAddress,
      subject: 'Hỏi kết quả xét nghiệm da liễu',
      text: 'Chào phòng khám, bao giờ tôi nhận được kết quả xét nghiệm da liễu ạ?',
    });
    transport.close();
    await expect
      .poll(
        async () => {
          const rows = await hub!.db
            .select({ id: conversations.id })
            .from(conversations)
            .innerJoin(contacts, eq(contacts.id, conversations.contactId))
            .where(and(eq(conversations.channel, 'email'), eq(contacts.phone, '84935667788')));
          return rows.length;
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBe(1);
  });

  it('the supervisor finds the contact by phone written 0935 667 788 and opens it', async () => {
    await page.goto(`${hub!.url}/`);
    await page.getByRole('heading', { name: 'Đăng nhập MediCRM' }).waitFor();
    await page.getByLabel('Email', { exact: true }).fill('supervisor@demo.medicrm.vn');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(demoPassword);
    await page.getByLabel('Mật khẩu', { exact: true }).press('Enter');
    await nav().getByRole('link', { name: 'Khách hàng' }).click();
    const table = page.getByRole('table', { name: 'Danh sách khách hàng' });
    await table.getByRole('link').first().waitFor();

    await page.getByLabel('Tìm khách hàng').fill('0935 667 788');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expect.poll(async () => table.getByRole('link').allTextContents(), wait).toEqual(['Hoàng Thị Minh Thư']);
    const row = table.locator('tr', { hasText: 'Hoàng Thị Minh Thư' });
    expect(await row.textContent()).toContain('0935 667 788');
    expect(await row.textContent()).toContain('Zalo OA');
    await page.screenshot({ path: `${artifacts}contacts-01-search-by-phone.png`, fullPage: true });

    await table.getByRole('link', { name: 'Hoàng Thị Minh Thư' }).click();
    await page.getByRole('heading', { name: 'Hoàng Thị Minh Thư', level: 2 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/contacts\/[0-9a-f-]{36}$/);
  });

  it('revokes her marketing consent on Zalo; the ledger keeps the source, the supervisor and the time', async () => {
    const panel = page.getByRole('region', { name: 'Đồng ý nhận tin' });
    const marketing = panel.getByRole('switch', { name: 'Tiếp thị qua Zalo OA' });
    await expect.poll(() => marketing.isChecked(), wait).toBe(true);
    await panel.getByLabel('Ghi chú cho lần thay đổi tiếp theo').fill('Khách gọi tổng đài đề nghị ngừng nhận ưu đãi');
    const started = Date.now();
    // Mantine hides the checkbox under its track: click the visible part, as a person does
    await marketing.click({ force: true });
    await expect.poll(() => marketing.isChecked(), wait).toBe(false);
    await panel.getByRole('button', { name: /Lịch sử thay đổi/ }).click();
    await panel.getByText('Khách gọi tổng đài đề nghị ngừng nhận ưu đãi', { exact: false }).waitFor();
    await page.screenshot({ path: `${artifacts}contacts-02-consent-revoked.png`, fullPage: true });

    const [supervisor] = await hub!.db
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(eq(staffUsers.email, 'supervisor@demo.medicrm.vn'));
    const [contact] = await hub!.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.phone, '84935667788'));
    const [event] = await hub!.db
      .select()
      .from(consentEvents)
      .where(eq(consentEvents.contactId, contact!.id))
      .orderBy(desc(consentEvents.at), desc(consentEvents.id))
      .limit(1);
    expect(event).toMatchObject({ channel: 'zalo_oa', purpose: 'marketing', status: 'revoked', source: 'staff' });
    expect(event!.recordedByStaffId).toBe(supervisor!.id);
    expect(event!.at.getTime()).toBeGreaterThanOrEqual(started - 5_000);
    const [current] = await hub!.db
      .select()
      .from(consents)
      .where(
        and(eq(consents.contactId, contact!.id), eq(consents.channel, 'zalo_oa'), eq(consents.purpose, 'marketing')),
      );
    expect(current).toMatchObject({ status: 'revoked', source: 'staff' });
  });

  it('adds a canned response with a variable in the inbox settings', async () => {
    await nav().getByRole('link', { name: 'Cài đặt hộp thư' }).click();
    await page.getByRole('table', { name: 'Mẫu trả lời' }).getByText('/chao').waitFor();
    await page.getByRole('button', { name: 'Thêm mẫu trả lời' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm mẫu trả lời' });
    await dialog.getByLabel('Lối tắt').fill('henkq');
    await dialog.getByLabel('Tiêu đề').fill('Hẹn ngày trả kết quả');
    await dialog.getByLabel('Nội dung').fill('Dạ chào ');
    await dialog.getByRole('button', { name: 'Chèn {{contact.firstName}}' }).click();
    await dialog.getByLabel('Nội dung').press('End');
    await dialog.getByLabel('Nội dung').pressSequentially(', kết quả của anh/chị sẽ có sau 2 ngày làm việc ạ.');
    await dialog.getByTestId('canned-preview').getByText('Hương', { exact: false }).waitFor();
    await page.screenshot({ path: `${artifacts}contacts-03-canned-editor.png` });
    await dialog.getByRole('button', { name: 'Thêm mẫu' }).click();
    await page.getByText('Đã thêm mẫu “Hẹn ngày trả kết quả”.').waitFor();
    await page.getByRole('table', { name: 'Mẫu trả lời' }).getByText('/henkq').waitFor();
    await page.screenshot({ path: `${artifacts}contacts-04-canned-list.png`, fullPage: true });
    await page.getByRole('tab', { name: 'Nhóm và SLA' }).click();
    await page
      .getByRole('region', { name: 'Thành viên của Tổng đài CSKH' })
      .getByRole('cell', { name: 'Nguyễn Văn An' })
      .waitFor();
    await page.screenshot({ path: `${artifacts}contacts-05-teams-sla.png`, fullPage: true });
  });

  it('the new canned response is in the composer’s picker, filled in for the contact', async () => {
    await nav().getByRole('link', { name: 'Hộp thư', exact: true }).click();
    await page.getByRole('heading', { name: 'Hộp thư' }).waitFor();
    const item = page
      .getByRole('list', { name: 'Danh sách hội thoại' })
      .getByRole('button')
      .filter({ hasText: 'Hoàng Thị Minh Thư' });
    await item.first().click();
    await page.getByTestId('window-meter').waitFor();
    await page.getByRole('button', { name: 'Mẫu trả lời' }).click();
    const option = page.getByRole('option', { name: 'Hẹn ngày trả kết quả' });
    await option.waitFor({ state: 'attached' });
    await page.getByLabel('Tìm mẫu trả lời').fill('hen');
    await option.waitFor();
    await page.screenshot({ path: `${artifacts}contacts-06-composer-picker.png` });
    await option.click();
    await expect
      .poll(() => page.getByLabel('Nội dung trả lời').inputValue(), wait)
      .toBe('Dạ chào Thư, kết quả của anh/chị sẽ có sau 2 ngày làm việc ạ.');
    await page.screenshot({ path: `${artifacts}contacts-07-composer-filled.png` });
  });

  it('ran without script errors', () => {
    // the /me call before signing in answers 401; anything else is a bug
    expect(browser!.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
