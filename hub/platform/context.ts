import type { Redis } from 'ioredis';
import type { Db } from '../../db/client.ts';
import type { StaffRole } from '../../db/schema/index.ts';
import type { Config } from '../config.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import type { Queues } from './queues.ts';

/** What the HTTP app and the workers are built from; main.ts makes it once per process. */
export interface AppDeps {
  config: Config;
  db: Db;
  redis: Redis;
  queues: Queues;
  logger: Logger;
  metrics: Metrics;
  /** false while starting or shutting down: /ready answers 503 */
  isAccepting(): boolean;
  /** Registers a release step (a LISTEN connection, a timer) run when the process's runtime closes. */
  onClose(fn: () => Promise<void>): void;
}

export interface StaffPrincipal {
  id: string;
  email: string;
  fullName: string;
  role: StaffRole;
  sessionId: string;
  csrfToken: string;
}

/** A Mini App patient, from a verified hub token (hub/patient-auth). */
export interface PatientPrincipal {
  contactId: string;
  /** the Zalo app-scoped user id the token was issued for */
  zaloUserId: string;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    /** The request's logger (bound to its id), made on first use: a child logger with redaction is too dear per request. */
    log: () => Logger;
    staff?: StaffPrincipal;
    patient?: PatientPrincipal;
  };
}
