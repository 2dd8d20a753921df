import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ManagedOrthanc, orthancInstalled, startOrthanc } from '../../scripts/services.ts';
import { freePort } from './channels.ts';
import { type MadeStudy, makeStudy, type StudySpec } from './dicom.ts';

export interface TestOrthanc {
  pacs: ManagedOrthanc;
  /** the hub settings that point at this Orthanc */
  env: Record<string, string>;
  /** Makes a study with dcmtk and sends it with storescu (C-STORE), as a modality would. */
  store(spec: StudySpec): MadeStudy;
  /** Stops Orthanc and deletes its work directory. */
  close(): Promise<void>;
}

/**
 * An Orthanc of this test file's own (the project's service helper, scripts/orthanc.ts): free ports on 127.0.0.1,
 * a temporary work directory, StableAge 1 s so StableStudy arrives quickly.
 */
export async function startTestOrthanc(): Promise<TestOrthanc> {
  if (!orthancInstalled()) {
    throw new Error(
      'Orthanc is not installed: `npm test` installs it, or run `apt-get install -y orthanc orthanc-dicomweb dcmtk`',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'medicrm-orthanc-'));
  const studies = join(dir, 'studies');
  mkdirSync(studies);
  let pacs: ManagedOrthanc;
  try {
    pacs = await startOrthanc({
      dir: join(dir, 'pacs'),
      httpPort: await freePort(),
      dicomPort: await freePort(),
      stableAgeSeconds: 1,
    });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    pacs,
    env: { ORTHANC_URL: pacs.url, ORTHANC_USERNAME: pacs.username, ORTHANC_PASSWORD: pacs.password },
    store(spec) {
      const made = makeStudy(studies, spec);
      execFileSync(
        'storescu',
        ['-aet', pacs.callingAet, '-aec', pacs.aet, '127.0.0.1', String(pacs.dicomPort), ...made.files],
        { stdio: 'pipe' },
      );
      return made;
    },
    async close() {
      await pacs.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
