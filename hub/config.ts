import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * The only reader of process.env. Every setting is validated here; a wrong or missing value stops the
 * process with one line naming the variable (see `loadConfig`).
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A comma-separated list of codes, trimmed and upper-cased (`CR, us` → ['CR', 'US']). */
const codeList = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((x) => x.trim().toUpperCase())
      .filter(Boolean),
  )
  .refine((list) => list.every((x) => /^[A-Z0-9*._-]{1,32}$/.test(x)), 'comma-separated codes like CR,US or GLU');

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
  /** longest an availability answer is served from memory (changes drop it at once); 0 turns the cache off */
  AVAILABILITY_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(15),
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
  /** Mini App sign-ins (Zalo token exchanges) accepted per client IP per minute */
  PATIENT_SESSION_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** an agent counts as online this long after the last heartbeat of their console connection */
  INBOX_PRESENCE_TTL_SECONDS: z.coerce.number().int().min(10).max(600).default(45),
  // Notification providers: ZNS, SMS gateways, email, Mini App notifications, OA token refresh (adapters/notify, hub/providers)
  /** Zalo OAuth v4 base (oauth.zaloapp.com) for the OA token refresh; the sandbox twin when SANDBOX is on */
  ZALO_OAUTH_URL: z.url().optional(),
  /** the OA's refresh token to start from (single-use: the hub keeps the rotated pair in provider_tokens) */
  ZALO_OA_REFRESH_TOKEN: z.string().min(8).optional(),
  /** secret key of the Zalo App the OA granted access to (refresh grant); defaults to ZALO_APP_SECRET */
  ZALO_OA_APP_SECRET: z.string().min(8).optional(),
  /** ZNS / ZBS template messages by phone (business.openapi.zalo.me); the sandbox twin when SANDBOX is on */
  ZNS_API_URL: z.url().optional(),
  /** send ZNS in development mode: delivered only to the app's and OA's admins, not charged */
  ZNS_DEVELOPMENT_MODE: bool.default(false),
  /** the SMS Brandname gateway: esms or speedsms */
  SMS_PROVIDER: z.enum(['esms', 'speedsms']).default('esms'),
  /** eSMS REST base (…/MainService.svc/json); the sandbox twin when SANDBOX is on */
  ESMS_API_URL: z.url().optional(),
  ESMS_API_KEY: z.string().min(8).optional(),
  ESMS_SECRET_KEY: z.string().min(8).optional(),
  /** the registered brandname (sender name, up to 11 characters) */
  ESMS_BRANDNAME: z
    .string()
    .regex(/^[A-Za-z0-9 ._-]{1,11}$/, 'letters, digits, space . _ -, up to 11 characters')
    .optional(),
  /** SpeedSMS API base (…/index.php); the sandbox twin when SANDBOX is on */
  SPEEDSMS_API_URL: z.url().optional(),
  SPEEDSMS_ACCESS_TOKEN: z.string().min(8).optional(),
  /** the registered brandname SpeedSMS sends as */
  SPEEDSMS_SENDER: z
    .string()
    .regex(/^[A-Za-z0-9 ._-]{1,11}$/, 'letters, digits, space . _ -, up to 11 characters')
    .optional(),
  /** From address of notification emails (e.g. no-reply@…); defaults to EMAIL_INBOX_ADDRESS */
  NOTIFY_EMAIL_FROM: z.email().optional(),
  /** the Mini App's id (X-MiniApp-Id of its notification API) */
  MINIAPP_ID: z.string().regex(/^\d+$/, 'digits only').optional(),
  /** Mini App notification API base (openapi.mini.zalo.me); the sandbox twin when SANDBOX is on */
  MINIAPP_NOTIFY_API_URL: z.url().optional(),
  /** the Mini App's open-API key (scope apps.send.notification; the server's IP must be whitelisted) */
  MINIAPP_NOTIFY_API_KEY: z.string().min(8).optional(),
  /** the approved Mini App notification template */
  MINIAPP_NOTIFY_TEMPLATE_ID: z.string().min(1).optional(),
  // Notifications: templates, channel plans, rate limits, quiet hours, reminders (hub/notify, templates/)
  /** a JSON file of per-template overrides (the OA's own ZNS template ids, wording, channel plan); checked at start */
  NOTIFY_TEMPLATES_FILE: z.string().min(1).optional(),
  /** channel plan per notification type, overriding the templates' own: `appointment-reminder=zns,sms;campaign=zns` */
  NOTIFY_CHANNEL_PLANS: z
    .string()
    .default('')
    .refine(
      (v) => v === '' || /^([a-z-]+=[a-z_]+(,[a-z_]+)*)(;[a-z-]+=[a-z_]+(,[a-z_]+)*)*$/.test(v.replace(/\s/g, '')),
      'like appointment-reminder=zns,sms;campaign=zns',
    ),
  /** send SMS with Vietnamese marks (UCS-2, 70 characters a part) instead of stripping them */
  NOTIFY_SMS_UNICODE: bool.default(false),
  /** unit prices in VND for cost estimates: per ZNS message, per SMS segment, per email, per OA and Mini App message */
  NOTIFY_PRICES_VND: z
    .string()
    .default('zns=250,sms=800,email=0,zalo_oa=0,miniapp=0')
    .refine((v) => /^([a-z_]+=\d+)(,[a-z_]+=\d+)*$/.test(v.replace(/\s/g, '')), 'like zns=250,sms=800,email=0'),
  /** sends per second per provider account (OA, brandname, mailbox), 0 = unlimited: `zns=20,sms=10,email=20` */
  NOTIFY_RATE_LIMITS: z
    .string()
    .default('zns=20,sms=10,email=20,zalo_oa=20,miniapp=10')
    .refine((v) => /^([a-z_]+=\d+(\.\d+)?)(,[a-z_]+=\d+(\.\d+)?)*$/.test(v.replace(/\s/g, '')), 'like zns=20,sms=10'),
  /** how many sends a rate limit lets through at once after a quiet spell (the token bucket's size) */
  NOTIFY_RATE_BURST: z.coerce.number().int().min(1).max(1_000).default(5),
  /** ZNS messages per day the OA may send, until the provider reports its own figure */
  NOTIFY_ZNS_DAILY_QUOTA: z.coerce.number().int().min(0).default(500),
  /** no care or marketing sends in this window, clinic time (urgent types excepted); `off` turns it off */
  NOTIFY_QUIET_HOURS: z
    .string()
    .default('22:00-06:00')
    .refine(
      (v) => v === 'off' || /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/.test(v),
      'like 22:00-06:00, or off',
    ),
  /** appointment reminders, before the visit, comma separated: `24h,2h` (m, h or d); `off`: none */
  NOTIFY_REMINDER_OFFSETS: z
    .string()
    .default('24h,2h')
    .refine((v) => v === 'off' || /^\d+[mhd](,\d+[mhd])*$/.test(v.replace(/\s/g, '')), 'like 24h,2h or 3d,90m, or off'),
  /** days before a re-examination date its reminder goes out (at 09:00 clinic time) */
  NOTIFY_REEXAM_DAYS_BEFORE: z.coerce.number().int().min(0).max(60).default(3),
  /** hours after a completed visit the satisfaction survey goes out */
  NOTIFY_SURVEY_DELAY_HOURS: z.coerce.number().min(0).max(168).default(3),
  /** tries on one channel against transient errors before the plan moves to the next channel */
  NOTIFY_MAX_TRIES: z.coerce.number().int().min(1).max(20).default(5),
  /** first retry delay after a transient error; doubles each try (capped at one hour) */
  NOTIFY_RETRY_BASE_SECONDS: z.coerce.number().min(0.1).max(3_600).default(30),
  /** how long a worker owns a notification it is sending; after that a sweep reconciles it */
  NOTIFY_LEASE_SECONDS: z.coerce.number().min(1).max(3_600).default(120),
  /** how long a send whose outcome is unknown (its worker died) waits for the provider's report before a resend */
  NOTIFY_INDOUBT_GRACE_SECONDS: z.coerce.number().min(1).max(86_400).default(600),
  /** how often the sweep re-queues due notifications and reconciles abandoned sends */
  NOTIFY_SWEEP_SECONDS: z.coerce.number().min(0.2).max(3_600).default(15),
  /** HMAC key of the email opt-out links; defaults to a key derived from PATIENT_TOKEN_SECRET */
  NOTIFY_LINK_SECRET: z.string().min(32, 'needs at least 32 characters').optional(),
  /** the Mini App's address in links (https://zalo.me/s/<mini app id>); defaults to the hub's /miniapp/ */
  NOTIFY_MINIAPP_URL: z.url().optional(),
  // Results: PACS polling, the release gate, the web lookup link (hub/results, adapters/clinical/pacs)
  /** Orthanc's REST base; unset: PACS polling is off (`npm start` then runs the project's own Orthanc and sets it) */
  ORTHANC_URL: z.url().optional(),
  /** HTTP Basic credentials of that Orthanc */
  ORTHANC_USERNAME: z.string().min(1).optional(),
  ORTHANC_PASSWORD: z.string().min(1).optional(),
  /** ports of the Orthanc `npm start` runs on 127.0.0.1 when ORTHANC_URL is unset */
  ORTHANC_LOCAL_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(8043),
  ORTHANC_LOCAL_DICOM_PORT: z.coerce.number().int().min(1).max(65535).default(4243),
  /** how often the hub reads Orthanc's /changes */
  PACS_POLL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(10),
  /** rendered previews kept per study */
  PACS_PREVIEWS_PER_STUDY: z.coerce.number().int().min(0).max(50).default(6),
  /** on the first poll of a PACS, also take the studies it held before the hub watched it (off: start from "now") */
  PACS_REPLAY_HISTORY: bool.default(false),
  /** order test codes (OBR-4) whose final results reach the patient without a clinician, comma separated (`*`: all) */
  RESULTS_AUTO_RELEASE_TESTS: codeList,
  /** imaging modalities (CR, US…) whose final results reach the patient without a clinician, comma separated (`*`: all) */
  RESULTS_AUTO_RELEASE_MODALITIES: codeList,
  /** life of a web result-lookup link */
  RESULT_LOOKUP_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  /** wrong birth dates accepted per link before it locks for RESULT_LOOKUP_LOCK_MINUTES */
  RESULT_LOOKUP_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  RESULT_LOOKUP_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** HMAC key of lookup links; defaults to a key derived from PATIENT_TOKEN_SECRET */
  RESULT_LOOKUP_SECRET: z.string().min(32, 'needs at least 32 characters').optional(),
  // HL7 v2 with the HIS / LIS / RIS over MLLP (hub/clinical, adapters/clinical/hl7|his|lis)
  /** the hub's MLLP listener for results and orders (ROLE=worker or all); keep it on the loopback or the hospital LAN */
  HL7_LISTEN_HOST: z.string().min(1).default('127.0.0.1'),
  /** its port; unset: no listener (2575 when SANDBOX is on) */
  HL7_LISTEN_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** IPs / CIDR ranges allowed to connect to the listener, comma separated; `*` = anyone */
  HL7_ALLOWED_PEERS: z
    .string()
    .default('127.0.0.1,::1')
    .transform((v) =>
      v.trim() === '*'
        ? []
        : v
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean),
    )
    .refine(
      (list) => list.every((x) => isIP(x.split('/')[0]!) !== 0),
      'comma-separated IPs or CIDR ranges like 127.0.0.1,10.20.0.0/16, or *',
    ),
  /** PEM files: with both, the listener speaks TLS; with the CA too, peers must present a client certificate */
  HL7_TLS_CERT_FILE: z.string().min(1).optional(),
  HL7_TLS_KEY_FILE: z.string().min(1).optional(),
  HL7_TLS_CA_FILE: z.string().min(1).optional(),
  /** MSH-3 / MSH-4 the hub writes (and PID-3 authority of its own patient ids) */
  HL7_SENDING_APP: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,20}$/, 'letters, digits, . _ - (≤ 20)')
    .default('BOOKINGHUB'),
  HL7_SENDING_FACILITY: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,20}$/, 'letters, digits, . _ - (≤ 20)')
    .default('PK_DEMO'),
  /** how text is decoded when a message leaves MSH-18 empty (a WHATWG label Node knows: utf-8, windows-1258…) */
  HL7_FALLBACK_CHARSET: z
    .string()
    .default('utf-8')
    .refine((v) => {
      try {
        new TextDecoder(v);
        return true;
      } catch {
        return false;
      }
    }, 'a character set Node can decode, e.g. utf-8 or windows-1258'),
  /** wait for an ACK before the message counts as not delivered (it is resent later with the same MSH-10) */
  HL7_ACK_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  HL7_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** the listener closes a connection silent for this long */
  HL7_IDLE_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(600_000),
  /** longest wait between two tries of an undelivered message to the HIS (doubles from 1 s up to this) */
  HL7_RETRY_MAX_SECONDS: z.coerce.number().int().min(1).max(3_600).default(300),
  /** the HIS's MLLP endpoint; unset: appointments are not pushed (the sandbox HIS when SANDBOX is on) */
  HIS_MLLP_HOST: z.string().min(1).optional(),
  /** its port (also the port the sandbox HIS listens on) */
  HIS_MLLP_PORT: z.coerce.number().int().min(1).max(65535).default(2576),
  /** connect to the HIS over TLS, trusting this CA file (system CAs when only HIS_MLLP_TLS is on) */
  HIS_MLLP_TLS: bool.default(false),
  HIS_MLLP_TLS_CA_FILE: z.string().min(1).optional(),
  /** MSH-5 / MSH-6 of what the hub sends to the HIS; the facility is also the authority of its MRNs (PID-3.4) */
  HIS_RECEIVING_APP: z.string().min(1).max(20).default('HIS'),
  HIS_RECEIVING_FACILITY: z.string().min(1).max(20).default('BV_DEMO'),
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

