import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, auditLog, contactIdentities, contacts, outboxEvents, patients } from '../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';
import { apartFrom, freeSlots, type Slot } from './support.ts';

/**
 * An agent books for a caller who has no profile yet: the contact (found or made from the caller's phone) and the
 * profile are created in the booking's own transaction, so a refused booking leaves nothing behind.
 */

let t: TestApp;
let agent: ReturnType<TestApp['agent']>;
let agentId: string;
let agentName: string;
/** single-place slots at distinct times, handed out one by one so tests never share a slot */
let pool: Slot[] = [];
const nextSlot = (): Slot => {
  const s = pool.shift();
  if (!s) throw new Error('no free single-place slot left in the seed');
  return s;
};

interface Appt {
  id: string;
  bookingCode: string;
  status: string;
  sourceChannel: string;
  patient: { id: string; fullName: string; contactId: string };
}
interface ErrorBody {
  error: { code: string; message: string; details?: { issues?: { path: string; message: string }[] } };
}

const newProfile = (over: Record<string, unknown> = {}) => ({
  relationship: 'self',
  fullName: 'Lê Thị Ngọc Ánh',
  birthDate: '1988-09-02',
  sex: 'female',
  phone: '0987 654 321',
  nationalId: '079188001234',
  insuranceNumber: 'dn4797912345678',
  ...over,
});

/** Everything a booking for a new caller may write. */
async function snapshot() {
  const n = async (q: Promise<{ n: number }[]>) => (await q)[0]!.n;
  return {
    contacts: await n(t.db.select({ n: count() }).from(contacts)),
    identities: await n(t.db.select({ n: count() }).from(contactIdentities)),
    patients: await n(t.db.select({ n: count() }).from(patients)),
    appointments: await n(t.db.select({ n: count() }).from(appointments)),
    outbox: await n(t.db.select({ n: count() }).from(outboxEvents)),
    audit: await n(t.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'booking.book_for_caller'))),
    booked: await n(
      t.db
        .execute<{ n: number }>(sql`select coalesce(sum(booked), 0)::int as n from booking_slots`)
        .then((r) => r.rows),
    ),
  };
}

const book = (body: Record<string, unknown>) => agent.request('POST', '/api/appointments', body);

beforeAll(async () => {
  t = await createTestApp();
  agent = t.agent();
  const signedIn = await agent.signIn('agent1@demo.medicrm.vn');
  ({ id: agentId, fullName: agentName } = (await signedIn.json()) as { id: string; fullName: string });
  pool = apartFrom(await freeSlots(t), []);
  // from the end of the coming week: far from the lead time whatever the hour the test runs
  pool = pool.slice(Math.floor(pool.length / 3));
});
afterAll(async () => {
  await t?.close();
});

