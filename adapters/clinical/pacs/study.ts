import type { OrthancClient, OrthancInstance, OrthancSeries } from './client.ts';
import { dicomDate, dicomText, personName } from './dicom-text.ts';

/** Series whose instances are documents, not pictures: no preview can be rendered from them. */
const nonImageModalities = new Set(['SR', 'DOC', 'KO', 'PR', 'OT_DOC']);

export interface PacsImage {
  instanceId: string;
  modality: string | null;
  /** "X-quang ngực thẳng · ảnh 1", for the viewer */
  caption: string | null;
}

/** What the hub keeps of a stable study, read through Orthanc's REST API. */
export interface PacsStudy {
  pacsStudyId: string;
  studyInstanceUid: string;
  accessionNumber: string | null;
  /** DICOM PatientID: the HIS MRN */
  patientId: string | null;
  /** in Vietnamese order, NFC ("Nguyễn Văn An") */
  patientName: string | null;
  studyDate: string | null;
  description: string | null;
  modalities: string[];
  instanceCount: number;
  /** image instances in display order: the first of each series first, then the rest */
  images: PacsImage[];
  /** structured-report instances (the report may be in them) */
  reportInstanceIds: string[];
}

const num = (v: unknown) => {
  const n = Number(typeof v === 'string' ? v.trim() : v);
  return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER;
};

function sortInstances(list: OrthancInstance[]): OrthancInstance[] {
  return [...list].sort(
    (a, b) =>
      num(a.MainDicomTags.InstanceNumber ?? a.IndexInSeries) - num(b.MainDicomTags.InstanceNumber ?? b.IndexInSeries),
  );
}

/** Reads a study, its series and its instances (one request per series). */
export async function readStudy(client: OrthancClient, pacsStudyId: string): Promise<PacsStudy> {
  const study = await client.study(pacsStudyId);
  const series = [...(await client.studySeries(pacsStudyId))].sort(
    (a: OrthancSeries, b: OrthancSeries) => num(a.MainDicomTags.SeriesNumber) - num(b.MainDicomTags.SeriesNumber),
  );
  const description = dicomText(study.MainDicomTags.StudyDescription);
  const perSeries: PacsImage[][] = [];
  const reportInstanceIds: string[] = [];
  const modalities = new Set<string>();
  let instanceCount = 0;
  for (const s of series) {
    const modality = dicomText(s.MainDicomTags.Modality)?.toUpperCase() ?? null;
    if (modality) modalities.add(modality);
    instanceCount += s.Instances.length;
    const instances = sortInstances(await client.seriesInstances(s.ID));
    if (modality && nonImageModalities.has(modality)) {
      reportInstanceIds.push(...instances.map((i) => i.ID));
      continue;
    }
    const title = dicomText(s.MainDicomTags.SeriesDescription) ?? description;
    perSeries.push(
      instances.map((i, n) => ({
        instanceId: i.ID,
        modality,
        caption: [title, instances.length > 1 ? `ảnh ${n + 1}` : null].filter(Boolean).join(' · ') || null,
      })),
    );
  }
  const images = [...perSeries.map((list) => list[0]!), ...perSeries.flatMap((list) => list.slice(1))];
  return {
    pacsStudyId: study.ID,
    studyInstanceUid: dicomText(study.MainDicomTags.StudyInstanceUID) ?? study.ID,
    accessionNumber: dicomText(study.MainDicomTags.AccessionNumber),
    patientId: dicomText(study.PatientMainDicomTags.PatientID),
    patientName: personName(study.PatientMainDicomTags.PatientName),
    studyDate: dicomDate(study.MainDicomTags.StudyDate),
    description,
    modalities: [...modalities],
    instanceCount,
    images,
    reportInstanceIds,
  };
}
