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
  /** the Zalo App that owns the Mini App (developers.zalo.me): id and secret key */
  ZALO_APP_ID: z.string().min(1).optional(),
  ZALO_APP_SECRET: z.string().min(8).optional(),
  /** Zalo Graph API base (user verification, phone-token exchange); defaults to the sandbox twin when SANDBOX is on */
  ZALO_GRAPH_URL: z.url().optional(),
  /** HMAC key of the Mini App patients' hub tokens; every API replica must share it. Required in production */
  PATIENT_TOKEN_SECRET: z.string().min(32, 'needs at least 32 characters').optional(),
  PATIENT_TOKEN_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  /** browser origins allowed to call the patient, catalog and availability API (the Mini App runs on Zalo's h5.zdn.vn) */
  MINIAPP_ALLOWED_ORIGINS: z
    .string()
    .default('https://h5.zdn.vn')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .refine(
      (list) => list.every((o) => /^https?:\/\/[^/]+$/.test(o)),
      'comma-separated origins like https://h5.zdn.vn',
    ),
  /** how long a self-service booking holds its slot while the patient confirms */
  BOOKING_HOLD_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
  /** patients may cancel or reschedule until this many hours before the visit */
  BOOKING_CHANGE_CUTOFF_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 14)
    .default(4),
  /** the earliest slot a booking may take, in minutes from now */
  BOOKING_MIN_LEAD_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(30),
  /** how far ahead slots are opened for booking */
  BOOKING_HORIZON_DAYS: z.coerce.number().int().min(1).max(366).default(60),
  // Omnichannel inbox: channels, intake, assignment (hub/inbox, hub/channels, adapters/channels)
  /** the clinic's name as patients see it: email From, canned responses' {{clinic.name}} */
  CLINIC_NAME: z.string().trim().min(1).default('Phòng khám Đa khoa MediCRM'),
  /** Zalo OA API base (openapi.zalo.me); the sandbox twin when SANDBOX is on */
  ZALO_OA_API_URL: z.url().optional(),
  /** the Official Account's id; the OA channel is off until it (or SANDBOX) is set */
  ZALO_OA_ID: z.string().regex(/^\d+$/, 'digits only').optional(),
  /** the Zalo App the OA webhook is registered on (signature term); defaults to ZALO_APP_ID */
  ZALO_OA_APP_ID: z.string().regex(/^\d+$/, 'digits only').optional(),
  /** the "OA Secret Key" of the app's Webhook page (signature secret) */
  ZALO_OA_SECRET_KEY: z.string().min(8).optional(),
  /** OA access token for sending (header access_token) */
  ZALO_OA_ACCESS_TOKEN: z.string().min(8).optional(),
  /** accepted webhook signature variants (PROVIDERS.md §9.1), comma separated: app_id|oa_id + oa_secret|app_secret */
  ZALO_OA_SIGNATURE_VARIANTS: z
    .string()
    .default('app_id+oa_secret')
    .refine(
      (v) => v.split(',').every((x) => /^(app_id|oa_id)\+(oa_secret|app_secret)$/.test(x.trim())),
      'comma-separated list of app_id+oa_secret, app_id+app_secret, oa_id+oa_secret, oa_id+app_secret',
    ),
  /** a Zalo webhook whose body timestamp is older than this is refused as a replay */
  ZALO_OA_WEBHOOK_MAX_AGE_SECONDS: z.coerce.number().int().min(60).default(86_400),
  /** free consultation replies per 48 h after the user's last interaction (0 = unlimited; PROVIDERS.md §1.4) */
  ZALO_OA_FREE_REPLIES_PER_48H: z.coerce.number().int().min(0).default(8),
  /** the OA is linked to a Zalo Cloud Account, so replies 48 h – 7 d after the last interaction are billable, not refused */
  ZALO_OA_PAID_REPLIES: bool.default(true),
  /** Messenger Graph API base (graph.facebook.com); the sandbox twin when SANDBOX is on */
  MESSENGER_GRAPH_URL: z.url().optional(),
  MESSENGER_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'like v25.0')
    .default('v25.0'),
  /** the Facebook Page; the Messenger channel is off until it (or SANDBOX) is set */
  MESSENGER_PAGE_ID: z.string().regex(/^\d+$/, 'digits only').optional(),
  MESSENGER_PAGE_TOKEN: z.string().min(8).optional(),
  /** the Meta app secret: key of X-Hub-Signature-256 */
  MESSENGER_APP_SECRET: z.string().min(8).optional(),
  /** the token typed into the webhook subscription, echoed back by the GET handshake */
  MESSENGER_VERIFY_TOKEN: z.string().min(8).optional(),
  /** the app holds the Human Agent permission: agents may reply 24 h – 7 d with the HUMAN_AGENT tag */
  MESSENGER_HUMAN_AGENT: bool.default(true),
  /** the clinic address patients write to (mail forwarded to the hub's SMTP listener); email is off until set */
  EMAIL_INBOX_ADDRESS: z.email().optional(),
  /** where replies are sent through (smtp:// or smtps://user:pass@host:port); the sandbox SMTP when SANDBOX is on */
  EMAIL_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must look like smtp://host:port')
    .optional(),
  /** the hub's SMTP listener (ROLE=worker or all) receiving the forwarded mail */
  EMAIL_LISTEN_HOST: z.string().min(1).default('127.0.0.1'),
  EMAIL_LISTEN_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  /** largest inbound email accepted, attachments included */
  EMAIL_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(10_000)
    .default(25 * 1024 * 1024),
  /** largest single attachment the hub keeps (bigger ones are listed but not stored) */
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(10 * 1024 * 1024),
  /** port of the sandbox SMTP server that stands for the outside mail system */
  SANDBOX_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2526),
  /** origins allowed to post the landing-page form (comma separated); the sandbox's own when SANDBOX is on */
  LEAD_FORM_ORIGINS: z.string().default(''),
  /** landing-page form submissions accepted per client IP per hour */
  LEAD_FORM_RATE_PER_HOUR: z.coerce.number().int().min(1).default(20),
  /** an agent counts as online this long after the last heartbeat of their console connection */
  INBOX_PRESENCE_TTL_SECONDS: z.coerce.number().int().min(10).max(600).default(45),
});

