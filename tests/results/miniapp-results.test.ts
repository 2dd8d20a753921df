import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactIdentities, results } from '../../db/schema/index.ts';
import { type RunningSandbox, startSandbox } from '../../sandbox/server.ts';
import { type LaunchedBrowser, launchBrowser } from '../support/browser.ts';
import { Agent, startTestHub } from '../support/hub.ts';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc.ts';
import { seedFamily, seedLabResult, seedOrder } from './support.ts';

/**
 * The whole results path in Chromium on a phone-sized viewport, with the hub's workers running: a lab result released
 * by a clinician over the staff API, and a study sent to a real Orthanc with the order's accession number, picked up by
 * the scheduled PACS poller, linked, and auto-released (CR) through the outbox. The patient then reads both in the Mini
 * App's fake-bridge build: values with their flags, the imaging report and its preview, zoomed on tap.
 */
const fakeBuild = fileURLToPath(new URL('../../miniapp/dist-fake/index.html', import.meta.url));
const artifacts = fileURLToPath(new URL('../../test-artifacts/results/', import.meta.url));

type Hub = Awaited<ReturnType<typeof startTestHub>>;
let orthanc: TestOrthanc | undefined;
let sandbox: RunningSandbox | undefined;
let hub: Hub | undefined;
let browser: LaunchedBrowser | undefined;
let page: Page;
const zaloId = `85${Date.now()}`.slice(0, 19);
const ids: { lab?: string; imaging?: string } = {};

const screen = (name: string): Locator => page.locator(`[data-screen="${name}"]`).last();
async function shot(name: string) {
  await page.waitForFunction(
    () =>
      document.querySelectorAll('.zaui-page').length === 1 &&
      document.getAnimations().every((a) => a.playState !== 'running'),
  );
  await page.screenshot({ path: `${artifacts}${name}.png` });
}

