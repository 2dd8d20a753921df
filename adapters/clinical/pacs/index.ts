// The PACS adapter (Orthanc REST + DICOMweb); the hub polls with it and never talks to Orthanc otherwise.
export {
  createOrthancClient,
  type OrthancChange,
  type OrthancClient,
  type OrthancClientOptions,
  type RenderedImage,
} from './client.ts';
export { dicomDate, dicomText, personName } from './dicom-text.ts';
export { PacsError, PacsNotFoundError, PermanentPacsError, TransientPacsError } from './errors.ts';
export { readSrReport, type SrReport } from './report.ts';
export { type PacsImage, type PacsStudy, readStudy } from './study.ts';
