import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, integrationMessages, notifications, patients, results } from '../../db/schema/index.ts';
import { type RunningSandbox, startSandbox } from '../../sandbox/server.ts';
import { seedOrder } from '../results/support.ts';
import { type LaunchedBrowser, launchBrowser } from '../support/browser.ts';
import { freePort } from '../support/channels.ts';
import { Agent, startTestHub } from '../support/hub.ts';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc.ts';

/**
 * The whole clinical loop with every part real and running: the patient books in the Mini App (fake Zalo bridge) →
 * the hub pushes ADT^A28 + SIU^S12 over MLLP to the sandbox HIS (built on @medplum/hl7, another library than ours),
 * which ACKs and assigns an MRN → the visit is completed at the HIS → its ORU^R01 comes back to the hub's listener →
 * a clinician releases it → the patient sees the values with their flags and gets a result-ready notice. Then a study
 * sent to a real Orthanc with the imaging order's accession number is polled, linked, released and shown with its
 * preview. No test code calls a worker: the outbox, the queues and the pollers carry everything.
 */
const fakeBuild = fileURLToPath(new URL('../../miniapp/dist-fake/index.html', import.meta.url));
const artifacts = fileURLToPath(new URL('../../test-artifacts/clinical/', import.meta.url));

type Hub = Awaited<ReturnType<typeof startTestHub>>;
let orthanc: TestOrthanc | undefined;
let sandbox: RunningSandbox | undefined;
let hub: Hub | undefined;
let browser: LaunchedBrowser | undefined;
let page: Page;
const zaloId = `86${Date.now()}`.slice(0, 19);
const state: { bookingCode?: string; appointmentId?: string; patientId?: string; labId?: string } = {};

const screen = (name: string): Locator => page.locator(`[data-screen="${name}"]`).last();
async function shot(name: string) {
  await page.waitForFunction(
    () =>
      document.querySelectorAll('.zaui-page').length === 1 &&
      document.getAnimations().every((a) => a.playState !== 'running'),
  );
  await page.screenshot({ path: `${artifacts}${name}.png` });
}
const until = <T>(fn: () => Promise<T>, timeout = 60_000) => expect.poll(fn, { timeout, interval: 250 });