export type Config = Omit<
  z.infer<typeof schema>,
  'COOKIE_SECURE' | 'SANDBOX_URL' | 'ZALO_GRAPH_URL' | 'ZALO_APP_ID' | 'ZALO_APP_SECRET' | 'PATIENT_TOKEN_SECRET'
> & {
  COOKIE_SECURE: boolean;
  /** base URL of the sandbox twins when SANDBOX is on; adapters derive their default base URLs from it */
  SANDBOX_URL: string | undefined;
  /** set when real credentials are given, or SANDBOX is on (the sandbox twin's demo app); undefined otherwise */
  ZALO_APP_ID: string | undefined;
  ZALO_APP_SECRET: string | undefined;
  ZALO_GRAPH_URL: string;
  PATIENT_TOKEN_SECRET: string;
};

/**
 * The demo Zalo App registered in the Zalo Graph sandbox twin (sandbox/zalo-graph); used only when SANDBOX is on and
 * no real credentials are set. The twin holds the same pair: it checks appsecret_proof against it.
 */
const sandboxZaloApp = { id: '1000000000000000001', secret: 'medicrm-sandbox-zalo-app-secret' } as const;
/** Development and test only: production refuses to start without PATIENT_TOKEN_SECRET. */
const devPatientTokenSecret = 'medicrm-dev-patient-token-secret-not-for-production';

/**
 * The sandbox twins' demo Official Account, Facebook Page and clinic mailbox, used only when SANDBOX is on and no real
 * values are set. sandbox/zalo-oa, sandbox/messenger and sandbox/smtp hold the same values.
 */
const sandboxChannels = {
  oaId: '2000000000000000001',
  oaSecretKey: 'medicrm-sandbox-oa-secret-key',
  oaAccessToken: 'medicrm-sandbox-oa-access-token',
  pageId: '3000000000000000001',
  pageToken: 'medicrm-sandbox-page-access-token',
  metaAppSecret: 'medicrm-sandbox-meta-app-secret',
  verifyToken: 'medicrm-sandbox-verify-token',
  inbox: 'cskh@demo.medicrm.vn',
} as const;