describe('results in the Mini App (fake Zalo bridge) in Chromium', { timeout: 150_000 }, () => {
  beforeAll(async () => {
    if (!existsSync(fakeBuild)) {
      throw new Error(`The Mini App is not built (${fakeBuild} is missing). Run \`npm run build:miniapp:fake\` first.`);
    }
    rmSync(artifacts, { recursive: true, force: true });
    mkdirSync(artifacts, { recursive: true });
    orthanc = await startTestOrthanc();
    sandbox = await startSandbox({ hubUrl: 'http://127.0.0.1' });
    hub = await startTestHub({
      env: {
        SANDBOX: 'true',
        SANDBOX_URL: sandbox.url,
        ...orthanc.env,
        PACS_POLL_SECONDS: '1',
        RESULTS_AUTO_RELEASE_MODALITIES: 'CR',
      },
    });
    browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
    page = browser.page;
    page.setDefaultTimeout(25_000);
    await page.route(/zadn\.vn|zdn\.vn/, (r) => r.abort());
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    await sandbox?.stop();
    await orthanc?.close();
  });

  it('signs the patient in, then results arrive: a lab released by a clinician, a study auto-released from the PACS', async () => {
    await page.goto(`${hub!.url}/miniapp/?zaloUser=${zaloId}&zaloName=${encodeURIComponent('Nguyễn Văn An')}`);
    await screen('sign-in').getByRole('button', { name: 'Đồng ý và tiếp tục' }).click();
    await screen('home').getByText('Xin chào, Nguyễn Văn An').waitFor();
    const [identity] = await hub!.db
      .select({ contactId: contactIdentities.contactId })
      .from(contactIdentities)
      .where(and(eq(contactIdentities.channel, 'miniapp'), eq(contactIdentities.externalId, zaloId)));
    const family = await seedFamily(hub!.db, { name: 'Nguyễn Văn An', contactId: identity!.contactId });

    const lab = await seedLabResult(hub!.db, { patientId: family.patientId });
    ids.lab = lab.resultId;
    const clinician = new Agent((input, init) => fetch(String(input).replace('http://localhost', hub!.url), init));
    expect((await clinician.signIn('clinician@demo.medicrm.vn')).status).toBe(200);
    expect((await clinician.request('POST', `/api/results/${lab.resultId}/release`)).status).toBe(200);

    const order = await seedOrder(hub!.db, {
      patientId: family.patientId,
      kind: 'imaging',
      serviceCode: 'XQ-NGUC',
      serviceName: 'X-quang ngực thẳng',
      accessionNumber: `ACC${Date.now()}`.slice(0, 16),
      modality: 'CR',
    });
    orthanc!.store({
      accessionNumber: order.accessionNumber,
      patientId: family.hisMrn!,
      patientName: 'Nguyễn^Văn An',
      description: 'X-quang ngực thẳng',
      images: 2,
      report: {
        finding: 'Bóng tim không to. Hai phế trường sáng.',
        impression: 'Phim X-quang ngực bình thường.',
      },
    });
    // the scheduled poller (every second) and the outbox carry it to release: no test code calls them
    await expect
      .poll(
        async () => {
          const [r] = await hub!.db.select().from(results).where(eq(results.orderId, order.id));
          ids.imaging = r?.id;
          return r?.releasedByRule ?? null;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe('modality:CR');
  });

  it('lists both results, and shows the lab values with the abnormal one flagged', async () => {
    await page
      .locator('#mc-nav')
      .getByRole('button', { name: /Tài khoản/ })
      .click();
    await screen('account')
      .getByRole('button', { name: /Kết quả khám/ })
      .click();
    const list = screen('results');
    await list.getByRole('button', { name: 'Kết quả Sinh hóa máu' }).waitFor();
    await list.getByRole('button', { name: 'Kết quả X-quang ngực thẳng' }).waitFor();
    expect(await list.getByRole('button', { name: 'Kết quả Sinh hóa máu' }).textContent()).toContain(
      '1 chỉ số ngoài khoảng tham chiếu',
    );
    await shot('01-results');

    await list.getByRole('button', { name: 'Kết quả Sinh hóa máu' }).click();
    const detail = screen('result-detail');
    const glucose = detail.getByRole('row', { name: /Glucose/ });
    await glucose.waitFor();
    expect(await glucose.getAttribute('data-abnormal')).toBe('true');
    expect(await glucose.textContent()).toContain('Cao ↑');
    expect(await glucose.textContent()).toContain('3.9-6.4');
    // highlighted: the value is drawn in the danger colour
    const colour = await glucose.locator('.mc-value').evaluate((el) => getComputedStyle(el).color);
    expect(colour).toBe('rgb(196, 38, 29)');
    expect(await detail.getByRole('row', { name: /Creatinin/ }).getAttribute('data-abnormal')).toBe('false');
    await shot('02-lab-result');
  });

  it('shows the imaging report and its preview, and zooms the picture on tap', async () => {
    await page.locator('.zaui-header').last().getByRole('button', { name: 'Quay lại' }).click();
    await screen('results').getByRole('button', { name: 'Kết quả X-quang ngực thẳng' }).click();
    const detail = screen('result-detail');
    await detail.getByText(/Kết luận: Phim X-quang ngực bình thường\./).waitFor();
    const thumb = detail.getByRole('img', { name: 'X-quang ngực thẳng · ảnh 1' });
    await thumb.waitFor();
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
    expect(await detail.getByRole('img').count()).toBe(2);
    await shot('03-imaging-result');

    await detail.getByRole('button', { name: 'Phóng to X-quang ngực thẳng · ảnh 1' }).click();
    const zoom = page.getByRole('dialog', { name: 'Ảnh phóng to' });
    await zoom.getByRole('button', { name: 'Phóng to ảnh' }).click();
    await zoom.getByRole('button', { name: 'Thu nhỏ ảnh' }).waitFor();
    const width = await zoom.getByRole('img').evaluate((img) => img.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(390);
    await page.screenshot({ path: `${artifacts}04-zoomed.png` });
    await zoom.getByRole('button', { name: 'Đóng ảnh' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });

  it('ran without a page error', () => {
    expect(browser!.errors).toEqual([]);
  });
});