describe('booking for a new caller', () => {
  it('makes the contact from the phone, the profile and a confirmed appointment, and audits it', async () => {
    const slot = nextSlot();
    const before = await snapshot();
    const res = await book({
      slotId: slot.slotId,
      newProfile: newProfile(),
      callerPhone: '0903 111 222',
      callerName: 'Lê Thị Ngọc Ánh',
      reason: 'Đau đầu kéo dài',
    });
    expect(res.status).toBe(201);
    const appt = (await res.json()) as Appt;
    expect(appt).toMatchObject({ status: 'confirmed', sourceChannel: 'hotline' });
    expect(appt.patient.fullName).toBe('Lê Thị Ngọc Ánh');

    const [contact] = await t.db.select().from(contacts).where(eq(contacts.id, appt.patient.contactId));
    expect(contact).toMatchObject({ fullName: 'Lê Thị Ngọc Ánh', phone: '84903111222', firstChannel: 'hotline' });
    const ids = await t.db.select().from(contactIdentities).where(eq(contactIdentities.contactId, contact!.id));
    expect(ids.map((i) => [i.channel, i.externalId, i.source])).toEqual([['phone', '84903111222', 'agent_booking']]);
    const [profile] = await t.db.select().from(patients).where(eq(patients.id, appt.patient.id));
    expect(profile).toMatchObject({
      contactId: contact!.id,
      relationship: 'self',
      birthDate: '1988-09-02',
      sex: 'female',
      phone: '84987654321',
      nationalId: '079188001234',
      insuranceNumber: 'DN4797912345678',
    });
    const [row] = await t.db.select().from(appointments).where(eq(appointments.id, appt.id));
    expect(row).toMatchObject({ bookedByContactId: contact!.id, createdByStaffId: agentId });

    const after = await snapshot();
    expect(after).toMatchObject({
      contacts: before.contacts + 1,
      identities: before.identities + 1,
      patients: before.patients + 1,
      appointments: before.appointments + 1,
      audit: before.audit + 1,
      booked: before.booked + 1,
    });
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'booking.book_for_caller'), eq(auditLog.subjectId, appt.id)));
    expect(audit).toMatchObject({ actorStaffId: agentId, subjectType: 'appointment', outcome: 'success' });
    expect(audit!.detail).toMatchObject({ contactCreated: true, profileCreated: true, contactId: contact!.id });
    // ids only: the audit never carries the caller's name or phone
    expect(JSON.stringify(audit!.detail)).not.toMatch(/84903111222|Ánh/);

    // the drawer's view: the whole profile, who booked, and who did each step
    const detail = (await (await agent.request('GET', `/api/appointments/${appt.id}`)).json()) as {
      patient: { nationalId: string; insuranceNumber: string; phone: string; relationship: string };
      contact: { id: string; phone: string };
      createdBy: { id: string; fullName: string } | null;
      timeline: { kind: string; staffName: string | null }[];
    };
    expect(detail.patient).toMatchObject({ nationalId: '079188001234', phone: '84987654321', relationship: 'self' });
    expect(detail.contact).toMatchObject({ id: contact!.id, phone: '84903111222' });
    expect(detail.createdBy).toEqual({ id: agentId, fullName: agentName });
    expect(detail.timeline.map((e) => [e.kind, e.staffName])).toEqual([
      ['requested', agentName],
      ['confirmed', agentName],
    ]);

    // the front desk finds it by the caller's phone, in the day's order
    const list = (await (
      await agent.request('GET', `/api/appointments?q=${encodeURIComponent('0903111222')}&order=asc`)
    ).json()) as { items: (Appt & { patient: { phone: string | null } })[] };
    expect(list.items.map((i) => i.id)).toEqual([appt.id]);
    expect(list.items[0]!.patient.phone).toBe('84987654321');
  });

  it('adds the profile to the contact a known phone belongs to', async () => {
    const [known] = await t.db
      .select({ id: contacts.id, phone: contacts.phone })
      .from(contacts)
      .where(sql`${contacts.phone} is not null and ${contacts.mergedIntoId} is null`)
      .limit(1);
    const before = await snapshot();
    const res = await book({
      slotId: nextSlot().slotId,
      newProfile: newProfile({ relationship: 'parent', fullName: 'Phạm Văn Bình', sex: 'male', nationalId: null }),
      callerPhone: `0${known!.phone!.slice(2)}`,
      sourceChannel: 'zalo_oa',
    });
    expect(res.status).toBe(201);
    const appt = (await res.json()) as Appt;
    expect(appt.patient.contactId).toBe(known!.id);
    expect(appt.sourceChannel).toBe('zalo_oa');
    const after = await snapshot();
    expect(after.contacts).toBe(before.contacts);
    expect(after.patients).toBe(before.patients + 1);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.subjectId, appt.id));
    expect(audit!.detail).toMatchObject({ contactCreated: false, profileCreated: true });
  });

  it('adds the profile to a contact picked in the console, and books an existing profile of that contact', async () => {
    const [c] = await t.db
      .insert(contacts)
      .values({ fullName: 'Đỗ Minh Khoa', firstChannel: 'messenger' })
      .returning({ id: contacts.id });
    const res = await book({
      slotId: nextSlot().slotId,
      newProfile: newProfile({
        relationship: 'child',
        fullName: 'Đỗ Gia Hân',
        birthDate: '2019-05-20',
        nationalId: null,
      }),
      contactId: c!.id,
    });
    expect(res.status).toBe(201);
    const appt = (await res.json()) as Appt;
    expect(appt.patient).toMatchObject({ contactId: c!.id, fullName: 'Đỗ Gia Hân' });

    const again = await book({ slotId: nextSlot().slotId, patientId: appt.patient.id, contactId: c!.id });
    expect(again.status).toBe(201);
    // another contact's profile is not this contact's: 404, nothing booked
    const [stranger] = await t.db
      .select({ id: patients.id })
      .from(patients)
      .where(sql`${patients.contactId} <> ${c!.id}`)
      .limit(1);
    const before = await snapshot();
    const wrong = await book({ slotId: nextSlot().slotId, patientId: stranger!.id, contactId: c!.id });
    expect(wrong.status).toBe(404);
    expect(((await wrong.json()) as ErrorBody).error.code).toBe('profile_not_found');
    expect(await snapshot()).toEqual(before);
  });
});

