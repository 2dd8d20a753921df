import { TZDate } from '@date-fns/tz';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, orders, results, webhookEvents } from '../../db/schema/index.ts';
import {
  createNotifications,
  createNotifyEngine,
  installNotifyEngine,
  type NotificationIntent,
  notifyEngine,
  scheduleSends,
} from '../../hub/notify/index.ts';
import { releaseResult } from '../../hub/results/index.ts';
import { builtInTemplates } from '../../templates/index.ts';
import { freeSlots } from '../booking/support.ts';
import { type NotifyHarness, newPatient, startNotifyHarness } from './support.ts';

let h: NotifyHarness;
beforeAll(async () => {
  h = await startNotifyHarness();
});
afterAll(async () => {
  await h?.close();
});

const sampleOf = (type: string) => builtInTemplates.find((t) => t.key === type)!.sample as Record<string, string>;
let seq = 0;

/** Asks the engine for one notification, as a rule or a campaign does; returns its id. */
async function notify(contactId: string, over: Partial<NotificationIntent> = {}): Promise<string> {
  const engine = notifyEngine(h.t.deps);
  const type = over.type ?? 'appointment-confirmed';
  const key = `test:${process.pid}:${++seq}`;
  const created = await h.t.db.transaction((tx) =>
    createNotifications(engine, tx, [{ type, contactId, params: sampleOf(type), idempotencyKey: key, ...over }]),
  );
  await scheduleSends(engine, created);
  return created[0]!.id;
}

const settled = (id: string) => async () => {
  const n = await h.notification(id);
  return ['delivered', 'read', 'failed', 'suppressed'].includes(n.state) ? n : undefined;
};

