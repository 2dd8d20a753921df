import type { LoadedResult } from './load-result.ts';
import { staffPreviewUrl } from './preview-urls.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A result as clinicians see it: released or not, with its order, patient and how it was released. */
export function toStaffDetail(r: LoadedResult) {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    status: r.status,
    version: r.version,
    modality: r.modality,
    reportText: r.reportText,
    conclusion: r.conclusion,
    interpreter: r.interpreter,
    observedAt: iso(r.observedAt),
    reportedAt: iso(r.reportedAt),
    createdAt: r.createdAt.toISOString(),
    releasedAt: iso(r.releasedAt),
    releasedByName: r.releasedByName,
    releasedByRule: r.releasedByRule,
    patient: { id: r.patientId, fullName: r.patientName, birthDate: r.patientBirthDate, contactId: r.contactId },
    order: {
      id: r.orderId,
      serviceCode: r.serviceCode,
      serviceName: r.serviceName,
      accessionNumber: r.accessionNumber,
      status: r.orderStatus,
      placedAt: r.placedAt.toISOString(),
    },
    observations: r.observations,
    previews: r.previews.map((p) => ({ ...p, url: staffPreviewUrl(p.id) })),
    study: r.study,
  };
}
