import type { NotifyChannel } from '../../adapters/notify/types.ts';
import { type NotificationType, type TemplateDefinition, templateChannels } from '../../templates/index.ts';
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import type { NotifyEngine } from './engine.ts';
import { estimateCostVnd, prepare } from './render-notification.ts';

export interface ChannelPreview {
  channel: NotifyChannel;
  /** the channel is part of the type's plan (and its position there, 1-based) */
  planPosition: number | null;
  zns?: { templateId: string; templateData: Record<string, string> };
  sms?: {
    text: string;
    unicode: boolean;
    encoding: 'gsm7' | 'ucs2';
    /** characters as the carrier counts them (septets, or UTF-16 units in UCS-2) */
    units: number;
    segments: number;
    perSegment: number;
    remaining: number;
  };
  email?: { subject: string; text: string; html: string };
  text?: { title?: string; body: string; link?: string };
  costVnd: number;
}

const sampleUnsubscribe = (publicUrl: string) => `${publicUrl}/unsubscribe/mau-xem-truoc`;

function variablesOf(def: TemplateDefinition) {
  return Object.entries(def.variables.shape).map(([name, schema]) => ({
    name,
    example: String((def.sample as Record<string, unknown>)[name] ?? ''),
    optional: (schema as { safeParse(v: unknown): { success: boolean } }).safeParse(undefined).success,
  }));
}

/**
 * Every channel's rendering of a template with the given (or sample) variables, the SMS segment count and the
 * estimated cost at the configured unit prices. Pure: nothing is stored or sent. Bad variables → 400 naming the field.
 */
export function previewTemplate(
  engine: NotifyEngine,
  key: string,
  input?: { variables?: Record<string, string>; smsUnicode?: boolean },
) {
  const def = engine.templates.get(key as NotificationType);
  if (!def) throw new NotFoundError('Không tìm thấy mẫu thông báo', 'template_not_found');
  const s = engine.settings;
  const parsed = def.variables.safeParse(input?.variables ?? def.sample);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ValidationError(`Biến "${issue?.path.join('.')}" không hợp lệ`, {
      issues: parsed.error.issues.map((i) => ({ path: `variables.${i.path.join('.')}`, message: i.message })),
    });
  }
  const plan = s.plans[def.key] ?? def.plan;
  const opts = {
    unsubscribeUrl: def.purpose === 'transactional' ? undefined : sampleUnsubscribe(s.publicUrl),
    smsUnicode: input?.smsUnicode ?? s.smsUnicode,
  };
  const previews: ChannelPreview[] = [];
  for (const channel of templateChannels) {
    const r = prepare(s, def, channel, parsed.data as Record<string, string>, opts);
    if (!r) continue;
    const at = plan.indexOf(channel);
    const base = { channel, planPosition: at < 0 ? null : at + 1, costVnd: estimateCostVnd(s, r) };
    if (r.channel === 'zns')
      previews.push({ ...base, zns: { templateId: r.templateId, templateData: r.templateData } });
    else if (r.channel === 'sms') {
      const { encoding, units, segments, perSegment, remaining } = r.segments;
      previews.push({
        ...base,
        sms: { text: r.text, unicode: r.unicode, encoding, units, segments, perSegment, remaining },
      });
    } else if (r.channel === 'email')
      previews.push({ ...base, email: { subject: r.subject, text: r.text, html: r.html } });
    else
      previews.push({
        ...base,
        text: { ...(r.title ? { title: r.title } : {}), body: r.body, ...(r.link ? { link: r.link } : {}) },
      });
  }
  return {
    key: def.key,
    name: def.name,
    description: def.description,
    purpose: def.purpose,
    urgent: def.urgent,
    plan,
    variables: variablesOf(def),
    previews,
  };
}

/** All templates with their sample previews, for the console's list. */
export function listTemplates(engine: NotifyEngine) {
  return { items: [...engine.templates.keys()].map((k) => previewTemplate(engine, k)) };
}
