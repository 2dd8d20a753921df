import { prepareSmsText, type SmsSegments } from '../../adapters/notify/sms/index.ts';
import type { NotifyChannel, NotifyMessage } from '../../adapters/notify/types.ts';
import { type Rendering, renderChannel, type TemplateDefinition } from '../../templates/index.ts';
import type { NotifySettings } from './settings.ts';

/** A template rendered for one channel, SMS with the content rules applied (what is sent and billed). */
export type Prepared =
  | Exclude<Rendering, { channel: 'sms' }>
  | { channel: 'sms'; text: string; unicode: boolean; segments: SmsSegments };

/**
 * Renders one channel's version and applies the SMS Brandname content rules of the SMS adapter (PROVIDERS.md §5.4):
 * marks stripped unless NOTIFY_SMS_UNICODE, and the segment count carriers bill. Pure.
 */
export function prepare(
  settings: NotifySettings,
  def: TemplateDefinition,
  channel: NotifyChannel,
  vars: Readonly<Record<string, string>>,
  opts: { unsubscribeUrl?: string; smsUnicode?: boolean } = {},
): Prepared | undefined {
  const r = renderChannel(def, channel, vars, { clinicName: settings.clinicName, unsubscribeUrl: opts.unsubscribeUrl });
  if (r?.channel !== 'sms') return r;
  return { channel: 'sms', ...prepareSmsText(r.text, { stripDiacritics: !(opts.smsUnicode ?? settings.smsUnicode) }) };
}

/** What one rendering costs at the configured unit prices, in VND (SMS is billed per segment). */
export function estimateCostVnd(settings: NotifySettings, p: Prepared): number {
  const unit = settings.pricesVnd[p.channel];
  return p.channel === 'sms' ? unit * p.segments.segments : unit;
}

/** The adapter's message: the notification id travels as the provider's tracking id. */
export function toNotifyMessage(p: Prepared, trackingId: string, to: string): NotifyMessage {
  switch (p.channel) {
    case 'zns':
      return { trackingId, to, zns: { templateId: p.templateId, templateData: p.templateData } };
    case 'sms':
      return { trackingId, to, sms: { text: p.text, unicode: p.unicode } };
    case 'email': {
      const { subject, text, html, unsubscribeUrl } = p;
      return { trackingId, to, email: { subject, text, html, ...(unsubscribeUrl ? { unsubscribeUrl } : {}) } };
    }
    default:
      return {
        trackingId,
        to,
        text: { body: p.body, ...(p.title ? { title: p.title } : {}), ...(p.link ? { link: p.link } : {}) },
      };
  }
}
