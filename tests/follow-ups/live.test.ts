import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { departments, followUpTasks, patients } from '../../db/schema/index.ts';
import { Agent, startTestHub } from '../support/hub.ts';
import { insertCheckedInVisit } from './support.ts';

/**
 * The whole path as `npm start` runs it: the front desk completes a dermatology visit over HTTP; the outbox relay
 * hands `appointment.completed` to the follow-ups worker, which makes the seeded rule's call three days later.
 */
type Hub = Awaited<ReturnType<typeof startTestHub>>;
let hub: Hub | undefined;

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

it('a completed dermatology visit becomes a follow-up call through the relay and the worker', async () => {
  const db = hub!.db;
  const [dept] = await db.select({ id: departments.id }).from(departments).where(eq(departments.code, 'DALIEU'));
  const [patient] = await db.select({ id: patients.id }).from(patients).limit(1);
  const apptId = await insertCheckedInVisit(db, {
    patientId: patient!.id,
    bookingCode: 'FULIVE1',
    departmentId: dept!.id,
  });

  const desk = new Agent((input, init) => fetch(String(input).replace('http://localhost', hub!.url), init));
  expect((await desk.signIn('supervisor@demo.medicrm.vn')).status).toBe(200);
  expect((await desk.request('POST', `/api/appointments/${apptId}/complete`)).status).toBe(200);

  await expect
    .poll(
      async () =>
        (
          await db
            .select({ kind: followUpTasks.kind })
            .from(followUpTasks)
            .where(eq(followUpTasks.appointmentId, apptId))
        ).map((t) => t.kind),
      { timeout: 30_000, interval: 200 },
    )
    .toEqual(['call_after_procedure']);
});
