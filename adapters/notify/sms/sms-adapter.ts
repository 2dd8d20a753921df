import { PermanentError } from '../../channels/errors.ts';
import { toVn84 } from '../../shared/phone.ts';
import type { NotifyAdapter } from '../types.ts';
import { type SmsSegments, smsSegments } from './content.ts';
import type { SmsGateway } from './gateway.ts';

/** The SMS adapter the engine sees, whichever gateway is configured; `segments` is the count shown before sending. */
export interface SmsAdapter extends NotifyAdapter {
  readonly channel: 'sms';
  readonly provider: SmsGateway['provider'];
  segments(text: string): SmsSegments;
}

/**
 * Common rules before any gateway: a mobile number in 84-form, NFC text, and UCS-2 whenever the text needs it — the
 * engine's `unicode: false` never sends Vietnamese marks as GSM-7, which carriers would garble.
 */
export function smsAdapter(gateway: SmsGateway): SmsAdapter {
  return {
    channel: 'sms',
    provider: gateway.provider,
    account: gateway.account,
    segments: smsSegments,
    async send(msg) {
      if (!msg.sms) throw new PermanentError('local_no_text', 'Thông báo chưa có nội dung SMS');
      const to84 = toVn84(msg.to);
      if (!to84) throw new PermanentError('local_invalid_phone', 'Số điện thoại di động không hợp lệ');
      const text = msg.sms.text.normalize('NFC').trim();
      if (!text) throw new PermanentError('local_empty', 'Nội dung SMS trống');
      const unicode = msg.sms.unicode || smsSegments(text).encoding === 'ucs2';
      return gateway.send({ to84, text, unicode, requestId: msg.trackingId });
    },
    verifyCallback: (req) => gateway.verifyCallback(req),
    parseCallback: (req) => gateway.parseCallback(req),
  };
}
