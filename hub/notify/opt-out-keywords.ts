import { stripDiacritics } from '../../adapters/notify/sms/index.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Channel } from '../../db/schema/index.ts';
import { recordConsent } from './record-consent.ts';

/**
 * Replies that mean "no more marketing" (PROVIDERS.md §5.4: every ad says how to refuse), compared without case,
 * marks or punctuation: "HUY", "Hủy", "huỷ!", "TỪ CHỐI", "tu choi", "KHONG NHAN", "STOP"… Only a message that is the
 * keyword alone counts: "huỷ lịch khám ngày mai" is a request for an agent, not an opt-out.
 */
const keywords = new Set([
  'HUY',
  'HUY DANG KY',
  'HUY NHAN TIN',
  'TU CHOI',
  'TUCHOI',
  'TC',
  'KHONG NHAN',
  'STOP',
  'DUNG',
]);

export function isOptOutKeyword(text: string): boolean {
  const t = stripDiacritics(text.normalize('NFC'))
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
  return keywords.has(t);
}

/** The channels a reply on `channel` opts out of: a Zalo reply covers both Zalo channels (OA messages and ZNS). */
const covered: Partial<Record<Channel, Channel[]>> = { zalo_oa: ['zalo_oa', 'zns'], sms: ['sms'] };

/**
 * The inbound hook (hub/channels calls it for every message a person sends): a keyword reply revokes marketing
 * consent on the channels it covers, with the message as evidence. Care and transactional messages continue.
 * Returns true when the message was an opt-out.
 */
export async function applyOptOutKeyword(
  tx: DbOrTx,
  m: { contactId: string; channel: Channel; text: string | null | undefined; providerMessageId?: string; at: Date },
): Promise<boolean> {
  const channels = covered[m.channel];
  if (!channels || !m.text || !isOptOutKeyword(m.text)) return false;
  for (const channel of channels) {
    await recordConsent(tx, {
      contactId: m.contactId,
      channel,
      purpose: 'marketing',
      status: 'revoked',
      source: m.channel === 'sms' ? 'sms_keyword' : 'zalo_oa',
      evidence: { keyword: m.text.trim().slice(0, 40), via: m.channel, providerMessageId: m.providerMessageId ?? null },
      at: m.at,
    });
  }
  return true;
}
