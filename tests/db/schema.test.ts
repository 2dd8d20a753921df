import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import {
  appointments,
  branches,
  contactIdentities,
  contacts,
  daysOff,
  departments,
  doctors,
  notifications,
  patients,
  schedules,
  servicePackages,
  staffUsers,
  webhookEvents,
} from '../../db/schema/index.ts';
import { seedDemo } from '../../db/seed.ts';
import { hashPassword, verifyPassword } from '../../hub/auth/password.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

/** The SQLSTATE a failed statement ended with (drizzle wraps the driver's error in `cause`). */
async function sqlState(p: PromiseLike<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string } };
    return e.cause?.code ?? e.code ?? 'unknown';
  }
}
const UNIQUE_VIOLATION = '23505';

describe('migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => {
    await database?.drop();
  });

  const tableCount = async (db: Db) =>
    (
      await db.execute<{ n: number }>(
        sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
      )
    ).rows[0]!.n;
  const appliedCount = async (db: Db) =>
    (await db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)).rows[0]!.n;

  it('apply to an empty database, and a second run changes nothing', async () => {
    const { db } = database;
    await runMigrations(db);
    const tables = await tableCount(db);
    const applied = await appliedCount(db);
    expect(tables).toBeGreaterThanOrEqual(30);

    await runMigrations(db);
    expect(await tableCount(db)).toBe(tables);
    expect(await appliedCount(db)).toBe(applied);
  });
});

describe('constraints the flows rely on', () => {
  let database: TestDatabase;
  let db: Db;
  let fx: { contactId: string; patientId: string; branchId: string; doctorId: string; otherDoctorId: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    const [contact] = await db
      .insert(contacts)
      .values({ fullName: 'Nguyễn Văn Thử', phone: '84912000001' })
      .returning();
    const [patient] = await db
      .insert(patients)
      .values({ contactId: contact!.id, fullName: 'Nguyễn Văn Thử', sex: 'male' })
      .returning();
    const [branch] = await db
      .insert(branches)
      .values({ code: 'T01', name: 'Phòng khám thử', address: '1 Phố Huế, Hà Nội', province: 'Hà Nội' })
      .returning();
    const [d1, d2] = await db
      .insert(doctors)
      .values([
        { code: 'T-BS1', title: 'BS.', fullName: 'Trần Thị Một' },
        { code: 'T-BS2', title: 'BS.', fullName: 'Lê Văn Hai' },
      ])
      .returning();
    fx = {
      contactId: contact!.id,
      patientId: patient!.id,
      branchId: branch!.id,
      doctorId: d1!.id,
      otherDoctorId: d2!.id,
    };
  });
  afterAll(async () => {
    await database?.drop();
  });

  let codeSeq = 0;
  const booking = (over: Partial<typeof appointments.$inferInsert> = {}) =>
    db
      .insert(appointments)
      .values({
        bookingCode: `T-${++codeSeq}`,
        patientId: fx.patientId,
        bookedByContactId: fx.contactId,
        branchId: fx.branchId,
        doctorId: fx.doctorId,
        startsAt: new Date('2026-12-01T01:00:00Z'),
        endsAt: new Date('2026-12-01T01:15:00Z'),
        sourceChannel: 'miniapp',
        ...over,
      })
      .returning();

  it('books a doctor slot once: a second active booking of it is refused until the first is cancelled', async () => {
    const [first] = await booking();
    expect(await sqlState(booking({ status: 'confirmed', sourceChannel: 'hotline' }))).toBe(UNIQUE_VIOLATION);

    // the same time with another doctor, or the next slot of the same doctor, is free
    await booking({ doctorId: fx.otherDoctorId });
    await booking({ startsAt: new Date('2026-12-01T01:15:00Z'), endsAt: new Date('2026-12-01T01:30:00Z') });

    await db.update(appointments).set({ status: 'cancelled' }).where(eq(appointments.id, first!.id));
    const [again] = await booking({ status: 'confirmed' });
    expect(again!.status).toBe('confirmed');
    expect(await sqlState(booking())).toBe(UNIQUE_VIOLATION);
  });

  it('lets a capacity-2 slot take a second booking only in its second seat', async () => {
    const startsAt = new Date('2026-12-02T02:00:00Z');
    const endsAt = new Date('2026-12-02T02:15:00Z');
    await booking({ startsAt, endsAt, slotSeq: 1 });
    await booking({ startsAt, endsAt, slotSeq: 2 });
    expect(await sqlState(booking({ startsAt, endsAt, slotSeq: 2 }))).toBe(UNIQUE_VIOLATION);
  });

  it('refuses a booking code used twice', async () => {
    await booking({
      bookingCode: 'APT-DUP',
      startsAt: new Date('2026-12-03T01:00:00Z'),
      endsAt: new Date('2026-12-03T01:15:00Z'),
    });
    expect(
      await sqlState(
        booking({
          bookingCode: 'APT-DUP',
          startsAt: new Date('2026-12-04T01:00:00Z'),
          endsAt: new Date('2026-12-04T01:15:00Z'),
        }),
      ),
    ).toBe(UNIQUE_VIOLATION);
  });

  it('maps one channel identity to one contact only', async () => {
    const [other] = await db.insert(contacts).values({ fullName: 'Người khác' }).returning();
    await db
      .insert(contactIdentities)
      .values({ contactId: fx.contactId, channel: 'zalo_oa', externalId: '4356000000000000001' });
    const dup = db
      .insert(contactIdentities)
      .values({ contactId: other!.id, channel: 'zalo_oa', externalId: '4356000000000000001' });
    expect(await sqlState(dup)).toBe(UNIQUE_VIOLATION);
    // the same id string on another channel is another identity
    await db
      .insert(contactIdentities)
      .values({ contactId: other!.id, channel: 'messenger', externalId: '4356000000000000001' });
  });

  it('refuses a second notification with the same idempotency key', async () => {
    const notification = {
      contactId: fx.contactId,
      purpose: 'transactional' as const,
      templateKey: 'appointment_reminder',
      channelPlan: ['zns' as const, 'sms' as const],
      idempotencyKey: 'appointment:x:reminder:24h',
    };
    await db.insert(notifications).values(notification);
    expect(await sqlState(db.insert(notifications).values(notification))).toBe(UNIQUE_VIOLATION);
    expect(await db.$count(notifications)).toBe(1);
  });

  it('stores a replayed provider webhook once', async () => {
    const event = { source: 'zalo_oa', dedupeKey: 'evt-123', rawBody: '{"event_name":"user_send_text"}' };
    await db.insert(webhookEvents).values(event);
    expect(await sqlState(db.insert(webhookEvents).values(event))).toBe(UNIQUE_VIOLATION);
    // another provider may use the same id
    await db.insert(webhookEvents).values({ ...event, source: 'messenger' });
    expect(await db.$count(webhookEvents)).toBe(2);
  });
});

