import type { z } from 'zod';

/** The channels a template has versions for (the names the notification adapters use). */
export type TemplateChannel = 'zns' | 'sms' | 'email' | 'zalo_oa' | 'miniapp';

/**
 * A notification type and its wording on every channel. Texts use `{{variable}}` placeholders; every placeholder must
 * be a declared variable (or a system variable the engine supplies), which `loadTemplates` checks at hub start.
 */
export const notificationTypes = [
  'appointment-confirmed',
  'appointment-reminder',
  'appointment-rescheduled',
  'appointment-cancelled',
  'result-ready',
  're-exam-reminder',
  'satisfaction-survey',
  'campaign',
] as const;
export type NotificationType = (typeof notificationTypes)[number];

export type Purpose = 'care' | 'transactional' | 'marketing';

/** Filled in by the engine for every template: the clinic's name, and the opt-out link of non-transactional mail. */
export const systemVariables = ['clinicName', 'unsubscribeUrl'] as const;
export type SystemVariable = (typeof systemVariables)[number];

export interface ZnsVersion {
  /** the template id approved for the clinic's OA (each OA has its own; overridable per clinic) */
  templateId: string;
  /** ZNS parameter name → text, usually one placeholder (all template_data values are strings) */
  params: Record<string, string>;
  /** the longest value each parameter's type accepts (PROVIDERS.md §2.3); longer values are shortened with "…" */
  limits?: Record<string, number>;
}
export interface SmsVersion {
  /** written with Vietnamese marks; the engine strips them before sending unless the clinic sends Unicode SMS */
  text: string;
}
export interface EmailVersion {
  subject: string;
  text: string;
  /** HTML body; placeholder values are HTML-escaped when rendered */
  html: string;
}
export interface TextVersion {
  title?: string;
  body: string;
  /** a Mini App path (starting with /) or an absolute web address */
  link?: string;
}

export interface ChannelVersions {
  zns?: ZnsVersion;
  sms?: SmsVersion;
  email?: EmailVersion;
  zalo_oa?: TextVersion;
  miniapp?: TextVersion & { title: string };
}

export interface TemplateDefinition<S extends z.ZodObject = z.ZodObject> {
  key: NotificationType;
  /** Vietnamese name for staff */
  name: string;
  description: string;
  purpose: Purpose;
  /** sent even in quiet hours (care and marketing otherwise wait until the morning) */
  urgent: boolean;
  /** the channels tried in order when nothing else is configured */
  plan: TemplateChannel[];
  /** the template's own variables, all strings (the engine formats dates, times and money) */
  variables: S;
  /** values for previews and for the start-up check that every version renders */
  sample: z.input<S>;
  channels: ChannelVersions;
}

/** Declares a template with its variables typed from the schema. */
export function defineTemplate<S extends z.ZodObject>(def: TemplateDefinition<S>): TemplateDefinition<S> {
  return def;
}

export const templateChannels = ['zns', 'sms', 'email', 'zalo_oa', 'miniapp'] as const satisfies TemplateChannel[];
