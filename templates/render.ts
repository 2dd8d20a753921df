import type { TemplateChannel, TemplateDefinition } from './define.ts';
import { escapeHtml, interpolate } from './placeholders.ts';

/** What the engine adds to a template's own variables. */
export interface RenderContext {
  clinicName: string;
  /** the one-click opt-out link; only non-transactional templates may use it */
  unsubscribeUrl?: string;
}

export type Rendering =
  | { channel: 'zns'; templateId: string; templateData: Record<string, string> }
  /** the text as written, marks kept: the engine applies the SMS content rules (stripping, segments) */
  | { channel: 'sms'; text: string }
  | { channel: 'email'; subject: string; text: string; html: string; unsubscribeUrl?: string }
  | { channel: 'zalo_oa' | 'miniapp'; title?: string; body: string; link?: string };

const clip = (value: string, max: number | undefined) =>
  max !== undefined && [...value].length > max ? `${[...value].slice(0, max - 1).join('')}…` : value;

/**
 * One channel's version of a template filled with already-validated variables, in NFC. Pure: the same input gives
 * the same text, so previews show exactly what is sent. Undefined when the template has no version for the channel.
 */
export function renderChannel(
  def: TemplateDefinition,
  channel: TemplateChannel,
  vars: Readonly<Record<string, string>>,
  ctx: RenderContext,
): Rendering | undefined {
  const values: Record<string, string> = {
    ...vars,
    clinicName: ctx.clinicName,
    ...(ctx.unsubscribeUrl ? { unsubscribeUrl: ctx.unsubscribeUrl } : {}),
  };
  const fill = (text: string) => interpolate(text, values).normalize('NFC');
  switch (channel) {
    case 'zns': {
      const v = def.channels.zns;
      if (!v) return undefined;
      const templateData = Object.fromEntries(
        Object.entries(v.params).map(([name, text]) => [name, clip(fill(text), v.limits?.[name])]),
      );
      return { channel, templateId: v.templateId, templateData };
    }
    case 'sms': {
      const v = def.channels.sms;
      // one line: carriers count every character, and a line break in a brandname SMS buys nothing
      return v ? { channel, text: fill(v.text).replace(/\s+/g, ' ').trim() } : undefined;
    }
    case 'email': {
      const v = def.channels.email;
      if (!v) return undefined;
      return {
        channel,
        subject: fill(v.subject),
        text: fill(v.text),
        html: interpolate(v.html, values, escapeHtml).normalize('NFC'),
        ...(ctx.unsubscribeUrl && def.purpose !== 'transactional' ? { unsubscribeUrl: ctx.unsubscribeUrl } : {}),
      };
    }
    case 'zalo_oa':
    case 'miniapp': {
      const v = def.channels[channel];
      if (!v) return undefined;
      return {
        channel,
        ...(v.title ? { title: fill(v.title) } : {}),
        body: fill(v.body),
        ...(v.link ? { link: fill(v.link) } : {}),
      };
    }
  }
}
