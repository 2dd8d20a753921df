import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { type LaunchedBrowser, launchBrowser } from '../support/browser.ts';
import { startHubWithSandbox, type TestHub } from '../support/channels.ts';
import { requireConsoleBuild, signIn } from '../support/console.ts';

/**
 * The omnichannel inbox live, in Chromium against the whole hub (HTTP, relay, workers, SMTP listener) and the sandbox
 * (twins + the patient phone page): a fake patient writes from the phone page on Zalo (the twin posts a signed webhook
 * to the hub) → the conversation appears in the console without a reload → the agent replies → the phone page shows
 * the reply delivered. The same on Messenger and email. A second agent, in another browser, sees the reply live.
 * Screens are saved under test-artifacts/console/.
 */
const artifacts = fileURLToPath(new URL('../../test-artifacts/console/', import.meta.url));

let hub: TestHub | undefined;
let sandbox: RunningSandbox | undefined;
let agent1: LaunchedBrowser | undefined;
let agent2: LaunchedBrowser | undefined;
let patient: LaunchedBrowser | undefined;
let page1: Page;
let page2: Page;
let phonePage: Page;

async function signInToInbox(page: Page, email: string) {
  await signIn(page, `${hub!.url}/inbox`, email);
  await page.getByRole('heading', { name: 'Hộp thư' }).waitFor();
  await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
}

/** The patient writes from the sandbox phone page, as `who`, on one channel. */
async function patientWrites(who: string, channel: 'zalo' | 'messenger' | 'email', text: string, subject?: string) {
  await phonePage.getByTestId('patient-select').selectOption(who);
  await phonePage.getByTestId(`tab-${channel}`).click();
  if (subject) await phonePage.getByTestId('subject').fill(subject);
  await phonePage.getByTestId('composer-text').fill(text);
  await phonePage.getByTestId('send').click();
  await phonePage.getByTestId('msg-mine').filter({ hasText: text }).waitFor();
}

/** What the phone page shows of the clinic's reply: its delivery state. */
const replyOnPhone = (text: string) => phonePage.getByTestId('msg-clinic').filter({ hasText: text });

const row = (page: Page, text: string): Locator =>
  page.getByRole('list', { name: 'Danh sách hội thoại' }).getByRole('button').filter({ hasText: text });
const thread = (page: Page): Locator => page.getByRole('list', { name: 'Tin nhắn' });
const outbound = (page: Page, text: string): Locator =>
  thread(page).locator('[data-direction="out"]').filter({ hasText: text });
const delivery = (page: Page, text: string, state: string) =>
  outbound(page, text).locator(`[data-testid="delivery-state"][data-state="${state}"]`);

/** Marks the document so a reload (which would wipe the mark) is detected. */
const markDocument = (page: Page) => page.evaluate(() => Object.assign(window, { __noReload: true }));
const stillSameDocument = (page: Page) =>
  page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);

/**
 * The reply shows once: when the provider's echo of it was stored before the send's answer, it shows for a moment and
 * then folds into the reply.
 */
async function shownOnce(page: Page, text: string) {
  await outbound(page, text).first().waitFor();
  await expect.poll(() => outbound(page, text).count(), { timeout: 25_000, interval: 100 }).toBe(1);
}

async function reply(page: Page, text: string) {
  await page.getByLabel('Nội dung trả lời').fill(text);
  await page.getByRole('button', { name: 'Gửi' }).click();
  await shownOnce(page, text);
}