describe('notifications end to end against the sandbox twins', () => {
  it('an agent confirms a booking → the confirmation goes out by ZNS once and is reported delivered', async () => {
    const p = await newPatient(h.t);
    const agent = h.t.agent();
    await agent.signIn('agent1@demo.medicrm.vn');
    const [slot] = await freeSlots(h.t);
    const res = await agent.request('POST', '/api/appointments', { slotId: slot!.slotId, patientId: p.patientId });
    expect(res.status).toBe(201);
    const appt = (await res.json()) as { id: string; bookingCode: string };

    const n = await h.waitFor(async () => {
      const [row] = await h.t.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.appointmentId, appt.id), eq(notifications.templateKey, 'appointment-confirmed')));
      return row?.state === 'delivered' ? row : undefined;
    }, 'the confirmation delivered');
    expect(n).toMatchObject({ contactId: p.contactId, deliveredVia: 'zns', purpose: 'transactional' });
    expect((await h.accepted('zns'))[n.id]).toBe(1);
    const [attempt] = await h.attempts(n.id);
    expect(attempt).toMatchObject({ channel: 'zns', state: 'delivered', provider: 'zns', attemptNo: 1 });
    expect(attempt!.providerMessageId).toMatch(/^[0-9a-f]{20}$/);
    const sent = await h.twin<{ items: { templateId: string; to: string }[] }>(
      'GET',
      `/zns/_sandbox/accepted?trackingId=${n.id}`,
    );
    expect(sent.items[0]).toMatchObject({ templateId: '413001', to: p.phone });

    // the twin re-delivers its callback (a provider retry): stored once, nothing changes
    const hooks = await h.twin<{ items: { id: number; event: string }[] }>('GET', '/zns/_sandbox/webhooks');
    const last = hooks.items.filter((d) => d.event === 'user_received_message').at(-1)!;
    expect((await h.twin<{ status: number }>('POST', `/zns/_sandbox/webhooks/${last.id}/resend`)).status).toBe(200);
    const [stored] = await h.t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(webhookEvents)
      .where(and(eq(webhookEvents.source, 'zns'), sql`strpos(${webhookEvents.rawBody}, ${n.id}) > 0`));
    expect(stored!.n).toBe(1);
  });

  it('ZNS answers -118 (no Zalo account) → exactly one SMS, and the ZNS refusal stays on record', async () => {
    const p = await newPatient(h.t, { phone: '84909118118' });
    const id = await notify(p.contactId);
    const n = await h.waitFor(settled(id), 'the notification settled');
    expect(n).toMatchObject({ state: 'delivered', deliveredVia: 'sms' });
    expect((await h.accepted('esms'))[id]).toBe(1);
    expect((await h.accepted('zns'))[id]).toBeUndefined();
    const attempts = await h.attempts(id);
    expect(attempts.map((a) => [a.channel, a.state, a.errorCode])).toEqual([
      ['zns', 'failed', '-118'],
      ['sms', 'delivered', null],
    ]);
    expect(attempts[1]!.costVnd).toBeGreaterThan(0);
  });

  it('ZNS answers HTTP 503 for a while → retried with backoff, delivered once after it recovers', async () => {
    const p = await newPatient(h.t);
    await h.twin('POST', '/zns/_sandbox/faults', { http5xxForMs: 1_200 });
    try {
      const id = await notify(p.contactId);
      const n = await h.waitFor(settled(id), 'the notification settled');
      expect(n).toMatchObject({ state: 'delivered', deliveredVia: 'zns' });
      expect((await h.accepted('zns'))[id]).toBe(1);
      expect((await h.accepted('esms'))[id]).toBeUndefined();
      const attempts = await h.attempts(id);
      expect(attempts.length).toBeGreaterThan(1);
      expect(attempts.slice(0, -1).every((a) => a.errorClass === 'transient' && a.errorCode === 'http_503')).toBe(true);
      expect(attempts.at(-1)).toMatchObject({ channel: 'zns', state: 'delivered' });
    } finally {
      await h.twin('POST', '/zns/_sandbox/faults', { reset: true });
    }
  });

  it('a refusal on every channel parks the notification with its reasons; staff replay it once fixed', async () => {
    const p = await newPatient(h.t, { phone: '84909118118' });
    await h.twin('POST', '/esms/_sandbox/faults', { failNext: 1, failCode: '99' });
    const id = await notify(p.contactId, { plan: ['zns', 'sms'] });
    const parked = await h.waitFor(settled(id), 'the notification parked');
    expect(parked.state).toBe('failed');
    expect(parked.lastError).toContain('SMS');

    const admin = h.t.agent();
    await admin.signIn('admin@demo.medicrm.vn');
    const list = await admin.request('GET', '/api/notify/notifications?state=failed');
    expect(((await list.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toContain(id);
    const replay = await admin.request('POST', `/api/notify/notifications/${id}/replay`);
    expect(replay.status).toBe(200);
    const again = await h.waitFor(settled(id), 'the replay settled');
    expect(again).toMatchObject({ state: 'delivered', deliveredVia: 'sms' });
    expect((await h.accepted('esms'))[id]).toBe(1);
    expect((await admin.request('POST', `/api/notify/notifications/${id}/replay`)).status).toBe(409);
    const audit = await admin.request('GET', '/api/admin/audit?action=notification.replay');
    expect(((await audit.json()) as { items: { subjectId: string }[] }).items.map((a) => a.subjectId)).toContain(id);
  });

  it('a released lab result → a result-ready notice by ZNS carrying the web lookup link, never the values', async () => {
    const p = await newPatient(h.t);
    const [order] = await h.t.db
      .insert(orders)
      .values({
        kind: 'lab',
        patientId: p.patientId,
        placerOrderNumber: `PO-${p.phone}`,
        serviceCode: 'SHM',
        serviceName: 'Sinh hóa máu',
        status: 'completed',
      })
      .returning({ id: orders.id });
    const [result] = await h.t.db
      .insert(results)
      .values({ orderId: order!.id, patientId: p.patientId, kind: 'lab', status: 'final', title: 'Sinh hóa máu' })
      .returning({ id: results.id });
    await h.t.db.transaction((tx) => releaseResult(tx, result!.id, { kind: 'rule', rule: 'test' }));
    const n = await h.waitFor(async () => {
      const [row] = await h.t.db.select().from(notifications).where(eq(notifications.resultId, result!.id));
      return row?.state === 'delivered' ? row : undefined;
    }, 'the result-ready notice');
    expect(n).toMatchObject({ templateKey: 'result-ready', deliveredVia: 'zns', contactId: p.contactId });
    const sent = await h.twin<{ items: { templateId: string }[] }>('GET', `/zns/_sandbox/accepted?trackingId=${n.id}`);
    expect(sent.items[0]!.templateId).toBe('413005');
    expect(String(n.params.webLink)).toMatch(new RegExp(`^${h.hubUrl}/kq/`));
    expect(n.params.resultKind).toBe('xét nghiệm');
  });

  it('quiet hours defer care messages to 06:00; transactional and urgent ones go at once', async () => {
    const original = notifyEngine(h.t.deps);
    // 23:10 clinic time two days from now (the deferral must land in the future, whatever day the test runs)
    const day = new TZDate(Date.now() + 2 * 86_400_000, 'Asia/Ho_Chi_Minh');
    const lateEvening = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), 23, 10, 0, 'Asia/Ho_Chi_Minh');
    const nextMorning = new TZDate(day.getFullYear(), day.getMonth(), day.getDate() + 1, 6, 0, 0, 'Asia/Ho_Chi_Minh');
    installNotifyEngine(
      h.t.deps,
      createNotifyEngine(h.t.deps, original.adapters, {
        now: () => new Date(lateEvening.getTime()),
        settings: { quiet: { startMinute: 22 * 60, endMinute: 6 * 60 } },
      }),
    );
    try {
      const p = await newPatient(h.t);
      const care = await notify(p.contactId, { type: 're-exam-reminder' });
      const urgent = await notify(p.contactId, { type: 're-exam-reminder', urgent: true });
      const transactional = await notify(p.contactId);
      await h.waitFor(settled(transactional), 'the transactional notice sent');
      await h.waitFor(settled(urgent), 'the urgent notice sent');
      const deferred = await h.waitFor(async () => {
        const n = await h.notification(care);
        return n.version > 0 && n.state === 'pending' ? n : undefined;
      }, 'the care notice deferred');
      expect(deferred.sendAfter.getTime()).toBe(nextMorning.getTime());
      expect(deferred.lastError).toBe('Chờ hết giờ yên lặng');
      expect(await h.attempts(care)).toEqual([]);
      expect((await h.accepted('zns'))[care]).toBeUndefined();
    } finally {
      installNotifyEngine(h.t.deps, original);
    }
  });
});
