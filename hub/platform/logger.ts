import { type DestinationStream, type Logger, pino } from 'pino';

/**
 * Keys whose values are personal data or secrets. pino removes them wherever they appear in the first
 * three levels of a log object, so a careless `log.info({ contact })` still prints nothing personal.
 */
const sensitiveKeys = [
  'phone',
  'phones',
  'email',
  'emails',
  'name',
  'fullName',
  'full_name',
  'displayName',
  'password',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'access_token',
  'refresh_token',
  'secret',
  'authorization',
  'cookie',
  'set-cookie',
  'x-csrf-token',
  'nationalId',
  'insuranceNumber',
  'birthDate',
  'address',
  'text',
  'content',
  'value',
  'result',
  'results',
];

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const k of sensitiveKeys) {
    const key = /^[a-zA-Z_]\w*$/.test(k) ? k : `["${k}"]`;
    const dot = key.startsWith('[') ? '' : '.';
    paths.push(key, `*${dot}${key}`, `*.*${dot}${key}`);
  }
  return paths;
}

export function createLogger(opts: {
  level: string;
  base?: Record<string, unknown>;
  destination?: DestinationStream;
}): Logger {
  return pino(
    {
      level: opts.level,
      base: opts.base ?? { service: 'medicrm' },
      redact: { paths: redactPaths(), censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    opts.destination,
  );
}

/** For the rare log line that must say which phone: keeps the first 4 and last 2 digits. */
export function maskPhone(phone: string): string {
  return phone.length <= 6 ? '***' : `${phone.slice(0, 4)}${'*'.repeat(phone.length - 6)}${phone.slice(-2)}`;
}

export type { Logger };