// Generous bounds: the machine may be busy with other test files; nothing here measures speed.
describe('omnichannel inbox live in Chromium', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    requireConsoleBuild();
    mkdirSync(artifacts, { recursive: true });
    ({ hub, sandbox } = await startHubWithSandbox());
    agent1 = await launchBrowser({ viewport: { width: 1366, height: 768 } });
    agent2 = await launchBrowser({ viewport: { width: 1366, height: 768 } });
    patient = await launchBrowser({ viewport: { width: 390, height: 844 } });
    page1 = agent1.page;
    page2 = agent2.page;
    phonePage = patient.page;
    phonePage.setDefaultTimeout(25_000);
    // (the sandbox answers /phone, not /phone/)
    await phonePage.goto(`${sandbox.url}/phone`);
    await phonePage.getByTestId('patient-select').locator('option').first().waitFor({ state: 'attached' });
    page1.setDefaultTimeout(25_000);
    page2.setDefaultTimeout(25_000);
  });

  afterAll(async () => {
    await agent1?.close();
    await agent2?.close();
    await patient?.close();
    await sandbox?.stop();
    await hub?.stop();
  });

  it('two agents open the inbox with a live connection', async () => {
    await signInToInbox(page1, 'agent1@demo.medicrm.vn');
    await signInToInbox(page2, 'agent2@demo.medicrm.vn');
    await markDocument(page1);
    await markDocument(page2);
  });

  it('Zalo: the patient writes from the phone page → appears live → the phone shows the reply delivered', async () => {
    const question = 'Chào phòng khám, tôi muốn đặt lịch khám tổng quát sáng thứ Bảy này được không ạ?';
    await patientWrites('huong', 'zalo', question);

    // Both agents see it arrive without reloading.
    const item = row(page1, 'đặt lịch khám tổng quát');
    await item.waitFor();
    await row(page2, 'đặt lịch khám tổng quát').waitFor();
    expect(await item.textContent()).toContain('Nguyễn Thị Thu Hương');
    expect(await item.locator('[data-channel="zalo_oa"]').count()).toBe(1);
    expect(await stillSameDocument(page1)).toBe(true);
    expect(await stillSameDocument(page2)).toBe(true);
    await page1.screenshot({ path: `${artifacts}01-inbox-new-zalo.png` });

    await item.click();
    await thread(page1).locator('[data-direction="in"]').filter({ hasText: question }).waitFor();
    const meter = page1.getByTestId('window-meter');
    await meter.getByText('Có thể trả lời miễn phí', { exact: false }).waitFor();
    expect(await meter.getAttribute('data-reason')).toBe('zalo_free_window');
    await row(page2, 'đặt lịch khám tổng quát').click();
    await thread(page2).locator('[data-direction="in"]').filter({ hasText: question }).waitFor();

    const answer = 'Dạ chào chị Hương, sáng thứ Bảy phòng khám còn lịch lúc 8:30 và 9:15 ạ.';
    await reply(page1, answer);
    // The provider's delivery event comes back through the webhook and shows live: "Đã nhận".
    await delivery(page1, answer, 'delivered').waitFor();
    await replyOnPhone(answer).and(phonePage.locator('[data-state="delivered"]')).waitFor();
    expect(await replyOnPhone(answer).getByTestId('msg-state').textContent()).toBe('Đã nhận');
    await page1.screenshot({ path: `${artifacts}02-conversation-zalo-delivered.png` });
    await phonePage.screenshot({ path: `${artifacts}03-phone-zalo-delivered.png` });

    // Agent 2 sees agent 1's reply appear in the open conversation without a reload.
    await shownOnce(page2, answer);
    expect(await stillSameDocument(page2)).toBe(true);
    await page2.screenshot({ path: `${artifacts}04-agent2-sees-reply.png` });

    // The patient reads it on the phone → "Đã xem" for both agents.
    await phonePage.getByTestId('mark-seen').click();
    await delivery(page1, answer, 'read').waitFor();
    await delivery(page2, answer, 'read').waitFor();
  });

  it('Messenger: the patient writes from the phone page → appears live → the reply is delivered', async () => {
    const question = 'Cho em hỏi gói khám sức khoẻ cho bé 5 tuổi giá bao nhiêu ạ?';
    await patientWrites('minhthu', 'messenger', question);
    const item = row(page1, 'gói khám sức khoẻ cho bé');
    await item.waitFor();
    expect(await item.locator('[data-channel="messenger"]').count()).toBe(1);
    await item.click();
    await thread(page1).locator('[data-direction="in"]').filter({ hasText: question }).waitFor();
    expect(await page1.getByTestId('window-meter').getAttribute('data-reason')).toBe('messenger_standard_window');

    const answer = 'Dạ gói khám sức khoẻ cho bé 5 tuổi là 850.000 đồng ạ.';
    await page1.getByLabel('Nội dung trả lời').fill(answer);
    await page1.getByLabel('Nội dung trả lời').press('Control+Enter');
    await delivery(page1, answer, 'delivered').waitFor();
    await replyOnPhone(answer).and(phonePage.locator('[data-state="delivered"]')).waitFor();
    await page1.screenshot({ path: `${artifacts}05-conversation-messenger-delivered.png` });
    expect(await stillSameDocument(page1)).toBe(true);
  });

  it('a private note with an @mention stays inside the clinic', async () => {
    await page1.getByRole('radiogroup', { name: 'Loại tin' }).getByText('Ghi chú nội bộ').click();
    const box = page1.getByLabel('Nội dung ghi chú');
    await box.fill('Nhờ chị ');
    await box.pressSequentially('@Bìn');
    await page1.getByRole('option', { name: '@Lê Thị Bình' }).click();
    await box.pressSequentially('gọi lại cho khách giúp em.');
    await page1.getByRole('button', { name: 'Lưu ghi chú' }).click();
    await thread(page1).locator('[data-direction="note"]').filter({ hasText: '@Lê Thị Bình gọi lại' }).waitFor();
    await page1.screenshot({ path: `${artifacts}06-private-note.png` });
    // the phone (still on Messenger) never receives it
    await phonePage.getByTestId('msg-clinic').first().waitFor();
    expect(await phonePage.getByTestId('thread').textContent()).not.toContain('gọi lại cho khách');
  });

  it('Email: the patient mails the clinic → appears live → the reply reaches the mailbox in the thread', async () => {
    const question = 'Phòng khám cho tôi hỏi kết quả xét nghiệm máu tuần trước đã có chưa?';
    await patientWrites('ngocanh', 'email', question, 'Hỏi kết quả xét nghiệm');
    const item = row(page1, 'kết quả xét nghiệm máu');
    await item.waitFor();
    expect(await item.locator('[data-channel="email"]').count()).toBe(1);
    await item.click();
    await thread(page1).locator('[data-direction="in"]').filter({ hasText: question }).waitFor();
    expect(await page1.getByTestId('window-meter').getAttribute('data-reason')).toBe('email');

    const answer = 'Kính gửi chị Ngọc Anh, kết quả đã có, chị có thể xem trong ứng dụng ạ.';
    await reply(page1, answer);
    await outbound(page1, answer).locator('[data-testid="delivery-state"]:not([data-state="queued"])').waitFor();
    // the mailbox on the phone page has the reply, in the same thread (Re: the subject)
    await replyOnPhone(answer).waitFor();
    expect(await replyOnPhone(answer).textContent()).toContain('Re: Hỏi kết quả xét nghiệm');
    expect(await outbound(page1, answer).getAttribute('data-direction')).toBe('out');
    await page1.screenshot({ path: `${artifacts}07-conversation-email.png` });
    await phonePage.screenshot({ path: `${artifacts}08-phone-email.png` });
  });

  it('opens the contact with one timeline across channels, and records a hotline call as a ticket', async () => {
    // the row now previews the clinic's last reply
    await row(page1, 'Dạ chào chị Hương').click();
    await page1.getByRole('button', { name: 'Hồ sơ khách' }).click();
    await page1.getByRole('link', { name: 'Mở hồ sơ đầy đủ' }).click();
    await page1.getByRole('heading', { name: 'Nguyễn Thị Thu Hương', level: 2 }).waitFor();
    const timeline = page1.getByRole('region', { name: 'Dòng thời gian' });
    await timeline.getByText('đặt lịch khám tổng quát', { exact: false }).first().waitFor();
    expect(await timeline.textContent()).toContain('Zalo OA');
    await page1.screenshot({ path: `${artifacts}09-contact-page.png`, fullPage: true });

    await page1.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hộp thư' }).click();
    await page1.getByRole('button', { name: 'Ghi nhận cuộc gọi' }).click();
    const form = page1.getByRole('dialog', { name: 'Ghi nhận cuộc gọi tổng đài' });
    await form.getByLabel('Số điện thoại người gọi').fill('0912 345 678');
    await form.getByLabel('Nội dung cuộc gọi').fill('Khách gọi hỏi giờ làm việc chủ nhật; đã hẹn gọi lại.');
    await page1.screenshot({ path: `${artifacts}10-hotline-form.png` });
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    await thread(page1).getByText('Khách gọi hỏi giờ làm việc chủ nhật', { exact: false }).waitFor();
    expect(new URL(page1.url()).pathname).toMatch(/^\/inbox\/[0-9a-f-]{36}$/);
    // the caller's phone matched the existing contact
    await page1.getByRole('heading', { name: 'Nguyễn Thị Thu Hương', level: 2 }).waitFor();
    await row(page1, 'Khách gọi hỏi giờ làm việc').locator('[data-channel="hotline"]').waitFor();
  });

  it('degrades on a phone: the list, then the conversation with a way back', async () => {
    await page2.setViewportSize({ width: 390, height: 844 });
    await page2.goto(`${hub!.url}/inbox`);
    await row(page2, 'Dạ chào chị Hương').waitFor();
    await page2.screenshot({ path: `${artifacts}11-phone-list.png` });
    await row(page2, 'Dạ chào chị Hương').click();
    await page2.getByRole('button', { name: 'Quay lại danh sách' }).waitFor();
    await page2.screenshot({ path: `${artifacts}12-phone-conversation.png` });
  });

  it('ran without script errors', () => {
    const unexpected = [...agent1!.errors, ...agent2!.errors].filter((e) => !/status of 401/.test(e));
    expect(unexpected).toEqual([]);
  });
});
