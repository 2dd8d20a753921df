import type { Job } from 'bullmq';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contactNotes,
  contacts,
  departments,
  followUpTasks,
  outboxEvents,
  patients,
  servicePackages,
  staffUsers,
} from '../../db/schema/index.ts';
import { followUpsProcessor } from '../../hub/follow-ups/index.ts';
import { eventRouting } from '../../hub/jobs.ts';
import { routeTopic } from '../../hub/platform/outbox.ts';
import { type Agent, createTestApp, type TestApp } from '../support/hub.ts';
import { insertCheckedInVisit } from './support.ts';

/** After-visit care: a completed visit makes its tasks by rule, once; agents take and close them; notes make tasks. */

let t: TestApp;
const who: Record<string, Agent> = {};
let staff: Record<string, string>;

async function as(name: string) {
  if (!who[name]) {
    who[name] = t.agent();
    expect((await who[name].signIn(`${name}@demo.medicrm.vn`)).status).toBe(200);
  }
  return who[name];
}

interface Task {
  id: string;
  kind: string;
  source: string;
  status: string;
  dueDate: string;
  note: string | null;
  outcome: string | null;
  assignee: { id: string; fullName: string } | null;
  appointment: { id: string; packageName: string | null } | null;
  contact: { id: string; fullName: string };
}

beforeAll(async () => {
  t = await createTestApp();
  staff = Object.fromEntries(
    (await t.db.select({ id: staffUsers.id, email: staffUsers.email }).from(staffUsers)).map((s) => [
      s.email.split('@')[0],
      s.id,
    ]),
  );
});
afterAll(async () => {
  await t?.close();
});

