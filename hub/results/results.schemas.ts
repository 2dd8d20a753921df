import { z } from '@hono/zod-openapi';
import { orderKind, orderStatus, patientRelationship, resultStatus } from '../../db/schema/index.ts';

const at = z.string().openapi({ description: 'ISO 8601', example: '2026-03-02T01:30:00.000Z' });

export const ObservationSchema = z
  .object({
    seq: z.number().int(),
    code: z.string(),
    name: z.string().openapi({ example: 'Glucose' }),
    valueType: z.string().openapi({ example: 'NM' }),
    value: z.string().nullable().openapi({ example: '7.8' }),
    unit: z.string().nullable().openapi({ example: 'mmol/L' }),
    referenceRange: z.string().nullable().openapi({ example: '3.9-6.4' }),
    flag: z.string().nullable().openapi({ description: 'HL7 bảng 0078: H, L, HH, LL, A, N…', example: 'H' }),
    abnormal: z.boolean(),
    status: z.string().nullable(),
  })
  .openapi('Observation');

export const PreviewSchema = z
  .object({
    id: z.uuid(),
    url: z.string().openapi({ description: 'Đường dẫn ảnh trên hệ thống, cần xác thực như API gọi nó' }),
    caption: z.string().nullable(),
    modality: z.string().nullable(),
  })
  .openapi('ImagingPreview');

const StudySchema = z.object({
  studyInstanceUid: z.string(),
  description: z.string().nullable(),
  studyDate: z.string().nullable(),
  modalities: z.array(z.string()),
});

const ProfileRef = z.object({
  id: z.uuid(),
  fullName: z.string(),
  relationship: z.enum(patientRelationship.enumValues),
});

export const PatientResultSummarySchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(orderKind.enumValues),
    title: z.string(),
    status: z.enum(resultStatus.enumValues),
    modality: z.string().nullable(),
    reportedAt: at.nullable(),
    releasedAt: at,
    profile: ProfileRef,
    abnormalCount: z.number().int(),
    previewCount: z.number().int(),
  })
  .openapi('PatientResultSummary');

export const PatientResultDetailSchema = PatientResultSummarySchema.extend({
  reportText: z.string().nullable(),
  conclusion: z.string().nullable(),
  interpreter: z.string().nullable(),
  observedAt: at.nullable(),
  observations: z.array(ObservationSchema),
  previews: z.array(PreviewSchema),
  study: StudySchema.omit({ studyInstanceUid: true }).nullable(),
}).openapi('PatientResultDetail');

export const PatientResultsQuerySchema = z.object({
  profileId: z.uuid({ message: 'Mã hồ sơ không hợp lệ' }).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const PatientRef = z.object({
  id: z.uuid(),
  fullName: z.string(),
  birthDate: z.string().nullable(),
  contactId: z.uuid(),
});
const OrderRef = z.object({
  id: z.uuid(),
  serviceCode: z.string(),
  serviceName: z.string(),
  accessionNumber: z.string().nullable(),
  status: z.enum(orderStatus.enumValues),
  placedAt: at,
});

export const StaffResultDetailSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(orderKind.enumValues),
    title: z.string(),
    status: z.enum(resultStatus.enumValues),
    version: z.number().int(),
    modality: z.string().nullable(),
    reportText: z.string().nullable(),
    conclusion: z.string().nullable(),
    interpreter: z.string().nullable(),
    observedAt: at.nullable(),
    reportedAt: at.nullable(),
    createdAt: at,
    releasedAt: at.nullable(),
    releasedByName: z.string().nullable(),
    releasedByRule: z.string().nullable(),
    patient: PatientRef,
    order: OrderRef,
    observations: z.array(ObservationSchema),
    previews: z.array(PreviewSchema),
    study: StudySchema.nullable(),
  })
  .openapi('ResultDetail');

export const ReleaseQueueItemSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(orderKind.enumValues),
    title: z.string(),
    status: z.enum(resultStatus.enumValues),
    modality: z.string().nullable(),
    createdAt: at,
    reportedAt: at.nullable(),
    patient: PatientRef,
    order: OrderRef.pick({ serviceCode: true, serviceName: true, accessionNumber: true }),
    abnormalCount: z.number().int(),
    previewCount: z.number().int(),
  })
  .openapi('ReleaseQueueItem');

export const ReleaseQueueQuerySchema = z.object({
  kind: z.enum(orderKind.enumValues).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const ReleaseOutcomeSchema = z
  .object({ id: z.uuid(), releasedAt: at, alreadyReleased: z.boolean() })
  .openapi('ReleaseOutcome');

export const ContactOrderSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(orderKind.enumValues),
    serviceCode: z.string(),
    serviceName: z.string(),
    accessionNumber: z.string().nullable(),
    status: z.enum(orderStatus.enumValues),
    placedAt: at,
    patient: z.object({ id: z.uuid(), fullName: z.string() }),
    result: z
      .object({
        id: z.uuid(),
        title: z.string(),
        status: z.enum(resultStatus.enumValues),
        releasedAt: at.nullable(),
        abnormalCount: z.number().int(),
      })
      .nullable(),
  })
  .openapi('ContactOrder');

export const UnlinkedStudySchema = z
  .object({
    id: z.uuid(),
    accessionNumber: z.string().nullable(),
    dicomPatientId: z.string().nullable(),
    dicomPatientName: z.string().nullable(),
    studyDate: z.string().nullable(),
    description: z.string().nullable(),
    modalities: z.array(z.string()),
    unlinkedReason: z.string().nullable(),
    createdAt: at,
    previews: z.array(PreviewSchema),
  })
  .openapi('UnlinkedStudy');
