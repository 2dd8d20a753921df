import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignRecipients, campaigns, consents, contacts } from '../../db/schema/index.ts';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { fastNotify } from '../notify/support.ts';
import { type LaunchedBrowser, launchBrowser } from '../support/browser.ts';
import { startHubWithSandbox, type TestHub } from '../support/channels.ts';
import { requireConsoleBuild, signIn } from '../support/console.ts';

/**
 * A marketer in Chromium against the whole hub (HTTP, relay, workers) and the sandbox ZNS: builds a segment by a tag
 * and sees its live count, saves it, plans a campaign from it (audience, consent, cost, quota), sends it, pauses and
 * resumes it, watches the progress bar reach completion and reads the report, whose figures match the recipients
 * stored. The audience is 60 contacts carrying the tag: 50 agreed to ZNS marketing (2 of them have no Zalo account,
 * so ZNS fails with -118) and 10 never agreed (skipped). Screens are saved under test-artifacts/campaigns/.
 */
const artifacts = fileURLToPath(new URL('../../test-artifacts/campaigns/', import.meta.url));

const tag = 'ưu đãi tháng 12';
const audience = 60;
const consenting = 50;
const phoneOf = (i: number) => `849700${String(i).padStart(5, '0')}`;
/** consenting contacts whose number has no Zalo account in the sandbox (ZNS -118) */
const noZalo = [phoneOf(3), phoneOf(7)];

let hub: TestHub | undefined;
let sandbox: RunningSandbox | undefined;
let browser: LaunchedBrowser | undefined;
let page: Page;
let campaignId = '';

