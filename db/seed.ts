import { TZDate } from '@date-fns/tz';
import { addDays, format, getISODay, startOfDay, subDays } from 'date-fns';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from './client.ts';
import {
  branches,
  consentEvents,
  consents,
  contactIdentities,
  contacts,
  daysOff,
  departments,
  doctorDepartments,
  doctors,
  followUpRules,
  patients,
  schedules,
  servicePackages,
  staffUsers,
  teamMembers,
  teams,
} from './schema/index.ts';
import {
  type BranchCode,
  branchSeeds,
  type DepartmentCode,
  departmentSeeds,
  doctorSeeds,
  packageSeeds,
  servicePointSeeds,
} from './seed-data/catalog.ts';
import { CLINIC_TZ, holidaysBetween } from './seed-data/holidays.ts';
import { consentSeeds, contactSeeds, DEMO_PASSWORD, patientSeeds, staffSeeds, teamSeeds } from './seed-data/people.ts';
import { seedInbox } from './seed-inbox.ts';
import { materialiseSlots } from './slots.ts';

export interface SeedDeps {
  hashPassword(pw: string): Promise<string>;
  /** The instant the four weeks of schedules start from; defaults to the current time. */
  now?: Date;
}

/** How far ahead doctors' sessions are generated. */
export const SCHEDULE_DAYS = 28;

const MORNING = { startTime: '07:30', endTime: '11:30' } as const;
const AFTERNOON = { startTime: '13:30', endTime: '16:30' } as const;

/**
 * Fills an empty database with a demo clinic: two branches, their specialties, doctors and four weeks of sessions,
 * service packages, contacts with family patient profiles, teams and one login per role. Runs in one transaction and
 * does nothing if the demo clinic is already there, so it is safe on every boot and from several processes at once.
 */
export async function seedDemo(db: Db, deps: SeedDeps): Promise<{ seeded: boolean }> {
  const now = deps.now ?? new Date();
  return db.transaction(async (tx) => {
    // Two processes booting together must not both see "not seeded yet".
    await tx.execute(sql`select pg_advisory_xact_lock(724002)`);
    const firstBranch = branchSeeds[0]!.code;
    const existing = await tx.select({ id: branches.id }).from(branches).where(eq(branches.code, firstBranch));
    if (existing.length > 0) return { seeded: false };

    const staffByEmail = await seedStaff(tx, deps);
    const catalog = await seedCatalog(tx, staffByEmail);
    await seedSchedules(tx, catalog, now);
    await materialiseSlots(tx, slotRange(now));
    await seedContacts(tx, staffByEmail, now);
    await seedInbox(tx);
    return { seeded: true };
  });
}

async function seedStaff(tx: DbOrTx, deps: SeedDeps): Promise<Map<string, string>> {
  await tx.insert(teams).values(teamSeeds).onConflictDoNothing();
  const rows = [];
  for (const s of staffSeeds) {
    rows.push({
      email: s.email,
      fullName: s.fullName,
      role: s.role,
      passwordHash: await deps.hashPassword(DEMO_PASSWORD),
    });
  }
  // An installation may already have created its own admin with one of these emails: keep theirs.
  await tx.insert(staffUsers).values(rows).onConflictDoNothing();

  const emails = staffSeeds.map((s) => s.email);
  const staff = await tx
    .select({ id: staffUsers.id, email: staffUsers.email })
    .from(staffUsers)
    .where(inArray(sql`lower(${staffUsers.email})`, emails));
  const staffByEmail = new Map(staff.map((s) => [s.email.toLowerCase(), s.id]));
  const teamRows = await tx.select({ id: teams.id, name: teams.name }).from(teams);
  const teamByName = new Map(teamRows.map((t) => [t.name, t.id]));

  const members = staffSeeds.flatMap((s) => {
    const teamId = s.team ? teamByName.get(s.team) : undefined;
    const staffId = staffByEmail.get(s.email);
    return teamId && staffId ? [{ teamId, staffId }] : [];
  });
  if (members.length > 0) await tx.insert(teamMembers).values(members).onConflictDoNothing();
  return staffByEmail;
}

