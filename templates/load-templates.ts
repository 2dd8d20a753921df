import { z } from 'zod';
import appointmentCancelled from './appointment-cancelled.ts';
import appointmentConfirmed from './appointment-confirmed.ts';
import appointmentReminder from './appointment-reminder.ts';
import appointmentRescheduled from './appointment-rescheduled.ts';
import campaign from './campaign.ts';
import {
  type ChannelVersions,
  type NotificationType,
  notificationTypes,
  systemVariables,
  type TemplateChannel,
  type TemplateDefinition,
  templateChannels,
} from './define.ts';
import { malformedPlaceholder, placeholdersOf } from './placeholders.ts';
import reExamReminder from './re-exam-reminder.ts';
import { renderChannel } from './render.ts';
import resultReady from './result-ready.ts';
import satisfactionSurvey from './satisfaction-survey.ts';

/** The templates shipped in templates/, one per notification type. */
export const builtInTemplates: readonly TemplateDefinition[] = [
  appointmentConfirmed,
  appointmentReminder,
  appointmentRescheduled,
  appointmentCancelled,
  resultReady,
  reExamReminder,
  satisfactionSurvey,
  campaign,
] as TemplateDefinition[];

/** A template that cannot be used: the hub refuses to start with this one line. */
export class TemplateError extends Error {}

const channelEnum = z.enum(templateChannels);
const text = z.string().min(1);
/**
 * What a clinic may change per template (NOTIFY_TEMPLATES_FILE): its own approved ZNS template ids and parameter
 * names, wording, and the channel plan. Variables stay as declared here: wording may only use them.
 */
const overrideSchema = z.partialRecord(
  z.enum(notificationTypes),
  z
    .object({
      plan: z.array(channelEnum).min(1).optional(),
      zns: z
        .object({ templateId: text, params: z.record(z.string(), z.string()).optional() })
        .partial({ templateId: true })
        .optional(),
      sms: z.object({ text }).optional(),
      email: z.object({ subject: text, text, html: text }).partial().optional(),
      zalo_oa: z.object({ title: text, body: text, link: text }).partial().optional(),
      miniapp: z.object({ title: text, body: text, link: text }).partial().optional(),
    })
    .strict(),
);
export type TemplateOverrides = z.input<typeof overrideSchema>;

export type TemplateRegistry = ReadonlyMap<NotificationType, TemplateDefinition>;

function merge(def: TemplateDefinition, o: z.output<typeof overrideSchema>[NotificationType]): TemplateDefinition {
  if (!o) return def;
  const c = def.channels;
  const channels: ChannelVersions = {
    ...c,
    ...(o.zns && c.zns ? { zns: { ...c.zns, ...o.zns, params: o.zns.params ?? c.zns.params } } : {}),
    ...(o.sms ? { sms: { ...c.sms, ...o.sms } } : {}),
    ...(o.email && c.email ? { email: { ...c.email, ...o.email } } : {}),
    ...(o.zalo_oa && c.zalo_oa ? { zalo_oa: { ...c.zalo_oa, ...o.zalo_oa } } : {}),
    ...(o.miniapp && c.miniapp ? { miniapp: { ...c.miniapp, ...o.miniapp } } : {}),
  };
  return { ...def, plan: o.plan ?? def.plan, channels };
}

/** Every text of a template with where it sits ("sms.text", "zns.params.booking_code"). */
function textsOf(def: TemplateDefinition): [string, string][] {
  const out: [string, string][] = [];
  for (const [channel, version] of Object.entries(def.channels) as [TemplateChannel, Record<string, unknown>][]) {
    for (const [field, value] of Object.entries(version)) {
      if (typeof value === 'string' && field !== 'templateId') out.push([`${channel}.${field}`, value]);
      if (field === 'params' && value && typeof value === 'object') {
        for (const [p, t] of Object.entries(value as Record<string, string>)) out.push([`${channel}.params.${p}`, t]);
      }
    }
  }
  return out;
}

/** Checks one template; throws TemplateError naming the template, the field and the fault. */
export function validateTemplate(def: TemplateDefinition): void {
  const fail = (what: string) => {
    throw new TemplateError(`Template error: ${def.key} ${what}`);
  };
  const declared = Object.keys(def.variables.shape);
  const allowed = new Set<string>([...declared, ...systemVariables]);
  for (const name of declared) {
    if ((systemVariables as readonly string[]).includes(name)) fail(`declares "${name}", which the engine supplies`);
  }
  for (const [where, t] of textsOf(def)) {
    if (t !== t.normalize('NFC')) fail(`${where} is not Unicode NFC (compose the Vietnamese marks)`);
    const bad = malformedPlaceholder(t);
    if (bad !== undefined) fail(`${where} has a malformed placeholder near "${bad}"`);
    for (const name of placeholdersOf(t)) {
      if (!allowed.has(name))
        fail(`${where} uses an undeclared variable {{${name}}} (declared: ${declared.join(', ')})`);
      if (name === 'unsubscribeUrl' && def.purpose === 'transactional') {
        fail(`${where} uses {{unsubscribeUrl}}, which transactional messages do not have`);
      }
    }
  }
  if (def.channels.zns && Object.keys(def.channels.zns.params).length === 0) fail('zns has no parameters');
  for (const ch of def.plan) if (!def.channels[ch]) fail(`plans channel ${ch} but has no ${ch} version`);
  const sample = def.variables.safeParse(def.sample);
  if (!sample.success) fail(`sample does not match its variables (${sample.error.issues[0]?.path.join('.')})`);
  const ctx = { clinicName: 'Phòng khám', unsubscribeUrl: 'https://example.vn/unsubscribe/x' };
  for (const ch of templateChannels) renderChannel(def, ch, sample.data as Record<string, string>, ctx);
}

/**
 * The templates the hub runs with: the built-in ones with the clinic's overrides applied, every one validated.
 * Throws TemplateError (one line) on the first problem, so a bad template stops the hub at start, not at send time.
 */
export function loadTemplates(overrides: unknown = {}, base: readonly TemplateDefinition[] = builtInTemplates) {
  const parsed = overrideSchema.safeParse(overrides);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TemplateError(`Template error: overrides ${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  const registry = new Map<NotificationType, TemplateDefinition>();
  for (const def of base) {
    const merged = merge(def, parsed.data[def.key]);
    validateTemplate(merged);
    registry.set(def.key, merged);
  }
  for (const key of notificationTypes)
    if (!registry.has(key)) throw new TemplateError(`Template error: ${key} is missing`);
  return registry as TemplateRegistry;
}