/** Upper bounds for polls, not speed requirements: the machine is shared. */
const wait = { timeout: 25_000, interval: 100 };
const nav = () => page.getByRole('navigation', { name: 'Điều hướng chính' });
const text = async (testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').replace(/\s+/g, ' ');

async function recipientStates(id: string) {
  const rows = await hub!.db
    .select({ state: campaignRecipients.state, n: sql<number>`count(*)::int` })
    .from(campaignRecipients)
    .where(eq(campaignRecipients.campaignId, id))
    .groupBy(campaignRecipients.state);
  return Object.fromEntries(rows.map((r) => [r.state, r.n])) as Record<string, number>;
}

describe('campaigns in Chromium', { timeout: 300_000 }, () => {
  beforeAll(async () => {
    requireConsoleBuild();
    mkdirSync(artifacts, { recursive: true });
    ({ hub, sandbox } = await startHubWithSandbox(fastNotify));
    const res = await fetch(`${sandbox.url}/zns/_sandbox/settings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ noZaloPhones: noZalo }),
    });
    expect(res.ok).toBe(true);

    const people = await hub.db
      .insert(contacts)
      .values(
        Array.from({ length: audience }, (_, i) => ({
          fullName: `Khách ưu đãi ${i + 1}`,
          phone: phoneOf(i),
          tags: [tag],
          firstChannel: 'hotline' as const,
        })),
      )
      .returning({ id: contacts.id });
    await hub.db.insert(consents).values(
      people.slice(0, consenting).map((p) => ({
        contactId: p.id,
        channel: 'zns' as const,
        purpose: 'marketing' as const,
        status: 'granted' as const,
        source: 'import' as const,
        evidence: { form: 'phieu-dang-ky-uu-dai' },
      })),
    );

    browser = await launchBrowser({ viewport: { width: 1440, height: 900 } });
    page = browser.page;
    // generous: the machine may be busy with other test files; nothing here measures speed
    page.setDefaultTimeout(25_000);
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    await hub?.stop();
  });

  it('the marketer signs in and finds the campaign pages in the menu', async () => {
    await signIn(page, `${hub!.url}/`, 'marketer@demo.medicrm.vn');
    await nav().getByRole('link', { name: 'Chiến dịch' }).waitFor();
    await nav().getByRole('link', { name: 'Phân khúc' }).click();
    await page.getByRole('heading', { name: 'Phân khúc', level: 2 }).waitFor();
  });

  it('builds a segment by tag; the live count and the consent per channel follow the filter', async () => {
    const count = page.getByTestId('segment-count');
    // every contact first (the seeded clinic plus the 60 above), then only the tagged ones
    await expect
      .poll(async () => Number((await count.textContent())?.replace(/\D/g, '')), wait)
      .toBeGreaterThan(audience);
    await page.getByRole('textbox', { name: 'Nhãn (có ít nhất một)' }).click();
    await page.getByRole('option', { name: new RegExp(`^${tag}`) }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => count.textContent(), wait).toBe(String(audience));
    expect(await text('consent-zns')).toContain(String(consenting));
    await page.getByLabel('Tên phân khúc').fill('Khách nhận ưu đãi tháng 12');
    await page.screenshot({ path: `${artifacts}campaigns-01-segment-builder.png`, fullPage: true });

    await page.getByRole('button', { name: 'Lưu phân khúc' }).click();
    await page.getByText('Đã lưu phân khúc “Khách nhận ưu đãi tháng 12”.').waitFor();
    const row = page.getByRole('table', { name: 'Phân khúc đã lưu' }).locator('tr', { hasText: 'Khách nhận ưu đãi' });
    await expect.poll(async () => (await row.textContent()) ?? '', wait).toContain(`Nhãn: ${tag}`);
    expect(await row.textContent()).toContain(String(audience));
  });

  it('plans a campaign from the segment: audience, consent, cost in VND and the daily ZNS quota', async () => {
    const row = page.getByRole('table', { name: 'Phân khúc đã lưu' }).locator('tr', { hasText: 'Khách nhận ưu đãi' });
    await row.getByRole('link', { name: 'Tạo chiến dịch' }).click();
    await page.getByRole('heading', { name: 'Tạo chiến dịch' }).waitFor();
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Phân khúc khách hàng' }).inputValue(), wait)
      .toContain('Khách nhận ưu đãi tháng 12');
    await expect.poll(() => page.getByRole('textbox', { name: 'Mẫu ZNS tiếp thị' }).inputValue(), wait).not.toBe('');
    await page.getByLabel('Tên chiến dịch').fill('Ưu đãi khám da tháng 12');
    await page.getByLabel('Tiêu đề ưu đãi').fill('Giảm 20% gói khám da liễu');
    await page.getByLabel('Lời nhắn').fill('Ưu đãi dành riêng cho khách quen đến hết 31/12.');
    await page.getByLabel('Đường dẫn khi khách bấm vào tin').fill('https://phongkham.example.vn/uu-dai-thang-12');
    // slow enough to pause it half-way on a busy machine: 50 sends take about 25 s
    await page.getByLabel('Tốc độ gửi (tin/phút)').fill('120');
    await page.getByRole('button', { name: 'Xem kế hoạch gửi' }).click();

    const summary = page.getByRole('region', { name: 'Kế hoạch gửi' });
    await summary.waitFor();
    expect(await text('plan-audience')).toContain(String(audience));
    expect(await text('plan-consent')).toContain(String(consenting));
    // the figures are the hub's plan, formatted the Vietnamese way
    const [draft] = await hub!.db.select().from(campaigns).where(eq(campaigns.name, 'Ưu đãi khám da tháng 12'));
    expect(draft?.status).toBe('draft');
    campaignId = draft!.id;
    const plan = (await (await page.request.get(`${hub!.url}/api/campaigns/${campaignId}/plan`)).json()) as {
      costVnd: { zns: number; total: number };
      znsDailyQuota: number;
    };
    const vnd = (n: number) =>
      new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 })
        .format(n)
        .replace(/\s+/g, ' ');
    expect(plan.costVnd.zns).toBeGreaterThan(0);
    expect(await text('cost-zns')).toBe(vnd(plan.costVnd.zns));
    expect(await text('cost-total')).toBe(vnd(plan.costVnd.total));
    expect(await text('plan-quota')).toContain(`${new Intl.NumberFormat('vi-VN').format(plan.znsDailyQuota)} tin/ngày`);
    await page.screenshot({ path: `${artifacts}campaigns-02-planner.png`, fullPage: true });
  });

  it('sends now, pauses and resumes, and watches the progress bar reach completion', async () => {
    await page.getByRole('button', { name: 'Gửi chiến dịch' }).click();
    const dialog = page.getByRole('dialog', { name: 'Gửi chiến dịch ngay?' });
    await dialog.getByRole('button', { name: 'Gửi ngay' }).click();
    await page.waitForURL(`**/campaigns/${campaignId}`);
    await page.getByRole('heading', { name: 'Ưu đãi khám da tháng 12' }).waitFor();
    const status = page.getByTestId('campaign-status');
    const bar = page.getByRole('progressbar', { name: 'Tiến độ gửi' });
    await bar.waitFor();
    await page.getByTestId('live-mode').waitFor();

    await page.getByRole('button', { name: 'Tạm dừng' }).click();
    await page.getByRole('dialog', { name: 'Tạm dừng chiến dịch?' }).getByRole('button', { name: 'Tạm dừng' }).click();
    await expect.poll(() => status.textContent(), wait).toBe('Tạm dừng');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    const [paused] = await hub!.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
    expect(paused?.status).toBe('paused');
    await page.getByRole('button', { name: 'Tiếp tục gửi' }).waitFor();
    await page.screenshot({ path: `${artifacts}campaigns-03-paused.png`, fullPage: true });

    await page.getByRole('button', { name: 'Tiếp tục gửi' }).click();
    await page.getByRole('dialog', { name: 'Tiếp tục chiến dịch?' }).getByRole('button', { name: 'Tiếp tục' }).click();
    await expect.poll(() => status.textContent(), wait).toBe('Đang gửi');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), wait).toBeGreaterThan(0);
    await page.screenshot({ path: `${artifacts}campaigns-04-sending.png`, fullPage: true });

    await expect.poll(() => status.textContent(), { timeout: 180_000, interval: 250 }).toBe('Hoàn tất');
    await expect.poll(() => bar.getAttribute('aria-valuenow'), wait).toBe(String(audience));
    expect(await bar.getAttribute('aria-valuemax')).toBe(String(audience));
    expect(await text('progress-label')).toContain(`${audience} / ${audience} người nhận`);
  });

  it('opens the report: its counts are those of the recipients stored', async () => {
    const report = page.getByRole('region', { name: 'Kết quả chiến dịch' });
    await report.waitFor();
    // delivery reports may still arrive after the last send: let the stored states settle, then compare
    await expect
      .poll(async () => {
        const s = await recipientStates(campaignId);
        return (s.sent ?? 0) + (s.queued ?? 0) + (s.pending ?? 0);
      }, wait)
      .toBe(0);
    await page.getByRole('button', { name: 'Làm mới kết quả' }).click();
    const states = await recipientStates(campaignId);
    const reached = (states.sent ?? 0) + (states.delivered ?? 0) + (states.read ?? 0);
    expect(reached).toBe(consenting - noZalo.length);
    expect(states.failed).toBe(noZalo.length);
    expect(states.skipped).toBe(audience - consenting);

    await expect.poll(() => text('report-sent-value'), wait).toBe(String(reached));
    await expect
      .poll(() => text('report-delivered-value'), wait)
      .toBe(String((states.delivered ?? 0) + (states.read ?? 0)));
    expect(await text('report-failed-value')).toBe(String(noZalo.length));
    expect(await text('report-total-value')).toBe(String(audience));
    expect(await text('report-failed')).toContain(`Bỏ qua: ${audience - consenting}`);
    const failures = page.getByRole('table', { name: 'Thất bại theo mã lỗi' });
    expect(await failures.textContent()).toContain('-118');
    await page.screenshot({ path: `${artifacts}campaigns-05-report.png`, fullPage: true });

    // the CSV link serves every recipient, phones masked
    const href = await report.getByRole('link', { name: 'Tải danh sách người nhận (CSV)' }).getAttribute('href');
    const csv = await (await page.request.get(`${hub!.url}${href}`)).text();
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(audience + 1);
    expect(csv).not.toContain(phoneOf(0));
  });

  it('the campaign list shows it completed with a full bar', async () => {
    await nav().getByRole('link', { name: 'Chiến dịch' }).click();
    const row = page.getByRole('table', { name: 'Danh sách chiến dịch' }).locator('tr', { hasText: 'Ưu đãi khám da' });
    await expect.poll(async () => (await row.textContent()) ?? '', wait).toContain('Hoàn tất');
    expect(await row.getByRole('progressbar').getAttribute('aria-valuenow')).toBe(String(audience));
    await page.screenshot({ path: `${artifacts}campaigns-06-list.png`, fullPage: true });
    // nobody twice: one recipient per contact of the segment
    const tagged = await hub!.db.select({ id: contacts.id }).from(contacts).where(sql`${tag} = any(${contacts.tags})`);
    const recipients = await hub!.db
      .select({ contactId: campaignRecipients.contactId })
      .from(campaignRecipients)
      .where(
        and(
          eq(campaignRecipients.campaignId, campaignId),
          inArray(
            campaignRecipients.contactId,
            tagged.map((t) => t.id),
          ),
        ),
      );
    expect(recipients).toHaveLength(audience);
  });

  it('ran without script errors', () => {
    // the /me call before signing in answers 401; anything else is a bug
    expect(browser!.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
