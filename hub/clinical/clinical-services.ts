import { readFileSync } from 'node:fs';
import { type MllpServer, startMllpServer } from '../../adapters/clinical/hl7/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { type HisSender, startHisSender } from './his-sender.ts';
import { scheduleInboundSweep } from './inbound.jobs.ts';
import { receiveFrame } from './receive-message.ts';

export interface ClinicalServices {
  /** the MLLP listener's port, when it runs */
  hl7Port?: number;
  sender?: HisSender;
  stop(): Promise<void>;
}

export class Hl7ListenError extends Error {}

/**
 * What the clinical integration runs besides HTTP, in ROLE=worker or all: the MLLP listener for results and orders
 * (HL7_LISTEN_PORT) with the schedule of the sweep behind it, and the sender that pushes stored ADT/SIU messages to
 * the HIS (HIS_MLLP_HOST).
 */
export async function startClinicalServices(deps: AppDeps): Promise<ClinicalServices> {
  const { config, logger } = deps;
  await scheduleInboundSweep(deps);
  let listener: MllpServer | undefined;
  if (config.HL7_LISTEN_PORT !== undefined) {
    const tls =
      config.HL7_TLS_CERT_FILE && config.HL7_TLS_KEY_FILE
        ? {
            cert: readFileSync(config.HL7_TLS_CERT_FILE),
            key: readFileSync(config.HL7_TLS_KEY_FILE),
            ca: config.HL7_TLS_CA_FILE ? readFileSync(config.HL7_TLS_CA_FILE) : undefined,
          }
        : undefined;
    listener = await startMllpServer({
      host: config.HL7_LISTEN_HOST,
      port: config.HL7_LISTEN_PORT,
      allow: config.HL7_ALLOWED_PEERS,
      tls,
      idleTimeoutMs: config.HL7_IDLE_TIMEOUT_MS,
      onFrame: (frame, peer) => receiveFrame(deps, frame, peer),
      onEvent: (event, detail) => logger.warn({ event, ...detail }, 'hl7 listener'),
    }).catch((err: NodeJS.ErrnoException) => {
      throw new Hl7ListenError(
        err.code === 'EADDRINUSE'
          ? `HL7_LISTEN_PORT: ${config.HL7_LISTEN_HOST}:${config.HL7_LISTEN_PORT} is already in use`
          : `HL7_LISTEN_PORT: cannot listen on ${config.HL7_LISTEN_HOST}:${config.HL7_LISTEN_PORT} (${err.message})`,
      );
    });
    logger.info({ port: listener.port, tls: !!tls }, 'hl7 listener started');
  }
  const sender = config.HIS_MLLP_HOST ? startHisSender(deps) : undefined;
  return {
    hl7Port: listener?.port,
    sender,
    async stop() {
      await sender?.stop();
      await listener?.close();
    },
  };
}
