import { createHash } from 'node:crypto';
import type { NotifyChannel } from '../../adapters/notify/types.ts';
import { type NotificationType, notificationTypes, templateChannels } from '../../templates/index.ts';
import type { Config } from '../config.ts';

/** The notification settings of hub/config.ts, parsed once into what the engine uses. */
export interface NotifySettings {
  plans: Partial<Record<NotificationType, NotifyChannel[]>>;
  pricesVnd: Record<NotifyChannel, number>;
  /** sends per second per provider account; 0 = unlimited */
  rates: Record<NotifyChannel, number>;
  burst: number;
  znsDailyQuota: number;
  /** minutes after midnight, clinic time; undefined = no quiet hours */
  quiet?: { startMinute: number; endMinute: number };
  reminderOffsetsMs: { label: string; ms: number }[];
  reexamDaysBefore: number;
  surveyDelayMs: number;
  maxTries: number;
  retryBaseMs: number;
  leaseMs: number;
  inDoubtGraceMs: number;
  sweepMs: number;
  smsUnicode: boolean;
  linkSecret: string;
  miniappUrl: string;
  publicUrl: string;
  clinicName: string;
  timeZone: string;
}

const isChannel = (c: string): c is NotifyChannel => (templateChannels as readonly string[]).includes(c);
const isType = (t: string): t is NotificationType => (notificationTypes as readonly string[]).includes(t);

function pairs(v: string): [string, string][] {
  return v
    .replace(/\s/g, '')
    .split(',')
    .filter(Boolean)
    .map((p) => p.split('=') as [string, string]);
}

function perChannel(v: string, name: string): Record<NotifyChannel, number> {
  const out: Record<NotifyChannel, number> = { zns: 0, sms: 0, email: 0, zalo_oa: 0, miniapp: 0 };
  for (const [k, n] of pairs(v)) {
    if (!isChannel(k)) throw new Error(`${name}: unknown channel "${k}" (zns, sms, email, zalo_oa, miniapp)`);
    out[k] = Number(n);
  }
  return out;
}

const unitMs = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const cache = new WeakMap<Config, NotifySettings>();

/** Throws an Error naming the setting when a value is well-formed but meaningless (an unknown channel or type). */
export function notifySettings(config: Config): NotifySettings {
  const hit = cache.get(config);
  if (hit) return hit;
  const plans: NotifySettings['plans'] = {};
  for (const entry of config.NOTIFY_CHANNEL_PLANS.replace(/\s/g, '').split(';').filter(Boolean)) {
    const [type, list] = entry.split('=') as [string, string];
    if (!isType(type)) throw new Error(`NOTIFY_CHANNEL_PLANS: unknown notification type "${type}"`);
    const channels = list.split(',');
    const bad = channels.find((c) => !isChannel(c));
    if (bad) throw new Error(`NOTIFY_CHANNEL_PLANS: unknown channel "${bad}"`);
    plans[type] = [...new Set(channels as NotifyChannel[])];
  }
  const quiet =
    config.NOTIFY_QUIET_HOURS !== 'off'
      ? {
          startMinute: minutes(config.NOTIFY_QUIET_HOURS.slice(0, 5)),
          endMinute: minutes(config.NOTIFY_QUIET_HOURS.slice(6, 11)),
        }
      : undefined;
  const reminderOffsetsMs = (config.NOTIFY_REMINDER_OFFSETS === 'off' ? '' : config.NOTIFY_REMINDER_OFFSETS)
    .replace(/\s/g, '')
    .split(',')
    .filter(Boolean)
    .map((o) => ({ label: o, ms: Number(o.slice(0, -1)) * unitMs[o.slice(-1) as keyof typeof unitMs] }));
  const publicUrl = config.PUBLIC_URL.replace(/\/$/, '');
  const settings: NotifySettings = {
    plans,
    pricesVnd: perChannel(config.NOTIFY_PRICES_VND, 'NOTIFY_PRICES_VND'),
    rates: perChannel(config.NOTIFY_RATE_LIMITS, 'NOTIFY_RATE_LIMITS'),
    burst: config.NOTIFY_RATE_BURST,
    znsDailyQuota: config.NOTIFY_ZNS_DAILY_QUOTA,
    quiet: quiet && quiet.startMinute !== quiet.endMinute ? quiet : undefined,
    reminderOffsetsMs,
    reexamDaysBefore: config.NOTIFY_REEXAM_DAYS_BEFORE,
    surveyDelayMs: config.NOTIFY_SURVEY_DELAY_HOURS * 3_600_000,
    maxTries: config.NOTIFY_MAX_TRIES,
    retryBaseMs: config.NOTIFY_RETRY_BASE_SECONDS * 1000,
    leaseMs: config.NOTIFY_LEASE_SECONDS * 1000,
    inDoubtGraceMs: config.NOTIFY_INDOUBT_GRACE_SECONDS * 1000,
    sweepMs: config.NOTIFY_SWEEP_SECONDS * 1000,
    smsUnicode: config.NOTIFY_SMS_UNICODE,
    // a key of its own even when derived: an opt-out token must never be usable as a patient token, or vice versa
    linkSecret:
      config.NOTIFY_LINK_SECRET ??
      createHash('sha256').update(`medicrm-notify-links:${config.PATIENT_TOKEN_SECRET}`).digest('hex'),
    miniappUrl: (config.NOTIFY_MINIAPP_URL ?? `${publicUrl}/miniapp`).replace(/\/$/, ''),
    publicUrl,
    clinicName: config.CLINIC_NAME,
    timeZone: config.CLINIC_TIMEZONE,
  };
  cache.set(config, settings);
  return settings;
}
