import { z } from 'zod';
import { classifyPacsStatus, PacsError, TransientPacsError } from './errors.ts';

export interface OrthancClientOptions {
  /** Orthanc's REST base, e.g. http://127.0.0.1:8043 */
  url: string;
  username?: string;
  password?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const Change = z.object({
  ChangeType: z.string(),
  ID: z.string(),
  ResourceType: z.string(),
  Seq: z.number().int(),
});
const Changes = z.object({ Changes: z.array(Change), Done: z.boolean(), Last: z.number().int() });
export type OrthancChange = z.infer<typeof Change>;

const Tags = z.record(z.string(), z.unknown());
const Study = z.object({
  ID: z.string(),
  IsStable: z.boolean().optional(),
  MainDicomTags: Tags,
  PatientMainDicomTags: Tags.default({}),
  Series: z.array(z.string()),
});
const Series = z.object({ ID: z.string(), MainDicomTags: Tags, Instances: z.array(z.string()) });
const Instance = z.object({ ID: z.string(), MainDicomTags: Tags.default({}), IndexInSeries: z.number().nullish() });
export type OrthancStudy = z.infer<typeof Study>;
export type OrthancSeries = z.infer<typeof Series>;
export type OrthancInstance = z.infer<typeof Instance>;

export interface RenderedImage {
  bytes: Buffer;
  mimeType: string;
}

/** Orthanc's REST API (1.10 feature set, INTEGRATION.md §3.3) over fetch, with HTTP Basic and a timeout. */
export function createOrthancClient(opts: OrthancClientOptions) {
  const base = opts.url.replace(/\/$/, '');
  const doFetch = opts.fetch ?? fetch;
  const auth =
    opts.username !== undefined
      ? `Basic ${Buffer.from(`${opts.username}:${opts.password ?? ''}`).toString('base64')}`
      : undefined;

  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (auth) headers.set('authorization', auth);
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        ...init,
        headers,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
      });
    } catch (err) {
      throw new TransientPacsError(null, 'Không kết nối được PACS, hệ thống sẽ thử lại', (err as Error).message);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw classifyPacsStatus(res.status, path);
    }
    return res;
  }

  async function json<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T>> {
    const res = await request(path, { headers: { accept: 'application/json' } });
    const parsed = schema.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) throw new PacsError(res.status, 'PACS trả dữ liệu không đúng định dạng', path);
    return parsed.data;
  }

  return {
    /** GET /system: name and version; a cheap reachability and credentials check. */
    system: () => json('/system', z.object({ Name: z.string(), Version: z.string() }).loose()),
    /** One page of /changes after `since` (`Done` false: call again from `Last`). */
    changes: (since: number, limit = 100) => json(`/changes?since=${since}&limit=${limit}`, Changes),
    /** The newest sequence number, to start from "now" instead of replaying history. */
    lastSeq: async () => (await json('/changes?last', Changes)).Last,
    study: (id: string) => json(`/studies/${encodeURIComponent(id)}`, Study),
    studySeries: (id: string) => json(`/studies/${encodeURIComponent(id)}/series?expand`, z.array(Series)),
    seriesInstances: (id: string) => json(`/series/${encodeURIComponent(id)}/instances`, z.array(Instance)),
    /** The whole dataset as keyword → value (sequences as arrays of objects), e.g. an SR's ContentSequence. */
    instanceTags: (id: string) => json(`/instances/${encodeURIComponent(id)}/tags?simplify`, Tags),
    /** A rendered JPEG of the instance's first frame (Orthanc's /preview scales to 8 bits). */
    async preview(id: string, quality = 85): Promise<RenderedImage> {
      const res = await request(`/instances/${encodeURIComponent(id)}/preview?quality=${quality}`, {
        headers: { accept: 'image/jpeg' },
      });
      return {
        bytes: Buffer.from(await res.arrayBuffer()),
        mimeType: res.headers.get('content-type')?.split(';')[0] ?? 'image/jpeg',
      };
    },
    /** QIDO-RS study search (DICOMweb JSON, PS3.18 Annex F), e.g. {AccessionNumber: 'ACC1'}. */
    qidoStudies: (query: Record<string, string>) =>
      json(
        `/dicom-web/studies?${new URLSearchParams(query).toString()}`,
        z.array(z.record(z.string(), z.object({ vr: z.string(), Value: z.array(z.unknown()).optional() }))),
      ),
  };
}

export type OrthancClient = ReturnType<typeof createOrthancClient>;
