import { createOrthancClient, type OrthancClient } from '../../../adapters/clinical/pacs/index.ts';
import type { Config } from '../../config.ts';

/** The configured PACS: its client and the name its cursor and studies are kept under (its base URL). */
export interface PacsSource {
  client: OrthancClient;
  peer: string;
}

export function pacsSource(config: Config): PacsSource | null {
  if (!config.ORTHANC_URL) return null;
  return {
    client: createOrthancClient({
      url: config.ORTHANC_URL,
      username: config.ORTHANC_USERNAME,
      password: config.ORTHANC_PASSWORD,
    }),
    peer: config.ORTHANC_URL.replace(/\/+$/, ''),
  };
}