interface CatalogIds {
  branch: Map<BranchCode, string>;
  department: Map<DepartmentCode, string>;
  doctor: Map<string, string>;
}

async function seedCatalog(tx: DbOrTx, staffByEmail: Map<string, string>): Promise<CatalogIds> {
  const branchRows = await tx.insert(branches).values(branchSeeds).returning({ id: branches.id, code: branches.code });
  const deptRows = await tx
    .insert(departments)
    .values(departmentSeeds.map((d, i) => ({ ...d, hisCode: d.code, sortOrder: i + 1 })))
    .returning({ id: departments.id, code: departments.code });
  const ids: CatalogIds = {
    branch: new Map(branchRows.map((r) => [r.code as BranchCode, r.id])),
    department: new Map(deptRows.map((r) => [r.code as DepartmentCode, r.id])),
    doctor: new Map(),
  };

  const doctorRows = await tx
    .insert(doctors)
    .values(
      [...doctorSeeds, ...servicePointSeeds].map((d) => ({
        kind: d.kind ?? ('doctor' as const),
        code: d.code,
        title: d.title,
        fullName: d.fullName,
        sex: d.sex,
        bio: d.bio,
        languages: d.languages ?? ['vi'],
        yearsOfExperience: d.yearsOfExperience,
        staffUserId: d.staffEmail ? (staffByEmail.get(d.staffEmail) ?? null) : null,
      })),
    )
    .returning({ id: doctors.id, code: doctors.code });
  for (const r of doctorRows) ids.doctor.set(r.code, r.id);

  await tx.insert(doctorDepartments).values(
    [...doctorSeeds, ...servicePointSeeds].flatMap((d) =>
      d.practice.map((p) => ({
        doctorId: ids.doctor.get(d.code)!,
        departmentId: ids.department.get(p.department)!,
        branchId: ids.branch.get(p.branch)!,
      })),
    ),
  );

  await tx.insert(servicePackages).values(
    packageSeeds.map((p, i) => ({
      code: p.code,
      name: p.name,
      description: p.description,
      departmentId: ids.department.get(p.department)!,
      priceVnd: p.priceVnd,
      bhytCovered: p.bhytCovered,
      durationMinutes: p.durationMinutes,
      preparationNotes: p.preparationNotes,
      forSex: p.forSex ?? null,
      hisServiceCode: p.code,
      sortOrder: i + 1,
    })),
  );
  // after-visit care (hub/follow-ups): a call three days after a dermatology visit
  await tx.insert(followUpRules).values({
    departmentId: ids.department.get('DALIEU')!,
    kind: 'call_after_procedure',
    daysAfter: 3,
    instructions: 'Hỏi tình trạng vùng da điều trị, nhắc dùng thuốc và lịch tái khám',
  });
  return ids;
}

/** Dated sessions for the next four weeks in clinic time; Sundays and public holidays stay empty. */
async function seedSchedules(tx: DbOrTx, ids: CatalogIds, now: Date): Promise<void> {
  const today = startOfDay(new TZDate(now, CLINIC_TZ));
  const from = format(today, 'yyyy-MM-dd');
  const until = format(addDays(today, SCHEDULE_DAYS), 'yyyy-MM-dd');
  // a year of holidays, so that booking further ahead than the generated sessions already knows them
  const holidays = holidaysBetween(from, format(addDays(today, 366), 'yyyy-MM-dd'));
  if (holidays.length > 0) {
    await tx
      .insert(daysOff)
      .values(holidays.map((h) => ({ date: h.date, name: h.name, kind: 'public_holiday' as const })));
  }
  const closed = new Set(holidays.filter((h) => h.date < until).map((h) => h.date));

  const rows: (typeof schedules.$inferInsert)[] = [];
  for (let i = 0; i < SCHEDULE_DAYS; i++) {
    const day = addDays(today, i);
    const date = format(day, 'yyyy-MM-dd');
    const weekday = getISODay(day);
    if (weekday === 7 || closed.has(date)) continue;
    for (const d of [...doctorSeeds, ...servicePointSeeds]) {
      for (const p of d.practice) {
        const base = {
          doctorId: ids.doctor.get(d.code)!,
          branchId: ids.branch.get(p.branch)!,
          departmentId: ids.department.get(p.department)!,
          date,
          slotMinutes: d.slotMinutes,
          capacityPerSlot: d.capacityPerSlot,
        };
        if ((p.mornings as number[]).includes(weekday)) rows.push({ ...base, ...MORNING });
        if ((p.afternoons as number[]).includes(weekday)) rows.push({ ...base, ...AFTERNOON });
      }
    }
  }
  if (rows.length > 0) await tx.insert(schedules).values(rows);
}

