import { PermanentError, TransientError } from '../errors.ts';
import { fetchWithTimeout, isRecord, str, tryParseJson } from '../shared.ts';
import type { OutboundMessage, SendResult } from '../types.ts';
import { classifyMessengerError } from './errors.ts';

export interface MessengerClientOptions {
  /** https://graph.facebook.com, or the sandbox twin */
  graphUrl: string;
  graphVersion: string;
  pageAccessToken: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Sends a message with the Send API (§4.3): RESPONSE inside the 24-hour window, MESSAGE_TAG with a tag after it. */
export async function sendMessengerMessage(opts: MessengerClientOptions, msg: OutboundMessage): Promise<SendResult> {
  const text = msg.text.normalize('NFC');
  if ([...text].length > 2000) throw new PermanentError('local_too_long', 'Tin nhắn Messenger tối đa 2.000 ký tự');
  const image = msg.attachments?.find((a) => a.kind === 'image');
  if (msg.attachments?.some((a) => a.kind !== 'image') || (image && text)) {
    throw new PermanentError('local_unsupported', 'Messenger: gửi chữ hoặc một ảnh trong một tin');
  }
  const body = {
    recipient: { id: msg.to },
    messaging_type: msg.messagingTag ? 'MESSAGE_TAG' : 'RESPONSE',
    ...(msg.messagingTag ? { tag: msg.messagingTag } : {}),
    message: image ? { attachment: { type: 'image', payload: { url: image.url, is_reusable: true } } } : { text },
  };
  const url = `${opts.graphUrl.replace(/\/$/, '')}/${opts.graphVersion}/me/messages?access_token=${encodeURIComponent(
    opts.pageAccessToken,
  )}`;
  const res = await fetchWithTimeout(
    opts.fetch,
    url,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    opts.timeoutMs ?? 10_000,
  );
  const data = tryParseJson(await res.text());
  if (!res.ok) {
    const err = isRecord(data) && isRecord(data.error) ? data.error : {};
    const code = typeof err.code === 'number' ? err.code : undefined;
    const subcode = typeof err.error_subcode === 'number' ? err.error_subcode : undefined;
    throw classifyMessengerError(res.status, code, subcode, str(err.message));
  }
  const mid = isRecord(data) ? str(data.message_id) : undefined;
  if (!mid) throw new TransientError('bad_response', 'Messenger không trả về mã tin nhắn, hệ thống sẽ thử lại');
  return { providerMessageId: mid };
}