/** The sandbox twins' demo accounts for notifications; sandbox/zalo-oauth, esms, speedsms and miniapp-notify hold the same. */
const sandboxNotify = {
  oaRefreshToken: 'medicrm-sandbox-oa-refresh-token',
  esmsApiKey: 'medicrm-sandbox-esms-api-key',
  esmsSecretKey: 'medicrm-sandbox-esms-secret-key',
  brandname: 'MEDICRM',
  speedSmsToken: 'medicrm-sandbox-speedsms-access-token',
  miniAppId: '3170000000000000001',
  miniAppApiKey: 'medicrm-sandbox-miniapp-open-api-key',
  miniAppTemplateId: '00126fd75392bacce383',
} as const;

/** Notification provider settings resolved: the sandbox twins' when SANDBOX is on and nothing real is configured. */
function notifyProviderDefaults(c: z.infer<typeof schema>, sandboxUrl: string | undefined) {
  const sb = sandboxUrl?.replace(/\/$/, '');
  const demo = <T>(real: T | undefined, value: T) => real ?? (sb ? value : undefined);
  return {
    ZALO_OAUTH_URL: c.ZALO_OAUTH_URL ?? (sb ? `${sb}/zalo-oauth` : 'https://oauth.zaloapp.com'),
    // the demo pair only goes with the demo access token: a real token without its refresh token is never refreshed
    ZALO_OA_REFRESH_TOKEN:
      c.ZALO_OA_REFRESH_TOKEN ?? (c.ZALO_OA_ACCESS_TOKEN ? undefined : demo(undefined, sandboxNotify.oaRefreshToken)),
    ZALO_OA_APP_SECRET: c.ZALO_OA_APP_SECRET ?? c.ZALO_APP_SECRET ?? demo(undefined, sandboxZaloApp.secret),
    ZNS_API_URL: c.ZNS_API_URL ?? (sb ? `${sb}/zns` : 'https://business.openapi.zalo.me'),
    ESMS_API_URL:
      c.ESMS_API_URL ?? (sb ? `${sb}/esms/MainService.svc/json` : 'https://rest.esms.vn/MainService.svc/json'),
    ESMS_API_KEY: demo(c.ESMS_API_KEY, sandboxNotify.esmsApiKey),
    ESMS_SECRET_KEY: demo(c.ESMS_SECRET_KEY, sandboxNotify.esmsSecretKey),
    ESMS_BRANDNAME: demo(c.ESMS_BRANDNAME, sandboxNotify.brandname),
    SPEEDSMS_API_URL: c.SPEEDSMS_API_URL ?? (sb ? `${sb}/speedsms/index.php` : 'https://api.speedsms.vn/index.php'),
    SPEEDSMS_ACCESS_TOKEN: demo(c.SPEEDSMS_ACCESS_TOKEN, sandboxNotify.speedSmsToken),
    SPEEDSMS_SENDER: demo(c.SPEEDSMS_SENDER, sandboxNotify.brandname),
    MINIAPP_ID: demo(c.MINIAPP_ID, sandboxNotify.miniAppId),
    MINIAPP_NOTIFY_API_URL: c.MINIAPP_NOTIFY_API_URL ?? (sb ? `${sb}/miniapp-notify` : 'https://openapi.mini.zalo.me'),
    MINIAPP_NOTIFY_API_KEY: demo(c.MINIAPP_NOTIFY_API_KEY, sandboxNotify.miniAppApiKey),
    MINIAPP_NOTIFY_TEMPLATE_ID: demo(c.MINIAPP_NOTIFY_TEMPLATE_ID, sandboxNotify.miniAppTemplateId),
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
    ...notifyProviderDefaults(c, sandboxUrl),
    // the sandbox HIS and the hub's MLLP listener on the loopback when SANDBOX is on and nothing real is set; test runs
    // in parallel would fight over a fixed port, so there the listener is on only when a test asks for it
    HIS_MLLP_HOST: c.HIS_MLLP_HOST ?? (sandboxUrl ? '127.0.0.1' : undefined),
    HL7_LISTEN_PORT: c.HL7_LISTEN_PORT ?? (sandboxUrl && c.NODE_ENV !== 'test' ? 2575 : undefined),
  };
}

function describe(issue: z.core.$ZodIssue, value: string | undefined): string {
  const shown = value === undefined ? 'is missing' : `has an invalid value`;
  return `${shown}: ${issue.message}`;
}