describe('demo seed', () => {
  let database: TestDatabase;
  let db: Db;
  // Monday 20 April 2026, 08:00 in Hà Nội: the four weeks ahead include 30/4 and 1/5.
  const now = new Date('2026-04-20T01:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
  });
  afterAll(async () => {
    await database?.drop();
  });

  const counts = async () => ({
    branches: await db.$count(branches),
    departments: await db.$count(departments),
    doctors: await db.$count(doctors),
    packages: await db.$count(servicePackages),
    contacts: await db.$count(contacts),
    patients: await db.$count(patients),
    schedules: await db.$count(schedules),
    staff: await db.$count(staffUsers),
    identities: await db.$count(contactIdentities),
  });

  it('creates the demo clinic, and a second run adds nothing', async () => {
    expect(await seedDemo(db, { hashPassword, now })).toEqual({ seeded: true });
    const first = await counts();
    expect(first.branches).toBe(2);
    expect(first.departments).toBeGreaterThanOrEqual(6);
    expect(first.doctors).toBe(14); // 12 doctors and the two blood-draw rooms
    expect(first.packages).toBe(8);
    expect(first.contacts).toBe(20);

    expect(await seedDemo(db, { hashPassword, now })).toEqual({ seeded: false });
    expect(await counts()).toEqual(first);
  });

  it('gives every role a login with the demo password', async () => {
    const staff = await db.select().from(staffUsers);
    expect(new Set(staff.map((s) => s.role))).toEqual(
      new Set(['admin', 'supervisor', 'agent', 'marketer', 'clinician']),
    );
    const agent1 = staff.find((s) => s.email === 'agent1@demo.medicrm.vn');
    expect(agent1?.fullName).toBe('Nguyễn Văn An');
    expect(await verifyPassword('MediCRM@2026', agent1!.passwordHash)).toBe(true);
  });

  it('opens sessions in each of the next four weeks, never on a Sunday or a public holiday', async () => {
    const rows = await db.select({ date: schedules.date, doctorId: schedules.doctorId }).from(schedules);
    const dates = rows.map((r) => r.date!);
    const day = (n: number) => format(addDays(new TZDate(2026, 3, 20, 'Asia/Ho_Chi_Minh'), n), 'yyyy-MM-dd');
    for (let week = 0; week < 4; week++) {
      expect(dates.some((d) => d >= day(week * 7) && d < day(week * 7 + 7))).toBe(true);
    }
    expect(dates.every((d) => d >= day(0) && d < day(28))).toBe(true);
    // a calendar date's weekday does not depend on a zone: read it in UTC
    expect(dates.some((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 0)).toBe(false);
    expect(dates).not.toContain('2026-04-30');
    expect(dates).not.toContain('2026-05-01');
    expect(new Set(rows.map((r) => r.doctorId)).size).toBe(14);

    const holidays = await db.select({ date: daysOff.date }).from(daysOff);
    expect(holidays.map((h) => h.date)).toEqual(expect.arrayContaining(['2026-04-30', '2026-05-01']));
  });

  it('gives every contact a unique phone identity and names in NFC, and one contact a family of profiles', async () => {
    const all = await db.select().from(contacts);
    expect(all.every((c) => c.fullName === c.fullName.normalize('NFC'))).toBe(true);
    expect(all.every((c) => /^84(3[2-9]|7[06-9]|8[1-689]|9[0-46-8])\d{7}$/.test(c.phone ?? ''))).toBe(true);
    const phones = await db.select().from(contactIdentities).where(eq(contactIdentities.channel, 'phone'));
    expect(new Set(phones.map((p) => p.contactId)).size).toBe(20);

    const perContact = await db
      .select({ contactId: patients.contactId, n: sql<number>`count(*)::int` })
      .from(patients)
      .groupBy(patients.contactId);
    expect(Math.max(...perContact.map((p) => p.n))).toBeGreaterThanOrEqual(2);
  });
});
