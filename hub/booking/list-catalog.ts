import { and, asc, eq, exists, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { PractitionerKind } from '../../db/schema/index.ts';
import { branches, daysOff, departments, doctorDepartments, doctors, servicePackages } from '../../db/schema/index.ts';

// The public catalog the Mini App and the console pick from. Only active rows are shown.

export async function listBranches(db: Db) {
  return db
    .select({
      id: branches.id,
      code: branches.code,
      name: branches.name,
      address: branches.address,
      province: branches.province,
      hotline: branches.hotline,
      email: branches.email,
      timeZone: branches.timeZone,
    })
    .from(branches)
    .where(eq(branches.active, true))
    .orderBy(asc(branches.code));
}

/** Specialties, optionally only those a doctor practises at the branch. */
export async function listDepartments(db: Db, filter: { branchId?: string }) {
  const offered = filter.branchId
    ? exists(
        db
          .select({ one: sql`1` })
          .from(doctorDepartments)
          .innerJoin(doctors, and(eq(doctors.id, doctorDepartments.doctorId), eq(doctors.active, true)))
          .where(
            and(eq(doctorDepartments.departmentId, departments.id), eq(doctorDepartments.branchId, filter.branchId)),
          ),
      )
    : undefined;
  return db
    .select({
      id: departments.id,
      code: departments.code,
      name: departments.name,
      description: departments.description,
    })
    .from(departments)
    .where(and(eq(departments.active, true), offered))
    .orderBy(asc(departments.sortOrder), asc(departments.name));
}

const doctorColumns = {
  id: doctors.id,
  code: doctors.code,
  title: doctors.title,
  fullName: doctors.fullName,
  sex: doctors.sex,
  bio: doctors.bio,
  photoUrl: doctors.photoUrl,
  languages: doctors.languages,
  yearsOfExperience: doctors.yearsOfExperience,
  kind: doctors.kind,
  practices: sql<{ branchId: string; departmentId: string }[]>`coalesce((
    select json_agg(json_build_object('branchId', dd.branch_id, 'departmentId', dd.department_id)
                    order by dd.branch_id, dd.department_id)
    from doctor_departments dd where dd.doctor_id = doctors.id), '[]'::json)`,
};

export async function listDoctors(
  db: Db,
  filter: { branchId?: string; departmentId?: string; kind?: PractitionerKind | 'all' },
) {
  const practises =
    filter.branchId || filter.departmentId
      ? exists(
          db
            .select({ one: sql`1` })
            .from(doctorDepartments)
            .where(
              and(
                eq(doctorDepartments.doctorId, doctors.id),
                filter.branchId ? eq(doctorDepartments.branchId, filter.branchId) : undefined,
                filter.departmentId ? eq(doctorDepartments.departmentId, filter.departmentId) : undefined,
              ),
            ),
        )
      : undefined;
  return db
    .select(doctorColumns)
    .from(doctors)
    .where(
      and(
        eq(doctors.active, true),
        practises,
        filter.kind === 'all' ? undefined : eq(doctors.kind, filter.kind ?? 'doctor'),
      ),
    )
    .orderBy(asc(doctors.fullName));
}

export async function getDoctor(db: Db, id: string) {
  const [row] = await db
    .select(doctorColumns)
    .from(doctors)
    .where(and(eq(doctors.id, id), eq(doctors.active, true)));
  return row;
}

/** Service packages, optionally of one specialty and/or those a doctor at the branch can see. */
export async function listPackages(db: Db, filter: { departmentId?: string; branchId?: string }) {
  const atBranch = filter.branchId
    ? or(
        isNull(servicePackages.departmentId),
        exists(
          db
            .select({ one: sql`1` })
            .from(doctorDepartments)
            .where(
              and(
                eq(doctorDepartments.departmentId, servicePackages.departmentId),
                eq(doctorDepartments.branchId, filter.branchId),
              ),
            ),
        ),
      )
    : undefined;
  return db
    .select({
      id: servicePackages.id,
      code: servicePackages.code,
      name: servicePackages.name,
      description: servicePackages.description,
      departmentId: servicePackages.departmentId,
      priceVnd: servicePackages.priceVnd,
      bhytCovered: servicePackages.bhytCovered,
      durationMinutes: servicePackages.durationMinutes,
      preparationNotes: servicePackages.preparationNotes,
      forSex: servicePackages.forSex,
    })
    .from(servicePackages)
    .where(
      and(
        eq(servicePackages.active, true),
        filter.departmentId ? eq(servicePackages.departmentId, filter.departmentId) : undefined,
        atBranch,
      ),
    )
    .orderBy(asc(servicePackages.sortOrder), asc(servicePackages.name));
}

/** Public holidays and clinic closures in a date range (doctors' own leave is not published). */
export async function listClosures(db: Db, range: { from: string; to: string; branchId?: string }) {
  return db
    .select({ date: daysOff.date, kind: daysOff.kind, name: daysOff.name, branchId: daysOff.branchId })
    .from(daysOff)
    .where(
      and(
        gte(daysOff.date, range.from),
        lte(daysOff.date, range.to),
        isNull(daysOff.doctorId),
        range.branchId ? or(isNull(daysOff.branchId), eq(daysOff.branchId, range.branchId)) : undefined,
      ),
    )
    .orderBy(asc(daysOff.date));
}