describe('a refused booking for a new caller leaves nothing behind', () => {
  it('slot already taken: 409, no contact, no profile', async () => {
    const slot = nextSlot();
    expect(
      (await book({ slotId: slot.slotId, newProfile: newProfile({ nationalId: null }), callerPhone: '0903000001' }))
        .status,
    ).toBe(201);
    const before = await snapshot();
    const res = await book({
      slotId: slot.slotId,
      newProfile: newProfile({ nationalId: null }),
      callerPhone: '0903000002',
    });
    expect(res.status).toBe(409);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('slot_taken');
    expect(body.error.message).toMatch(/vừa có người đặt/);
    expect(await snapshot()).toEqual(before);
  });

  it('slot taken while the contact and profile were being written: the whole transaction rolls back', async () => {
    const slot = nextSlot();
    const before = await snapshot();
    // Another booking holds the slot's row (and fills it) but has not committed: the lock-free precheck still sees a
    // free place, so the caller's contact and profile are written before the seat is tried and waits on that lock.
    let commit!: () => void;
    const gate = new Promise<void>((resolve) => {
      commit = resolve;
    });
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const other = t.db.transaction(async (tx) => {
      await tx.execute(sql`update booking_slots set booked = capacity where id = ${slot.slotId}`);
      locked();
      await gate;
    });
    await holding;
    let settled = false;
    const pending = book({
      slotId: slot.slotId,
      newProfile: newProfile({ nationalId: '079188009999' }),
      callerPhone: '0903000003',
    }).finally(() => {
      settled = true;
    });
    // poll (generous bound, no timing assumption) until the booking waits on the slot's lock
    const waiting = async () =>
      (
        await t.db.execute<{ n: number }>(
          sql`select count(*)::int as n from pg_stat_activity
              where wait_event_type = 'Lock' and datname = current_database()`,
        )
      ).rows[0]!.n > 0;
    const deadline = Date.now() + 30_000;
    while (!settled && !(await waiting())) {
      if (Date.now() > deadline) throw new Error('the booking never reached the slot lock');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(settled).toBe(false);
    // the caller's contact is written but not visible outside the booking's transaction
    commit();
    await other;
    const res = await pending;
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorBody).error.code).toBe('slot_taken');
    const after = await snapshot();
    expect({ ...after, booked: before.booked }).toEqual(before);
    expect(await t.db.select().from(contacts).where(eq(contacts.phone, '84903000003'))).toEqual([]);
    expect(await t.db.select().from(patients).where(eq(patients.nationalId, '079188009999'))).toEqual([]);
  });

  it('many new callers at once for one single-place slot: one booking, one contact, one profile', async () => {
    const slot = nextSlot();
    const before = await snapshot();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        book({
          slotId: slot.slotId,
          newProfile: newProfile({ nationalId: null, fullName: `Người gọi số ${i + 1}` }),
          callerPhone: `090400000${i}`,
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const after = await snapshot();
    expect(after.contacts).toBe(before.contacts + 1);
    expect(after.patients).toBe(before.patients + 1);
    expect(after.appointments).toBe(before.appointments + 1);
    expect(after.audit).toBe(before.audit + 1);
  });
});

describe('bad input: 400 (or 404) and nothing changes', () => {
  it('refuses malformed or contradictory requests with the field and a Vietnamese message', async () => {
    const slot = nextSlot();
    const before = await snapshot();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ slotId: slot.slotId }, 'patientId', /hồ sơ có sẵn hoặc nhập hồ sơ mới/],
      [
        {
          slotId: slot.slotId,
          patientId: '00000000-0000-4000-8000-000000000000',
          newProfile: newProfile(),
          callerPhone: '0903000004',
        },
        'patientId',
        /hồ sơ có sẵn hoặc nhập hồ sơ mới/,
      ],
      [{ slotId: slot.slotId, newProfile: newProfile() }, 'callerPhone', /khách hàng có sẵn hoặc số điện thoại/],
      [
        {
          slotId: slot.slotId,
          newProfile: newProfile(),
          callerPhone: '0903000004',
          contactId: '00000000-0000-4000-8000-000000000000',
        },
        'callerPhone',
        /khách hàng có sẵn hoặc số điện thoại/,
      ],
      [
        { slotId: slot.slotId, newProfile: newProfile({ nationalId: '12345' }), callerPhone: '0903000004' },
        'newProfile.nationalId',
        /CCCD/,
      ],
      [
        { slotId: slot.slotId, newProfile: newProfile({ insuranceNumber: 'BHYT-1' }), callerPhone: '0903000004' },
        'newProfile.insuranceNumber',
        /BHYT/,
      ],
      [
        { slotId: slot.slotId, newProfile: newProfile({ fullName: 'A' }), callerPhone: '0903000004' },
        'newProfile.fullName',
        /Họ tên/,
      ],
      [
        { slotId: slot.slotId, newProfile: newProfile({ birthDate: '2999-01-01' }), callerPhone: '0903000004' },
        'newProfile.birthDate',
        /Ngày sinh/,
      ],
      [{ slotId: slot.slotId, newProfile: newProfile(), callerPhone: '12' }, 'callerPhone', /Số điện thoại/],
    ];
    for (const [body, path, message] of cases) {
      const res = await book(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = (await res.json()) as ErrorBody;
      expect(err.error.code).toBe('validation_failed');
      expect(err.error.details?.issues?.map((i) => i.path)).toContain(path);
      expect(err.error.message).toMatch(message);
    }
    const unknown = await book({
      slotId: slot.slotId,
      newProfile: newProfile(),
      contactId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ErrorBody).error.code).toBe('contact_not_found');
    expect(await snapshot()).toEqual(before);
  });

  it('a package of another specialty is refused after the profile was written: rolled back', async () => {
    const slot = nextSlot();
    const pkgs = (await (await t.app.request('/api/catalog/packages')).json()) as {
      items: { id: string; departmentId: string | null }[];
    };
    const other = pkgs.items.find((p) => p.departmentId && p.departmentId !== slot.departmentId)!;
    const before = await snapshot();
    const res = await book({
      slotId: slot.slotId,
      packageId: other.id,
      newProfile: newProfile({ nationalId: '079188007777' }),
      callerPhone: '0903000005',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/không thuộc chuyên khoa/);
    expect(await snapshot()).toEqual(before);
    expect(await t.db.select().from(contacts).where(eq(contacts.phone, '84903000005'))).toEqual([]);
  });

  it('a CCCD already in another profile answers 409 national_id_taken, nothing written', async () => {
    const [holder] = await t.db
      .insert(contacts)
      .values({ fullName: 'Vũ Thị Lan', firstChannel: 'hotline' })
      .returning({ id: contacts.id });
    await t.db.insert(patients).values({ contactId: holder!.id, fullName: 'Vũ Thị Lan', nationalId: '079188005555' });
    const slot = nextSlot();
    const before = await snapshot();
    const res = await book({
      slotId: slot.slotId,
      newProfile: newProfile({ nationalId: '079188005555' }),
      callerPhone: '0903000006',
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorBody).error.code).toBe('national_id_taken');
    expect(await snapshot()).toEqual(before);
  });
});
