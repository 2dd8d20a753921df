import { z } from 'zod';

/**
 * The only reader of process.env. Every setting is validated here; a wrong or missing value stops the
 * process with one line naming the variable (see `loadConfig`).
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  DATABASE_URL: z
    .string()
    .default('postgres://postgres@127.0.0.1:5432/medicrm')
    .refine((v) => /^postgres(ql)?:\/\/[^/]+\/[^/?]+/.test(v), 'must look like postgres://user@host:port/database'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z
    .string()
    .default('redis://127.0.0.1:6379')
    .refine((v) => /^rediss?:\/\//.test(v), 'must look like redis://host:port'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/, 'letters, digits, - and _ only')
    .default('medicrm'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 30)
    .default(12),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .min(5)
    .max(24 * 60)
    .default(120),
  COOKIE_SECURE: bool.optional(),
  SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  SIGNIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  MIGRATE_ON_START: bool.default(true),
  SEED_DEMO: bool.default(false),
  SERVE_WEB: bool.default(true),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(10),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  OUTBOX_BATCH: z.coerce.number().int().min(1).max(5_000).default(200),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(25_000),
  CLINIC_TIMEZONE: z.string().default('Asia/Ho_Chi_Minh'),
  METRICS_TOKEN: z.string().min(16).optional(),
  /** run against the local provider stand-ins (sandbox/) instead of the real providers */
  SANDBOX: bool.default(false),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  SANDBOX_URL: z.url().optional(),
});

export type Config = Omit<z.infer<typeof schema>, 'COOKIE_SECURE' | 'SANDBOX_URL'> & {
  COOKIE_SECURE: boolean;
  /** base URL of the sandbox twins when SANDBOX is on; adapters derive their default base URLs from it */
  SANDBOX_URL: string | undefined;
};

export class ConfigError extends Error {}

/** Parses an environment (process.env by default). Throws ConfigError with a one-line message. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(schema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  ) as Record<string, string | undefined>;
  const parsed = schema.safeParse(relevant);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Configuration error: ${name} ${describe(issue, relevant[name])}`);
  }
  const c = parsed.data;
  try {
    Intl.DateTimeFormat('en', { timeZone: c.CLINIC_TIMEZONE });
  } catch {
    throw new ConfigError(`Configuration error: CLINIC_TIMEZONE "${c.CLINIC_TIMEZONE}" is not a known IANA time zone`);
  }
  return {
    ...c,
    COOKIE_SECURE: c.COOKIE_SECURE ?? c.PUBLIC_URL.startsWith('https://'),
    SANDBOX_URL: c.SANDBOX ? (c.SANDBOX_URL ?? `http://127.0.0.1:${c.SANDBOX_PORT}`) : undefined,
  };
}

function describe(issue: z.core.$ZodIssue, value: string | undefined): string {
  const shown = value === undefined ? 'is missing' : `has an invalid value`;
  return `${shown}: ${issue.message}`;
}
