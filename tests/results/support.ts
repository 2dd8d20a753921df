import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  contacts,
  imagingPreviews,
  imagingStudies,
  orders,
  outboxEvents,
  patients,
  resultObservations,
  results,
} from '../../db/schema/index.ts';
import { issuePatientToken } from '../../hub/patient-auth/patient-token.ts';
import type { AppDeps } from '../../hub/platform/context.ts';
import { publishEvent } from '../../hub/platform/outbox.ts';
import { resultReceivedTopic, resultsProcessor } from '../../hub/results/index.ts';

/** A contact (or the given one) with one patient profile (its HIS MRN and birth date), made in the database. */
export async function seedFamily(
  db: Db,
  opts: { name?: string; birthDate?: string | null; hisMrn?: string | null; contactId?: string } = {},
) {
  const name = opts.name ?? 'Nguyễn Văn An';
  const contactId =
    opts.contactId ??
    (await db.insert(contacts).values({ fullName: name, firstChannel: 'miniapp' }).returning())[0]!.id;
  const [patient] = await db
    .insert(patients)
    .values({
      contactId,
      fullName: name,
      sex: 'male',
      birthDate: opts.birthDate === undefined ? '1980-01-01' : opts.birthDate,
      hisMrn: opts.hisMrn === undefined ? `BN${randomBytes(4).toString('hex').toUpperCase()}` : opts.hisMrn,
    })
    .returning();
  return { contactId, patientId: patient!.id, hisMrn: patient!.hisMrn };
}

export async function seedOrder(
  db: Db,
  opts: {
    patientId: string;
    kind: 'lab' | 'imaging';
    serviceCode: string;
    serviceName: string;
    accessionNumber?: string;
    modality?: string;
  },
) {
  const [order] = await db
    .insert(orders)
    .values({ ...opts, placerOrderNumber: `PL${randomBytes(5).toString('hex')}` })
    .returning();
  return order!;
}

export interface SeedObservation {
  code: string;
  name: string;
  value: string;
  unit?: string;
  referenceRange?: string;
  flag?: 'N' | 'H' | 'L' | 'HH' | 'LL' | 'A';
}

/** A lab result as the LIS intake would write it (rows only: the HL7 side is not needed for these tests). */
export async function seedLabResult(
  db: Db,
  opts: {
    patientId: string;
    serviceCode?: string;
    serviceName?: string;
    status?: 'preliminary' | 'final' | 'corrected';
    observations?: SeedObservation[];
  },
) {
  const order = await seedOrder(db, {
    patientId: opts.patientId,
    kind: 'lab',
    serviceCode: opts.serviceCode ?? 'SHM',
    serviceName: opts.serviceName ?? 'Sinh hóa máu',
  });
  const [result] = await db
    .insert(results)
    .values({
      orderId: order.id,
      patientId: opts.patientId,
      kind: 'lab',
      status: opts.status ?? 'final',
      title: order.serviceName,
      interpreter: 'BS. Trần Thị Mai',
      reportedAt: new Date(),
    })
    .returning();
  const observations = opts.observations ?? [
    { code: '2345-7', name: 'Glucose', value: '7.8', unit: 'mmol/L', referenceRange: '3.9-6.4', flag: 'H' },
    { code: '2160-0', name: 'Creatinin', value: '80', unit: 'µmol/L', referenceRange: '62-106', flag: 'N' },
  ];
  await db.insert(resultObservations).values(
    observations.map((o, i) => ({
      resultId: result!.id,
      seq: i + 1,
      code: o.code,
      name: o.name,
      valueType: 'NM',
      value: o.value,
      unit: o.unit,
      referenceRange: o.referenceRange,
      flag: o.flag,
      observationStatus: 'F',
    })),
  );
  return { orderId: order.id, resultId: result!.id };
}

/** A Mini App client of one contact: requests with its hub token, in-process. */
export function patientFetch(
  t: { app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }; deps: AppDeps },
  contactId: string,
) {
  const { token } = issuePatientToken(
    t.deps.config.PATIENT_TOKEN_SECRET,
    { contactId, zaloUserId: String(Date.now()) },
    60,
  );
  return (path: string) =>
    t.app.request(`/api/patient/results${path}`, { headers: { authorization: `Bearer ${token}` } });
}

/** Announces a result as the LIS intake does, then runs the `results` worker on that event (as the relay would). */
export async function announceResult(deps: AppDeps, r: { resultId: string; patientId: string; orderId: string }) {
  const eventId = await deps.db.transaction((tx) =>
    publishEvent(tx, { topic: resultReceivedTopic, aggregateType: 'result', aggregateId: r.resultId, payload: r }),
  );
  return runResultsJob(deps, eventId, r);
}

export async function runResultsJob(deps: AppDeps, eventId: number, payload: Record<string, unknown>) {
  const job = {
    name: resultReceivedTopic,
    data: {
      eventId,
      topic: resultReceivedTopic,
      aggregateType: 'result',
      aggregateId: String(payload.resultId),
      payload,
      occurredAt: new Date().toISOString(),
    },
  } as unknown as Job;
  return resultsProcessor(deps)(job);
}

export async function eventsOf(db: Db, topic: string, aggregateId: string) {
  return db
    .select()
    .from(outboxEvents)
    .where(and(eq(outboxEvents.topic, topic), eq(outboxEvents.aggregateId, aggregateId)));
}

/** The smallest JPEG a browser accepts: SOI … EOI around an empty JFIF header (enough for the byte-level tests). */
export const tinyJpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

/** An imaging result with one stored preview, as the PACS poller leaves it (no Orthanc needed). */
export async function seedImaging(db: Db, patientId: string, bytes: Buffer = tinyJpeg) {
  const order = await seedOrder(db, {
    patientId,
    kind: 'imaging',
    serviceCode: 'XQ-NGUC',
    serviceName: 'X-quang ngực thẳng',
    modality: 'CR',
  });
  const [result] = await db
    .insert(results)
    .values({
      orderId: order.id,
      patientId,
      kind: 'imaging',
      status: 'final',
      title: 'X-quang ngực thẳng',
      modality: 'CR',
      reportText: 'Kết luận: Phim X-quang ngực bình thường.',
      studyInstanceUid: `2.25.${randomBytes(12).readBigUInt64BE()}`,
      reportedAt: new Date(),
    })
    .returning();
  const [study] = await db
    .insert(imagingStudies)
    .values({
      pacsPeer: 'http://pacs.test',
      pacsStudyId: result!.id,
      studyInstanceUid: result!.studyInstanceUid!,
      description: 'X-quang ngực thẳng',
      modalities: ['CR'],
      linkState: 'linked',
      orderId: order.id,
      patientId,
      resultId: result!.id,
    })
    .returning();
  const [preview] = await db
    .insert(imagingPreviews)
    .values({
      studyId: study!.id,
      pacsInstanceId: 'inst-1',
      position: 0,
      modality: 'CR',
      caption: 'X-quang ngực thẳng',
      mimeType: 'image/jpeg',
      sizeBytes: bytes.length,
      bytes,
    })
    .returning();
  return { orderId: order.id, resultId: result!.id, previewId: preview!.id };
}
