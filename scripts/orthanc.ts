import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * An Orthanc of the project's own (never Debian's system service): its config, index and storage in one work
 * directory, HTTP Basic with a generated password, DICOMweb on. Orthanc 1.10 has no bind-address option, so the
 * loopback-only rule is enforced by Orthanc itself: `RemoteAccessAllowed: false` refuses HTTP clients other than
 * 127.0.0.1, and DICOM associations are accepted only from the declared AE title calling from 127.0.0.1.
 */
export interface OrthancOptions {
  /** work directory: orthanc.json, storage/ and orthanc.log */
  dir: string;
  httpPort: number;
  dicomPort: number;
  /** Orthanc's own AE title (called AET) */
  aet?: string;
  /** the one calling AE title allowed to store, echo and find, from 127.0.0.1 only */
  callingAet?: string;
  /** seconds without a new instance before StableStudy (60 in Orthanc; tests use 1) */
  stableAgeSeconds?: number;
  username?: string;
  password?: string;
}

export interface ManagedOrthanc {
  url: string;
  dicomPort: number;
  aet: string;
  callingAet: string;
  username: string;
  password: string;
  dir: string;
  /** Asks Orthanc to stop and waits for it (SIGKILL after 10 s). */
  stop(): Promise<void>;
  /** Immediate SIGTERM, for process exit hooks. */
  kill(): void;
}

export const orthancBinary = '/usr/sbin/Orthanc';

/** Where Debian put the DICOMweb plugin (package orthanc-dicomweb), if it is installed. */
export function dicomWebPluginPath(): string | undefined {
  const shared = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';
  if (existsSync(shared)) return shared;
  const lib = '/usr/lib/orthanc';
  const found = existsSync(lib) ? readdirSync(lib).find((f) => f.startsWith('libOrthancDicomWeb.so')) : undefined;
  return found ? join(lib, found) : undefined;
}

function dicomWebPlugin(): string {
  const path = dicomWebPluginPath();
  if (!path) throw new Error('the Orthanc DICOMweb plugin is missing: apt-get install -y orthanc-dicomweb');
  return path;
}

function orthancConfig(o: Required<OrthancOptions>) {
  const storage = join(o.dir, 'storage');
  return {
    Name: 'MediCRM PACS',
    StorageDirectory: storage,
    IndexDirectory: storage,
    HttpPort: o.httpPort,
    DicomPort: o.dicomPort,
    DicomAet: o.aet,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: true,
    RegisteredUsers: { [o.username]: o.password },
    // files without (0008,0005) and C-FIND answers: Latin1 (Orthanc's default) would garble Vietnamese
    DefaultEncoding: 'Utf8',
    Plugins: [dicomWebPlugin()],
    StableAge: o.stableAgeSeconds,
    DicomWeb: {
      Enable: true,
      Root: '/dicom-web/',
      EnableWado: true,
      WadoRoot: '/wado',
      // RetrieveURL loses the port unless Host carries it (INTEGRATION.md §3.2)
      Host: `127.0.0.1:${o.httpPort}`,
      Ssl: false,
    },
    DicomModalities: { hub: [o.callingAet, '127.0.0.1', 104] },
    DicomCheckModalityHost: true,
    DicomAlwaysAllowEcho: false,
    DicomAlwaysAllowStore: false,
    DicomAlwaysAllowFind: false,
    DicomAlwaysAllowMove: false,
    OrthancExplorerEnabled: false,
    ExecuteLuaEnabled: false,
    RestApiWriteToFileSystemEnabled: false,
    SaveJobs: false,
    HttpThreadsCount: 4,
    ConcurrentJobs: 1,
    DeidentifyLogs: true,
  };
}

function logTail(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim().split('\n').slice(-5).join(' | ');
  } catch {
    return '(no log)';
  }
}

/** Writes the config, starts Orthanc and waits until its REST API answers with the generated credentials. */
export async function startOrthanc(opts: OrthancOptions): Promise<ManagedOrthanc> {
  const o: Required<OrthancOptions> = {
    aet: 'MEDICRM_PACS',
    callingAet: 'HIS_HUB',
    stableAgeSeconds: 60,
    username: 'medicrm',
    password: randomBytes(18).toString('base64url'),
    ...opts,
  };
  mkdirSync(join(o.dir, 'storage'), { recursive: true });
  const configPath = join(o.dir, 'orthanc.json');
  // the file holds the password in clear (Orthanc's RegisteredUsers format): owner-only
  writeFileSync(configPath, JSON.stringify(orthancConfig(o), null, 2), { mode: 0o600 });
  const logPath = join(o.dir, 'orthanc.log');
  const log = openSync(logPath, 'a');
  const child = spawn(orthancBinary, [configPath], { stdio: ['ignore', log, log] });
  closeSync(log);
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
  });
  child.once('error', () => {});
  const kill = () => {
    if (!exited) child.kill('SIGTERM');
  };
  process.once('exit', kill);

  const url = `http://127.0.0.1:${o.httpPort}`;
  const auth = `Basic ${Buffer.from(`${o.username}:${o.password}`).toString('base64')}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exited) throw new Error(`Orthanc exited while starting (${logTail(logPath)})`);
    const ok = await fetch(`${url}/system`, { headers: { authorization: auth } }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      kill();
      throw new Error(`Orthanc did not answer on ${url} within 20 s (${logTail(logPath)})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    dicomPort: o.dicomPort,
    aet: o.aet,
    callingAet: o.callingAet,
    username: o.username,
    password: o.password,
    dir: o.dir,
    kill,
    async stop() {
      process.removeListener('exit', kill);
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
