import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../db/schema/index.ts';
import { notifyEngine } from '../../hub/notify/index.ts';
import { sendNotification } from '../../hub/notify/send-notification.ts';
import { publishEvent } from '../../hub/platform/outbox.ts';
import { freeSlots, type Slot } from '../booking/support.ts';
import type { Agent } from '../support/hub.ts';
import { type NotifyHarness, newPatient, startNotifyHarness } from './support.ts';

let h: NotifyHarness;
let agent: Agent;
beforeAll(async () => {
  h = await startNotifyHarness();
  agent = h.t.agent();
  await agent.signIn('agent1@demo.medicrm.vn');
});
afterAll(async () => {
  await h?.close();
});

const hour = 3_600_000;
/** Single-place slots at least three days ahead, at distinct times. */
async function laterSlots(n: number): Promise<Slot[]> {
  const seen = new Set<string>();
  return (await freeSlots(h.t))
    .filter((s) => new Date(s.startsAt).getTime() > Date.now() + 72 * hour)
    .filter((s) => !seen.has(s.startsAt) && seen.add(s.startsAt))
    .slice(0, n);
}

const ofAppointment = (appointmentId: string, type: string) =>
  h.t.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.appointmentId, appointmentId), eq(notifications.templateKey, type)))
    .orderBy(notifications.sendAfter);

describe('appointment reminders', () => {
  it('are planned 24 h and 2 h before a confirmed visit, move with a reschedule, and stop on cancellation', async () => {
    const p = await newPatient(h.t);
    const [first, second] = await laterSlots(2);
    const booked = await agent.request('POST', '/api/appointments', { slotId: first!.slotId, patientId: p.patientId });
    expect(booked.status).toBe(201);
    const appt = (await booked.json()) as { id: string; startsAt: string };
    const starts = new Date(appt.startsAt).getTime();

    const planned = await h.waitFor(async () => {
      const rows = await ofAppointment(appt.id, 'appointment-reminder');
      return rows.length === 2 ? rows : undefined;
    }, 'two reminders planned');
    expect(planned.map((r) => [r.state, r.sendAfter.getTime()])).toEqual([
      ['pending', starts - 24 * hour],
      ['pending', starts - 2 * hour],
    ]);
    expect(planned.map((r) => r.params.leadTime)).toEqual(['ngày mai', 'sau 2 giờ nữa']);

    const moved = await agent.request('POST', `/api/appointments/${appt.id}/reschedule`, { slotId: second!.slotId });
    expect(moved.status).toBe(200);
    const newStarts = new Date(((await moved.json()) as { startsAt: string }).startsAt).getTime();
    expect(newStarts).not.toBe(starts);

    const after = await h.waitFor(async () => {
      const rows = await ofAppointment(appt.id, 'appointment-reminder');
      return rows.length === 4 ? rows : undefined;
    }, 'the reminders moved');
    const old = after.filter((r) => planned.some((x) => x.id === r.id));
    const fresh = after.filter((r) => !planned.some((x) => x.id === r.id));
    expect(old.map((r) => r.state)).toEqual(['cancelled', 'cancelled']);
    expect(fresh.map((r) => [r.state, r.sendAfter.getTime()])).toEqual([
      ['pending', newStarts - 24 * hour],
      ['pending', newStarts - 2 * hour],
    ]);
    // the old reminders' delayed jobs still exist in Redis; when they fire they find nothing to send
    for (const r of planned) {
      expect(await sendNotification(notifyEngine(h.t.deps), { notificationId: r.id, version: r.version })).toBe(
        'stale',
      );
    }
    const delayed = await h.t.deps.queues.reminders.getDelayed();
    expect(fresh.every((r) => delayed.some((j) => j.data.notificationId === r.id))).toBe(true);
    const notice = await h.waitFor(async () => (await ofAppointment(appt.id, 'appointment-rescheduled'))[0], 'notice');
    expect(notice.params.visitTime).toMatch(/^\d{2}:\d{2}$/);

    const cancelled = await agent.request('POST', `/api/appointments/${appt.id}/cancel`, {
      reason: 'Bận việc đột xuất',
    });
    expect(cancelled.status).toBe(200);
    await h.waitFor(async () => (await ofAppointment(appt.id, 'appointment-cancelled'))[0], 'the cancellation notice');
    const end = await ofAppointment(appt.id, 'appointment-reminder');
    expect(end.map((r) => r.state)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect((await h.accepted('zns'))[fresh[0]!.id]).toBeUndefined();
  });

  it('a completed visit stops its reminders and plans the satisfaction survey a few hours later', async () => {
    const p = await newPatient(h.t);
    const [slot] = await laterSlots(3);
    const booked = await agent.request('POST', '/api/appointments', { slotId: slot!.slotId, patientId: p.patientId });
    const appt = (await booked.json()) as { id: string };
    await h.waitFor(async () => (await ofAppointment(appt.id, 'appointment-reminder')).length === 2, 'reminders');
    // the visit is days away, so the desk cannot complete it yet: the event the desk's "complete" publishes, directly
    await h.t.db.transaction((tx) =>
      publishEvent(tx, {
        topic: 'appointment.completed',
        aggregateType: 'appointment',
        aggregateId: appt.id,
        payload: { appointmentId: appt.id },
      }),
    );
    const [survey] = await h.waitFor(async () => {
      const rows = await ofAppointment(appt.id, 'satisfaction-survey');
      return rows.length ? rows : undefined;
    }, 'the survey planned');
    expect(survey).toMatchObject({ state: 'pending', purpose: 'care' });
    const delay = survey!.sendAfter.getTime() - survey!.createdAt.getTime();
    expect(Math.abs(delay - 3 * hour)).toBeLessThan(60_000);
    expect((await ofAppointment(appt.id, 'appointment-reminder')).map((r) => r.state)).toEqual([
      'cancelled',
      'cancelled',
    ]);
  });

  it('a re-examination date set by staff plans its reminder days before, once per patient and date', async () => {
    const p = await newPatient(h.t);
    const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const res = await agent.request('POST', '/api/notify/re-exams', { patientId: p.patientId, dueDate: due });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { remindAt: string; alreadyPlanned: boolean };
    expect(body.alreadyPlanned).toBe(false);
    // three days before, at 09:00 clinic time (02:00 UTC)
    const [y, m, d] = due.split('-').map(Number) as [number, number, number];
    expect(body.remindAt).toBe(new Date(Date.UTC(y, m - 1, d - 3, 2, 0, 0)).toISOString());
    const again = await agent.request('POST', '/api/notify/re-exams', { patientId: p.patientId, dueDate: due });
    expect(((await again.json()) as { alreadyPlanned: boolean }).alreadyPlanned).toBe(true);
    const rows = await h.t.db.select().from(notifications).where(eq(notifications.contactId, p.contactId));
    expect(rows.map((r) => [r.templateKey, r.purpose, r.state])).toEqual([['re-exam-reminder', 'care', 'pending']]);
    const past = await agent.request('POST', '/api/notify/re-exams', { patientId: p.patientId, dueDate: '2020-01-01' });
    expect(past.status).toBe(400);
  });
});
