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
  /** after every this many events, the last one is delivered again, byte for byte (a provider retry) */
  redeliverEvery?: number;
}

/** Which event the i-th request of a run carries, and whether it is a re-delivery of the one before it. */
export function eventOfRequest(i: number, redeliverEvery?: number): { event: number; redelivery: boolean } {
  if (!redeliverEvery) return { event: i, redelivery: false };
  const block = Math.floor(i / (redeliverEvery + 1));
  const pos = i % (redeliverEvery + 1);
  return pos === redeliverEvery
    ? { event: block * redeliverEvery + redeliverEvery - 1, redelivery: true }
    : { event: block * redeliverEvery + pos, redelivery: false };
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
  let last: ReturnType<typeof zaloEvent> | undefined;
  // requests are made in index order, so a re-delivery's event is the one made just before
  return (i) => {
    const { event, redelivery } = eventOfRequest(i, a.redeliverEvery);
    const e = redelivery && last ? last : zaloEvent(a, a.offset + event);
    last = e;
    return {
      url: a.url,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zevent-signature': e.signature },
      body: e.body,
    };
  };
}
