import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { period, seedReportData } from '../reports/seed.ts';
import { type LaunchedBrowser, launchBrowser } from '../support/browser.ts';
import { requireConsoleBuild, signIn } from '../support/console.ts';
import { startTestHub } from '../support/hub.ts';

/**
 * A supervisor in Chromium opens "Báo cáo", picks the period of a known month of activity, sees the charts and the
 * tables, and downloads one table as CSV (BOM, Vietnamese headers, the figures the page shows).
 * Screens are saved under test-artifacts/reports/.
 */
const artifacts = fileURLToPath(new URL('../../test-artifacts/reports/', import.meta.url));

type Hub = Awaited<ReturnType<typeof startTestHub>>;
let hub: Hub | undefined;
let browser: LaunchedBrowser | undefined;
let page: Page;

/** Upper bounds for polls, not speed requirements: the machine is shared. */
const wait = { timeout: 25_000, interval: 100 };

describe('reports in Chromium', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    requireConsoleBuild();
    mkdirSync(artifacts, { recursive: true });
    hub = await startTestHub();
    await seedReportData(hub.db);
    browser = await launchBrowser({ viewport: { width: 1366, height: 900 } });
    page = browser.page;
    page.setDefaultTimeout(25_000);
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('a supervisor opens "Báo cáo" from the menu, picks a period and sees every figure with its chart', async () => {
    await signIn(page, `${hub!.url}/`, 'supervisor@demo.medicrm.vn');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByRole('heading', { name: 'Báo cáo', level: 2 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/reports');

    await page.getByLabel('Từ ngày').fill(period.from);
    // from March 2025 to today is more than a year: said on the page, not sent to the hub
    await page.getByText('Tối đa 366 ngày').waitFor();
    await page.getByLabel('Đến ngày').fill(period.to);
    const funnel = page.getByRole('region', { name: 'Phễu đặt lịch' });
    const sources = funnel.getByRole('table', { name: 'Chuyển đổi theo kênh nguồn' });
    await expect.poll(async () => sources.locator('tbody tr').count(), wait).toBe(5);
    const zalo = await sources.locator('tr', { hasText: 'Zalo OA' }).textContent();
    expect(zalo).toContain('100%');

    for (const name of [
      'Khách hàng mới và hội thoại mới',
      'Phễu đặt lịch',
      'Vắng mặt và huỷ lịch',
      'Thời gian phản hồi và SLA',
      'Thông báo: tỉ lệ đến và chi phí',
      'Thời gian trả kết quả',
    ]) {
      const region = page.getByRole('region', { name });
      await region.scrollIntoViewIfNeeded();
      // recharts draws into an SVG surface once it has a size
      await expect.poll(async () => region.locator('svg.recharts-surface').count(), wait).toBeGreaterThan(0);
    }
    const times = page.getByRole('table', { name: 'Thời gian phản hồi theo nhân viên' });
    expect(await times.locator('tr', { hasText: 'Nguyễn Văn An' }).textContent()).toContain('45 phút');
    // the one 401 is the session check before signing in; a period the hub refuses is never asked for
    expect(browser!.errors.filter((e) => !e.includes('401'))).toEqual([]);
    await page.screenshot({ path: `${artifacts}reports-01-dashboard.png`, fullPage: true });
  });

  it('downloads the funnel by source channel as a CSV Excel opens in Vietnamese', async () => {
    const funnel = page.getByRole('region', { name: 'Phễu đặt lịch' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      funnel.getByRole('link', { name: 'CSV theo kênh nguồn' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`bao-cao-pheu-dat-lich-bySource-${period.from}_${period.to}.csv`);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe(
      'Kênh nguồn,Khách mới,Đã đặt lịch,Đã đến khám,Hoàn tất khám,Tỉ lệ đặt lịch (%),Tỉ lệ hoàn tất (%)',
    );
    expect(lines).toContain('Zalo OA,2,2,1,1,100,50');
    expect(lines).toHaveLength(6);
  });
});