/** Channel settings resolved: the sandbox twins' values when SANDBOX is on and nothing real is configured. */
function channelDefaults(c: z.infer<typeof schema>, sandboxUrl: string | undefined) {
  const sb = sandboxUrl?.replace(/\/$/, '');
  const sandboxOrigins = sb ? [new URL(sb).origin, new URL(sb).origin.replace('127.0.0.1', 'localhost')] : [];
  return {
    ZALO_OA_API_URL: c.ZALO_OA_API_URL ?? (sb ? `${sb}/zalo-oa` : 'https://openapi.zalo.me'),
    ZALO_OA_ID: c.ZALO_OA_ID ?? (sb ? sandboxChannels.oaId : undefined),
    ZALO_OA_APP_ID: c.ZALO_OA_APP_ID ?? c.ZALO_APP_ID ?? (sb ? sandboxZaloApp.id : undefined),
    ZALO_OA_SECRET_KEY: c.ZALO_OA_SECRET_KEY ?? (sb ? sandboxChannels.oaSecretKey : undefined),
    ZALO_OA_ACCESS_TOKEN: c.ZALO_OA_ACCESS_TOKEN ?? (sb ? sandboxChannels.oaAccessToken : undefined),
    MESSENGER_GRAPH_URL: c.MESSENGER_GRAPH_URL ?? (sb ? `${sb}/messenger` : 'https://graph.facebook.com'),
    MESSENGER_PAGE_ID: c.MESSENGER_PAGE_ID ?? (sb ? sandboxChannels.pageId : undefined),
    MESSENGER_PAGE_TOKEN: c.MESSENGER_PAGE_TOKEN ?? (sb ? sandboxChannels.pageToken : undefined),
    MESSENGER_APP_SECRET: c.MESSENGER_APP_SECRET ?? (sb ? sandboxChannels.metaAppSecret : undefined),
    MESSENGER_VERIFY_TOKEN: c.MESSENGER_VERIFY_TOKEN ?? (sb ? sandboxChannels.verifyToken : undefined),
    EMAIL_INBOX_ADDRESS: c.EMAIL_INBOX_ADDRESS ?? (sb ? sandboxChannels.inbox : undefined),
    EMAIL_SMTP_URL: c.EMAIL_SMTP_URL ?? (sb ? `smtp://127.0.0.1:${c.SANDBOX_SMTP_PORT}` : undefined),
    LEAD_FORM_ORIGINS: [
      ...new Set([
        ...c.LEAD_FORM_ORIGINS.split(',')
          .map((o) => o.trim())
          .filter(Boolean),
        ...sandboxOrigins,
      ]),
    ].join(','),
  };
}

/** Every setting's name, for the README check. */
export const configNames = Object.keys(schema.shape);

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
  if (c.NODE_ENV === 'production' && !c.PATIENT_TOKEN_SECRET) {
    throw new ConfigError(
      'Configuration error: PATIENT_TOKEN_SECRET is missing: production needs a shared secret of at least 32 characters',
    );
  }
  if ((c.ZALO_APP_ID === undefined) !== (c.ZALO_APP_SECRET === undefined)) {
    throw new ConfigError('Configuration error: ZALO_APP_ID and ZALO_APP_SECRET must be set together');
  }
  const sandboxUrl = c.SANDBOX ? (c.SANDBOX_URL ?? `http://127.0.0.1:${c.SANDBOX_PORT}`) : undefined;
  const zaloFromSandbox = sandboxUrl !== undefined && c.ZALO_APP_SECRET === undefined;
  return {
    ...c,
    COOKIE_SECURE: c.COOKIE_SECURE ?? c.PUBLIC_URL.startsWith('https://'),
    SANDBOX_URL: sandboxUrl,
    ZALO_APP_ID: c.ZALO_APP_ID ?? (zaloFromSandbox ? sandboxZaloApp.id : undefined),
    ZALO_APP_SECRET: c.ZALO_APP_SECRET ?? (zaloFromSandbox ? sandboxZaloApp.secret : undefined),
    ZALO_GRAPH_URL:
      c.ZALO_GRAPH_URL ?? (sandboxUrl ? `${sandboxUrl.replace(/\/$/, '')}/zalo-graph` : 'https://graph.zalo.me'),
    PATIENT_TOKEN_SECRET: c.PATIENT_TOKEN_SECRET ?? devPatientTokenSecret,
    ...channelDefaults(c, sandboxUrl),
  };
}

function describe(issue: z.core.$ZodIssue, value: string | undefined): string {
  const shown = value === undefined ? 'is missing' : `has an invalid value`;
  return `${shown}: ${issue.message}`;
}