describe('book → HIS → lab and imaging results → patient, in Chromium', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    if (!existsSync(fakeBuild)) {
      throw new Error(`The Mini App is not built (${fakeBuild} is missing). Run \`npm run build:miniapp:fake\` first.`);
    }
    rmSync(artifacts, { recursive: true, force: true });
    mkdirSync(artifacts, { recursive: true });
    const hl7Port = await freePort();
    const hisPort = await freePort();
    orthanc = await startTestOrthanc();
    sandbox = await startSandbox({
      hubUrl: 'http://127.0.0.1:9',
      smtpPort: await freePort(),
      hisMllpPort: hisPort,
      hubMllp: { host: '127.0.0.1', port: hl7Port },
    });
    hub = await startTestHub({
      env: {
        SANDBOX: 'true',
        SANDBOX_URL: sandbox.url,
        HL7_LISTEN_PORT: String(hl7Port),
        HIS_MLLP_PORT: String(hisPort),
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

  it('books a general check-up in the Mini App', async () => {
    await page.goto(`${hub!.url}/miniapp/?zaloUser=${zaloId}&zaloName=${encodeURIComponent('Đặng Thị Hồng')}`);
    await screen('sign-in').getByRole('button', { name: 'Đồng ý và tiếp tục' }).click();
    await screen('home').getByRole('button', { name: 'Đặt lịch khám' }).click();
    await screen('booking-branch')
      .getByRole('button', { name: /Phòng khám MediCRM Hà Nội/ })
      .click();
    const service = screen('booking-service');
    await service.getByRole('tab', { name: 'Gói khám' }).click();
    await service.getByRole('button', { name: /Khám tổng quát cơ bản/ }).click();
    await screen('booking-doctor')
      .getByRole('button', { name: /Bác sĩ bất kỳ/ })
      .click();
    const days = screen('booking-date').locator('button.mc-day:not([disabled])');
    await days.first().waitFor();
    await days.first().click();
    const times = screen('booking-slot').locator('button.mc-slot');
    await times.first().waitFor();
    await times.first().click();
    const profile = screen('booking-profile');
    await profile.getByRole('button', { name: /Thêm hồ sơ mới/ }).click();
    const form = profile.getByRole('form', { name: 'Hồ sơ bệnh nhân' });
    await form.getByLabel('Họ và tên').fill('Đặng Thị Hồng');
    await form.getByLabel('Ngày sinh').fill('1975-09-02');
    await form.getByRole('radio', { name: 'Nữ' }).click();
    await form.getByRole('button', { name: 'Lưu hồ sơ và tiếp tục' }).click();
    await screen('booking-confirm').getByRole('button', { name: 'Xác nhận đặt lịch' }).click();
    const code = screen('appointment-detail').getByTestId('booking-code');
    await code.waitFor();
    state.bookingCode = (await code.textContent()) ?? undefined;
    await shot('01-booked');
    const [appt] = await hub!.db
      .select({ id: appointments.id, patientId: appointments.patientId })
      .from(appointments)
      .where(eq(appointments.bookingCode, state.bookingCode!));
    state.appointmentId = appt!.id;
    state.patientId = appt!.patientId;
  });

  it('pushes the patient and the appointment to the HIS, which ACKs them and gives the patient an MRN', async () => {
    await until(async () => {
      const rows = await hub!.db
        .select({ type: integrationMessages.messageType, status: integrationMessages.status })
        .from(integrationMessages)
        .where(and(eq(integrationMessages.direction, 'outbound'), eq(integrationMessages.patientId, state.patientId!)));
      return rows.map((r) => `${r.type}:${r.status}`).sort();
    }).toEqual(['ADT^A28:acked', 'SIU^S12:acked']);
    const schedule = (await (await fetch(`${sandbox!.url}/his/_sandbox/schedule`)).json()) as {
      items: { bookingCode: string }[];
    };
    expect(schedule.items.map((v) => v.bookingCode)).toContain(state.bookingCode);
    await until(async () => {
      const [p] = await hub!.db
        .select({ mrn: patients.hisMrn })
        .from(patients)
        .where(eq(patients.id, state.patientId!));
      return p?.mrn ?? null;
    }).toMatch(/\S/);
  });

  it('takes the ORU^R01 of the completed visit, and a clinician releases it', async () => {
    const done = await fetch(`${sandbox!.url}/his/_sandbox/appointments/${state.bookingCode}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(done.status).toBe(200);
    await until(async () => {
      const [r] = await hub!.db.select().from(results).where(eq(results.patientId, state.patientId!));
      state.labId = r?.id;
      return r ? r.releasedToPatientAt : 'waiting';
    }).toBeNull();
    const clinician = new Agent((input, init) => fetch(String(input).replace('http://localhost', hub!.url), init));
    expect((await clinician.signIn('clinician@demo.medicrm.vn')).status).toBe(200);
    expect((await clinician.request('POST', `/api/results/${state.labId}/release`)).status).toBe(200);
    // the release becomes a result-ready notice through the outbox and the notification workers
    await until(async () => {
      const [n] = await hub!.db
        .select({ state: notifications.state })
        .from(notifications)
        .where(eq(notifications.resultId, state.labId!));
      return n?.state ?? 'none';
    }).toMatch(/^(sent|delivered|read)$/);
  });

  it('shows the patient the values with the abnormal one flagged', async () => {
    // the fake build opens on the home screen after a reload, signed in
    await page.reload();
    await page
      .locator('#mc-nav')
      .getByRole('button', { name: /Tài khoản/ })
      .click();
    await screen('account')
      .getByRole('button', { name: /Kết quả khám/ })
      .click();
    const list = screen('results');
    const item = list.getByRole('button', { name: /^Kết quả/ }).first();
    await item.waitFor();
    await shot('02-results');
    await item.click();
    const glucose = screen('result-detail').getByRole('row', { name: /Glucose/ });
    await glucose.waitFor();
    expect(await glucose.getAttribute('data-abnormal')).toBe('true');
    expect(await glucose.textContent()).toContain('3.9-6.4');
    await shot('03-lab-result');
  });

  it('links a study stored in Orthanc to the imaging order and shows it with its preview', async () => {
    const [p] = await hub!.db.select({ mrn: patients.hisMrn }).from(patients).where(eq(patients.id, state.patientId!));
    const order = await seedOrder(hub!.db, {
      patientId: state.patientId!,
      kind: 'imaging',
      serviceCode: 'XQ-NGUC',
      serviceName: 'X-quang ngực thẳng',
      accessionNumber: `ACC${Date.now()}`.slice(0, 16),
      modality: 'CR',
    });
    orthanc!.store({
      accessionNumber: order.accessionNumber!,
      patientId: p!.mrn!,
      patientName: 'Đặng^Thị Hồng',
      description: 'X-quang ngực thẳng',
      images: 1,
      report: { finding: 'Hai phế trường sáng.', impression: 'Phim X-quang ngực bình thường.' },
    });
    await until(async () => {
      const [r] = await hub!.db.select().from(results).where(eq(results.orderId, order.id));
      return r?.releasedByRule ?? null;
    }).toBe('modality:CR');
    await page.reload();
    await page
      .locator('#mc-nav')
      .getByRole('button', { name: /Tài khoản/ })
      .click();
    await screen('account')
      .getByRole('button', { name: /Kết quả khám/ })
      .click();
    await screen('results').getByRole('button', { name: 'Kết quả X-quang ngực thẳng' }).click();
    const detail = screen('result-detail');
    await detail.getByText(/Phim X-quang ngực bình thường/).waitFor();
    const thumb = detail.getByRole('img', { name: /X-quang ngực thẳng/ }).first();
    await thumb.waitFor();
    await until(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await shot('04-imaging-result');
  });

  it('ran without a page error', () => {
    expect(browser!.errors).toEqual([]);
  });
});