/** The clinic-local dates the seeded sessions cover, for materialising their booking slots. */
function slotRange(now: Date): { from: string; to: string } {
  const today = startOfDay(new TZDate(now, CLINIC_TZ));
  return { from: format(today, 'yyyy-MM-dd'), to: format(addDays(today, SCHEDULE_DAYS), 'yyyy-MM-dd') };
}

async function seedContacts(tx: DbOrTx, staffByEmail: Map<string, string>, now: Date): Promise<void> {
  const contactRows = await tx
    .insert(contacts)
    .values(
      contactSeeds.map((c) => ({
        fullName: c.fullName,
        phone: c.phone,
        email: c.email ?? null,
        tags: c.tags,
        firstChannel: c.firstChannel,
        ownerStaffId: c.ownerEmail ? (staffByEmail.get(c.ownerEmail) ?? null) : null,
        notes: c.notes ?? null,
      })),
    )
    .returning({ id: contacts.id });
  const contactId = new Map(contactSeeds.map((c, i) => [c.key, contactRows[i]!.id]));

  await tx.insert(contactIdentities).values(
    contactSeeds.flatMap((c) => {
      const id = contactId.get(c.key)!;
      const rows: (typeof contactIdentities.$inferInsert)[] = [
        { contactId: id, channel: 'phone', externalId: c.phone, source: 'seed' },
      ];
      if (c.email) rows.push({ contactId: id, channel: 'email', externalId: c.email.toLowerCase(), source: 'seed' });
      if (c.zaloOaUserId) rows.push({ contactId: id, channel: 'zalo_oa', externalId: c.zaloOaUserId, source: 'seed' });
      if (c.messengerPsid)
        rows.push({ contactId: id, channel: 'messenger', externalId: c.messengerPsid, source: 'seed' });
      return rows;
    }),
  );

  const history = consentSeeds.flatMap((c) =>
    c.history.map((h) => ({
      contactId: contactId.get(c.contact)!,
      channel: c.channel,
      purpose: c.purpose,
      status: h.status,
      source: h.source,
      evidence: h.evidence,
      at: subDays(now, h.daysAgo),
    })),
  );
  await tx.insert(consentEvents).values(history);
  await tx.insert(consents).values(
    consentSeeds.map((c) => {
      const last = c.history[c.history.length - 1]!;
      return {
        contactId: contactId.get(c.contact)!,
        channel: c.channel,
        purpose: c.purpose,
        status: last.status,
        source: last.source,
        evidence: last.evidence,
        decidedAt: subDays(now, last.daysAgo),
      };
    }),
  );

  await tx.insert(patients).values(
    patientSeeds.map((p) => ({
      contactId: contactId.get(p.contact)!,
      relationship: p.relationship,
      fullName: p.fullName,
      birthDate: p.birthDate,
      sex: p.sex,
      phone: p.phone ?? null,
      nationalId: p.nationalId,
      insuranceNumber: p.insuranceNumber ?? null,
      insuranceValidTo: p.insuranceNumber ? `${new TZDate(now, CLINIC_TZ).getFullYear()}-12-31` : null,
      address: p.address,
    })),
  );
}
