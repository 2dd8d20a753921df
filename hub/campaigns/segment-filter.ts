import { type SQL, sql } from 'drizzle-orm';
import type { SegmentFilter } from './campaigns.schemas.ts';

/** Appointments that count as a visit the patient made. */
const visited = sql`a.status in ('checked_in', 'completed')`;

/**
 * The segment's filter as one SQL condition over `contacts c` (merged tombstones excluded). Visits are a contact's
 * patients' appointments that were checked in or completed; dates and ages are judged in the clinic's time zone.
 * Patient facts (age band, sex) must hold for one and the same patient profile of the contact.
 */
export function segmentCondition(f: SegmentFilter, timeZone: string): SQL {
  const today = sql`(now() at time zone ${timeZone})::date`;
  const visitsOf = (extra: SQL) => sql`exists (
    select 1 from appointments a join patients p on p.id = a.patient_id
     where p.contact_id = c.id and ${visited} and ${extra})`;
  const parts: SQL[] = [sql`c.merged_into_id is null`];

  if (f.lastVisitFrom || f.lastVisitTo) {
    const last = sql`(select max((a.starts_at at time zone ${timeZone})::date)
      from appointments a join patients p on p.id = a.patient_id where p.contact_id = c.id and ${visited})`;
    if (f.lastVisitFrom) parts.push(sql`${last} >= ${f.lastVisitFrom}::date`);
    if (f.lastVisitTo) parts.push(sql`${last} <= ${f.lastVisitTo}::date`);
  }
  if (f.packageIds?.length) parts.push(visitsOf(sql`a.package_id in ${f.packageIds}`));
  if (f.departmentIds?.length) parts.push(visitsOf(sql`a.department_id in ${f.departmentIds}`));
  if (f.branchIds?.length) parts.push(visitsOf(sql`a.branch_id in ${f.branchIds}`));

  const person: SQL[] = [];
  const age = sql`date_part('year', age(${today}, p.birth_date))`;
  if (f.ageMin !== undefined) person.push(sql`p.birth_date is not null and ${age} >= ${f.ageMin}`);
  if (f.ageMax !== undefined) person.push(sql`p.birth_date is not null and ${age} <= ${f.ageMax}`);
  if (f.sex) person.push(sql`p.sex = ${f.sex}`);
  if (person.length) {
    parts.push(sql`exists (select 1 from patients p where p.contact_id = c.id and ${sql.join(person, sql` and `)})`);
  }

  if (f.tags?.length) {
    parts.push(
      sql`c.tags && array[${sql.join(
        f.tags.map((t) => sql`${t}`),
        sql`, `,
      )}]::text[]`,
    );
  }

  if (f.reExamDue !== undefined) {
    // a re-examination was set (its reminder exists) and nothing was booked for the contact since
    const due = sql`exists (
      select 1 from notifications n
       where n.contact_id = c.id and n.template_key = 're-exam-reminder'
         and not exists (select 1 from appointments a join patients p on p.id = a.patient_id
                          where p.contact_id = c.id and a.created_at > n.created_at))`;
    parts.push(f.reExamDue ? due : sql`not ${due}`);
  }
  if (f.noShowMin !== undefined) {
    parts.push(sql`(select count(*) from appointments a join patients p on p.id = a.patient_id
                     where p.contact_id = c.id and a.status = 'no_show') >= ${f.noShowMin}`);
  }
  if (f.consentChannel) parts.push(consentGranted(f.consentChannel));
  return sql.join(parts, sql` and `);
}

/** The contact granted marketing messages on this channel. */
export function consentGranted(channel: string): SQL {
  return sql`exists (select 1 from consents k where k.contact_id = c.id and k.channel = ${channel}::channel
                       and k.purpose = 'marketing' and k.status = 'granted')`;
}
