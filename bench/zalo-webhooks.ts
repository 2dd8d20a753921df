/**
 * Zalo OA "user_send_text" webhooks as Zalo sends them (PROVIDERS.md §1: `X-ZEvent-Signature: mac=sha256(appId + body
 * + timestamp + OA secret)`), each a distinct message of one of `users` followers. Used by bench/inbound.ts, and by
 * the load client as its request factory (`makeRequests`), so the signing is the requester's work, not the hub's.
 */
import { createHash } from 'node:crypto';
import type { ClientRequest } from './load.ts';

export interface ZaloWebhookArgs {
  url: string;
  appId: string;
  oaId: string;
  secret: string;
  /** tells this run's message ids apart from another's */
  run: string;
  users: number;
  /** added to the running index, so that phases of one run never repeat a message id */
  offset: number;
}

export function zaloEvent(a: Omit<ZaloWebhookArgs, 'url' | 'offset'>, i: number) {
  const timestamp = String(Date.now());
  const user = String(4_400_000_000_000_000_000n + BigInt(i % a.users));
  const body = JSON.stringify({
    app_id: a.appId,
    sender: { id: user },
    user_id_by_app: `66${user.slice(2)}`,
    recipient: { id: a.oaId },
    event_name: 'user_send_text',
    message: { msg_id: `${a.run}${i.toString(16).padStart(14, '0')}`, text: `Cho tôi hỏi lịch khám, tin số ${i}` },
    timestamp,
  });
  const mac = createHash('sha256')
    .update(a.appId + body + timestamp + a.secret)
    .digest('hex');
  return { body, signature: `mac=${mac}` };
}

export function makeRequests(args: unknown): (i: number) => ClientRequest {
  const a = args as ZaloWebhookArgs;
  return (i) => {
    const e = zaloEvent(a, a.offset + i);
    return {
      url: a.url,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zevent-signature': e.signature },
      body: e.body,
    };
  };
}
