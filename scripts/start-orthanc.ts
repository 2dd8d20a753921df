import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../hub/config.ts';
import { orthancInstalled, startOrthanc } from './services.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * `npm start`'s PACS: an Orthanc of the project's own on 127.0.0.1 (ORTHANC_LOCAL_HTTP_PORT / _DICOM_PORT), its
 * studies kept under .tmp/orthanc between runs. Sets ORTHANC_URL and the generated credentials for the hub. Skipped,
 * with one line, when Orthanc is not installed or cannot start: everything else works without a PACS.
 */
export async function startProjectOrthanc(config: Config): Promise<void> {
  const say = (line: string) => process.stdout.write(`[pacs] ${line}\n`);
  if (!orthancInstalled()) {
    say('Orthanc is not installed: PACS polling is off (apt-get install -y orthanc orthanc-dicomweb dcmtk)');
    return;
  }
  try {
    const pacs = await startOrthanc({
      dir: join(root, '.tmp', 'orthanc'),
      httpPort: config.ORTHANC_LOCAL_HTTP_PORT,
      dicomPort: config.ORTHANC_LOCAL_DICOM_PORT,
      stableAgeSeconds: 10,
    });
    process.env.ORTHANC_URL = pacs.url;
    process.env.ORTHANC_USERNAME = pacs.username;
    process.env.ORTHANC_PASSWORD = pacs.password;
    say(
      `Orthanc on ${pacs.url} (DICOM ${pacs.aet} @ 127.0.0.1:${pacs.dicomPort}, calling AE title ${pacs.callingAet})`,
    );
    say(`  send a study: storescu -aet ${pacs.callingAet} -aec ${pacs.aet} 127.0.0.1 ${pacs.dicomPort} <file.dcm>`);
  } catch (err) {
    say(`Orthanc did not start, PACS polling is off: ${(err as Error).message}`);
  }
}
