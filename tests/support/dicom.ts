import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Test studies made with dcmtk as INTEGRATION.md §3.6 does: a text dump per instance with (0008,0005) ISO_IR 192, so
 * Vietnamese names and descriptions travel as UTF-8, turned into DICOM by dump2dcm.
 */
export interface StudySpec {
  accessionNumber: string | null;
  patientId: string;
  /** DICOM PN: family^given, e.g. Nguyễn^Văn An */
  patientName: string;
  description: string;
  modality?: string;
  /** YYYYMMDD */
  studyDate?: string;
  images?: number;
  /** a Basic Text SR in its own series, with a finding and an impression */
  report?: { finding: string; impression: string };
}

export interface MadeStudy {
  studyInstanceUid: string;
  files: string[];
}

/** A fresh DICOM UID under the UUID root 2.25 (PS3.5 B.2). */
export const newUid = () => `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString()}`;

const line = (tag: string, vr: string, value: string | number) =>
  typeof value === 'number' ? `(${tag}) ${vr} ${value}` : `(${tag}) ${vr} [${value}]`;

function common(spec: StudySpec, studyUid: string, seriesUid: string, sopClass: string, modality: string) {
  return [
    line('0008,0005', 'CS', 'ISO_IR 192'),
    line('0008,0016', 'UI', sopClass),
    line('0008,0018', 'UI', newUid()),
    line('0008,0020', 'DA', spec.studyDate ?? '20260115'),
    line('0008,0030', 'TM', '093000'),
    ...(spec.accessionNumber ? [line('0008,0050', 'SH', spec.accessionNumber)] : []),
    line('0008,0060', 'CS', modality),
    line('0008,1030', 'LO', spec.description),
    line('0010,0010', 'PN', spec.patientName),
    line('0010,0020', 'LO', spec.patientId),
    line('0020,000d', 'UI', studyUid),
    line('0020,000e', 'UI', seriesUid),
  ];
}

function dump2dcm(dir: string, name: string, lines: string[]): string {
  const dump = join(dir, `${name}.dump`);
  const file = join(dir, `${name}.dcm`);
  writeFileSync(dump, `${lines.join('\n')}\n`, 'utf8');
  execFileSync('dump2dcm', ['+te', dump, file], { cwd: dir, stdio: 'pipe' });
  return file;
}

/** Writes the study's instances into `dir` and returns their files. */
export function makeStudy(dir: string, spec: StudySpec): MadeStudy {
  const studyUid = newUid();
  const modality = spec.modality ?? 'CR';
  const imageSeries = newUid();
  const files: string[] = [];
  for (let n = 0; n < (spec.images ?? 1); n++) {
    const pixels = join(dir, `px-${studyUid.slice(-8)}-${n}.raw`);
    // a 64 × 64 8-bit pattern, different per image
    writeFileSync(pixels, Buffer.from(Array.from({ length: 64 * 64 }, (_, i) => ((i % 64) * 4 + n * 40) & 0xff)));
    files.push(
      dump2dcm(dir, `img-${studyUid.slice(-8)}-${n}`, [
        ...common(spec, studyUid, imageSeries, '1.2.840.10008.5.1.4.1.1.7', modality),
        line('0020,0011', 'IS', '1'),
        line('0020,0013', 'IS', String(n + 1)),
        line('0028,0002', 'US', 1),
        line('0028,0004', 'CS', 'MONOCHROME2'),
        line('0028,0010', 'US', 64),
        line('0028,0011', 'US', 64),
        line('0028,0100', 'US', 8),
        line('0028,0101', 'US', 8),
        line('0028,0102', 'US', 7),
        line('0028,0103', 'US', 0),
        `(7fe0,0010) OB =${pixels}`,
      ]),
    );
  }
  if (spec.report) {
    const concept = (code: string, meaning: string) => [
      '(0040,a043) SQ',
      '(fffe,e000) na',
      line('0008,0100', 'SH', code),
      line('0008,0102', 'SH', 'DCM'),
      line('0008,0104', 'LO', meaning),
      '(fffe,e00d) na',
      '(fffe,e0dd) na',
    ];
    const text = (code: string, meaning: string, value: string) => [
      '(fffe,e000) na',
      line('0040,a010', 'CS', 'CONTAINS'),
      line('0040,a040', 'CS', 'TEXT'),
      ...concept(code, meaning),
      line('0040,a160', 'UT', value),
      '(fffe,e00d) na',
    ];
    files.push(
      dump2dcm(dir, `sr-${studyUid.slice(-8)}`, [
        ...common(spec, studyUid, newUid(), '1.2.840.10008.5.1.4.1.1.88.11', 'SR'),
        line('0020,0011', 'IS', '99'),
        line('0040,a040', 'CS', 'CONTAINER'),
        line('0040,a050', 'CS', 'SEPARATE'),
        '(0040,a730) SQ',
        ...text('121071', 'Finding', spec.report.finding),
        ...text('121073', 'Impression', spec.report.impression),
        '(fffe,e0dd) na',
      ]),
    );
  }
  return { studyInstanceUid: studyUid, files };
}