async function person(name: string, owner: string | null) {
  const [c] = await t.db
    .insert(contacts)
    .values({
      fullName: name,
      phone: `8490${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
      ownerStaffId: owner,
    })
    .returning({ id: contacts.id });
  const [p] = await t.db.insert(patients).values({ contactId: c!.id, fullName: name }).returning({ id: patients.id });
  return { contactId: c!.id, patientId: p!.id };
}

/** A visit the front desk has checked in, completed through the staff API; returns its completion event. */
async function completeVisit(patientId: string, v: { departmentId?: string; packageId?: string }) {
  const id = await insertCheckedInVisit(t.db, {
    patientId,
    bookingCode: `FU${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
    ...v,
  });
  const res = await (await as('supervisor')).request('POST', `/api/appointments/${id}/complete`);
  expect(res.status).toBe(200);
  const [ev] = await t.db
    .select()
    .from(outboxEvents)
    .where(and(eq(outboxEvents.topic, 'appointment.completed'), eq(outboxEvents.aggregateId, id)));
  const job = {
    data: {
      eventId: ev!.id,
      topic: ev!.topic,
      aggregateType: ev!.aggregateType,
      aggregateId: ev!.aggregateId,
      payload: ev!.payload,
      occurredAt: ev!.createdAt.toISOString(),
    },
  } as Job;
  return { appointmentId: id, deliver: () => followUpsProcessor(t.deps)(job) };
}

const tasksOf = (appointmentId: string) =>
  t.db.select().from(followUpTasks).where(eq(followUpTasks.appointmentId, appointmentId));

describe('tasks from completed visits', () => {
  let derm: string;
  let ent: string;
  let pkg: { id: string; departmentId: string; name: string };

  beforeAll(async () => {
    const deps = await t.db.select({ id: departments.id, code: departments.code }).from(departments);
    derm = deps.find((d) => d.code === 'DALIEU')!.id;
    ent = deps.find((d) => d.code === 'TMH')!.id;
    const [p] = await t.db
      .select({ id: servicePackages.id, departmentId: servicePackages.departmentId, name: servicePackages.name })
      .from(servicePackages)
      .where(sql`${servicePackages.departmentId} is not null and ${servicePackages.departmentId} <> ${derm}`)
      .limit(1);
    pkg = { id: p!.id, departmentId: p!.departmentId!, name: p!.name };
    const sup = await as('supervisor');
    // the demo seed already has: dermatology → call after the procedure, three days later
    for (const rule of [
      { packageId: pkg.id, kind: 'call_after_visit', daysAfter: 1 },
      // the package's own rule wins over this one
      { departmentId: pkg.departmentId, kind: 'call_after_procedure', daysAfter: 5 },
    ]) {
      expect((await sup.request('POST', '/api/follow-ups/rules', rule)).status).toBe(201);
    }
    const rules = (await (await sup.request('GET', '/api/follow-ups/rules')).json()) as { items: unknown[] };
    expect(rules.items).toHaveLength(3);
  });

  it('only supervisors and admins change the rules; agents read them', async () => {
    const a1 = await as('agent1');
    expect((await a1.request('GET', '/api/follow-ups/rules')).status).toBe(200);
    const rule = { departmentId: ent, kind: 'call_after_visit', daysAfter: 2 };
    expect((await a1.request('POST', '/api/follow-ups/rules', rule)).status).toBe(403);
    expect((await (await as('supervisor')).request('POST', '/api/follow-ups/rules', { daysAfter: 2 })).status).toBe(
      400,
    );
  });

  it('the completion event is routed to the follow-ups queue', () => {
    expect(routeTopic(eventRouting, 'appointment.completed')).toContain('follow-ups');
  });

  it('a dermatology procedure makes one call three clinic days after completion, for the contact’s owner, once', async () => {
    const p = await person('Chăm Sóc Một', staff.agent1!);
    const visit = await completeVisit(p.patientId, { departmentId: derm });
    expect(await visit.deliver()).toBe('created 1');
    expect(await visit.deliver()).toBe('already_consumed');
    const rows = await tasksOf(visit.appointmentId);
    expect(rows).toHaveLength(1);
    const [expectedDue] = (
      await t.db.execute<{ due: string }>(sql`
        select to_char((completed_at at time zone 'Asia/Ho_Chi_Minh')::date + 3, 'YYYY-MM-DD') as due
          from appointments where id = ${visit.appointmentId}`)
    ).rows;
    expect(rows[0]).toMatchObject({
      kind: 'call_after_procedure',
      source: 'visit_rule',
      dueDate: expectedDue!.due,
      contactId: p.contactId,
      patientId: p.patientId,
      assigneeStaffId: staff.agent1,
      note: 'Hỏi tình trạng vùng da điều trị, nhắc dùng thuốc và lịch tái khám',
      status: 'open',
    });
  });

  it('a package rule wins over its department’s; a visit with no rule makes nothing', async () => {
    const p = await person('Chăm Sóc Hai', null);
    const withPackage = await completeVisit(p.patientId, { packageId: pkg.id });
    expect(await withPackage.deliver()).toBe('created 1');
    expect((await tasksOf(withPackage.appointmentId)).map((r) => [r.kind, r.assigneeStaffId])).toEqual([
      ['call_after_visit', null],
    ]);
    const plain = await completeVisit(p.patientId, { departmentId: ent });
    expect(await plain.deliver()).toBe('created 0');
  });
});

describe('working the list', () => {
  it('agents take and close their own tasks; only supervisors give tasks to others', async () => {
    const p = await person('Chăm Sóc Ba', null);
    const [note] = await t.db
      .insert(contactNotes)
      .values({
        contactId: p.contactId,
        kind: 'remarketing',
        body: 'Quan tâm gói tầm soát tim mạch, gọi lại cuối tháng',
      })
      .returning({ id: contactNotes.id });
    const [general] = await t.db
      .insert(contactNotes)
      .values({ contactId: p.contactId, kind: 'general', body: 'Khách dễ chịu' })
      .returning({ id: contactNotes.id });
    const a1 = await as('agent1');
    const a2 = await as('agent2');
    const sup = await as('supervisor');

    const made = await a1.request('POST', '/api/follow-ups', {
      contactId: p.contactId,
      noteId: note!.id,
      dueDate: '2020-01-15',
    });
    expect(made.status).toBe(201);
    const task = (await made.json()) as Task;
    expect(task).toMatchObject({
      source: 'remarketing_note',
      kind: 'remarketing',
      note: 'Quan tâm gói tầm soát tim mạch, gọi lại cuối tháng',
      assignee: null,
      status: 'open',
    });
    const fromGeneral = await a1.request('POST', '/api/follow-ups', {
      contactId: p.contactId,
      noteId: general!.id,
      dueDate: '2020-01-15',
    });
    expect(fromGeneral.status).toBe(400);
    expect(
      (
        await (
          await as('marketer')
        ).request('POST', '/api/follow-ups', { contactId: p.contactId, dueDate: '2020-01-15' })
      ).status,
    ).toBe(403);

    // overdue, unassigned: on everyone's "due" list
    const due = (await (await a2.request('GET', '/api/follow-ups?when=due&assignee=unassigned&limit=100')).json()) as {
      items: Task[];
    };
    expect(due.items.map((i) => i.id)).toContain(task.id);

    expect((await a2.request('POST', `/api/follow-ups/${task.id}/assign`, { staffId: staff.agent2 })).status).toBe(200);
    expect((await a1.request('POST', `/api/follow-ups/${task.id}/assign`, { staffId: staff.agent1 })).status).toBe(403);
    expect((await a1.request('POST', `/api/follow-ups/${task.id}/complete`, {})).status).toBe(403);
    const moved = await sup.request('POST', `/api/follow-ups/${task.id}/assign`, { staffId: staff.agent1 });
    expect(((await moved.json()) as Task).assignee?.id).toBe(staff.agent1);

    const mine = (await (await a1.request('GET', '/api/follow-ups?when=all&assignee=me&limit=100')).json()) as {
      items: Task[];
    };
    expect(mine.items.map((i) => i.id)).toContain(task.id);

    const done = await a1.request('POST', `/api/follow-ups/${task.id}/complete`, { outcome: 'Đã gọi, hẹn khám 28/1' });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ status: 'done', outcome: 'Đã gọi, hẹn khám 28/1' });
    expect((await a1.request('POST', `/api/follow-ups/${task.id}/cancel`, {})).status).toBe(409);
    const closed = (await (await a1.request('GET', '/api/follow-ups?status=done&when=all&limit=100')).json()) as {
      items: Task[];
    };
    expect(closed.items.find((i) => i.id === task.id)?.status).toBe('done');
    const audit = await t.db.execute<{ action: string }>(
      sql`select action from audit_log where subject_id = ${task.id} order by id`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'follow_up.create',
      'follow_up.assign',
      'follow_up.assign',
      'follow_up.complete',
    ]);
  });

  it('a task made by hand goes to the contact’s owner unless told otherwise', async () => {
    const p = await person('Chăm Sóc Năm', staff.agent2!);
    const a1 = await as('agent1');
    const owned = await a1.request('POST', '/api/follow-ups', { contactId: p.contactId, dueDate: '2030-01-01' });
    expect(((await owned.json()) as Task).assignee?.id).toBe(staff.agent2);
    const open = await a1.request('POST', '/api/follow-ups', {
      contactId: p.contactId,
      dueDate: '2030-01-01',
      assigneeStaffId: null,
    });
    expect(((await open.json()) as Task).assignee).toBeNull();
  });

  it('pages by due date without repeating or skipping', async () => {
    const p = await person('Chăm Sóc Bốn', null);
    const a1 = await as('agent1');
    for (const d of ['2021-02-01', '2021-02-02', '2021-02-02', '2021-02-03']) {
      expect(
        (await a1.request('POST', '/api/follow-ups', { contactId: p.contactId, dueDate: d, kind: 'other' })).status,
      ).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/api/follow-ups?when=all&contactId=${p.contactId}&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const pageBody = (await (await a1.request('GET', q)).json()) as { items: Task[]; nextCursor: string | null };
      seen.push(...pageBody.items.map((i) => i.dueDate));
      cursor = pageBody.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['2021-02-01', '2021-02-02', '2021-02-02', '2021-02-03']);
  });
});
