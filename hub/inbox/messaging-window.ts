import type { Channel } from '../../db/schema/index.ts';

/**
 * Whether a free-form reply can go out now, as the composer's window meter shows it. The rules are the providers'
 * (PROVIDERS.md §1.4 Zalo OA, §4.3 Messenger); a reply they would refuse is stopped before it is queued.
 */
export interface MessagingWindow {
  /** a reply can be sent at all */
  canReply: boolean;
  /** a plain reply goes out free and without a tag */
  canReplyFree: boolean;
  /** until when the current state lasts (null: no limit, or closed) */
  until: Date | null;
  /** stable code for the console */
  reason: MessagingWindowReason;
  /** Vietnamese, for the agent */
  message: string;
  /** Messenger tag the reply must carry (HUMAN_AGENT) */
  messagingTag?: string;
  /** Zalo: free consultation replies left in the current 48-hour window (null: unlimited or not applicable) */
  freeRepliesLeft: number | null;
}

export type MessagingWindowReason =
  | 'zalo_free_window'
  | 'zalo_free_quota_used'
  | 'zalo_paid_window'
  | 'zalo_paid_not_enabled'
  | 'zalo_window_closed'
  | 'messenger_standard_window'
  | 'messenger_human_agent'
  | 'messenger_window_closed'
  | 'no_interaction'
  | 'email'
  | 'inbound_only';

export interface WindowRules {
  zaloFreeRepliesPer48h: number;
  zaloPaidReplies: boolean;
  messengerHumanAgent: boolean;
}

const hour = 3_600_000;
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

/**
 * @param lastInboundAt the person's last interaction on this channel (message, button, follow)
 * @param repliesSinceInbound free-form replies already sent since that interaction (Zalo's free quota)
 */
export function messagingWindow(
  channel: Channel,
  lastInboundAt: Date | null,
  repliesSinceInbound: number,
  now: Date,
  rules: WindowRules,
): MessagingWindow {
  const base = { freeRepliesLeft: null };
  if (channel === 'email') {
    return { ...base, canReply: true, canReplyFree: true, until: null, reason: 'email', message: 'Trả lời qua email' };
  }
  if (channel !== 'zalo_oa' && channel !== 'messenger') {
    return {
      ...base,
      canReply: false,
      canReplyFree: false,
      until: null,
      reason: 'inbound_only',
      message: 'Kênh này không nhận tin trả lời; hãy gọi lại hoặc liên hệ qua kênh khác',
    };
  }
  if (!lastInboundAt) {
    return {
      ...base,
      canReply: false,
      canReplyFree: false,
      until: null,
      reason: 'no_interaction',
      message: 'Khách chưa nhắn tin trên kênh này nên chưa thể trả lời',
    };
  }
  const age = now.getTime() - lastInboundAt.getTime();
  if (channel === 'zalo_oa') {
    const closesAt = plus(lastInboundAt, 7 * 24 * hour);
    if (age >= 7 * 24 * hour) {
      return {
        ...base,
        canReply: false,
        canReplyFree: false,
        until: null,
        reason: 'zalo_window_closed',
        message: 'Khách chưa tương tác với OA trong 7 ngày qua: Zalo không cho gửi tin tư vấn',
      };
    }
    const paid = rules.zaloPaidReplies
      ? {
          canReply: true,
          canReplyFree: false,
          until: closesAt,
          message: 'Tin trả lời sẽ bị tính phí (ngoài hạn mức miễn phí của Zalo)',
        }
      : {
          canReply: false,
          canReplyFree: false,
          until: null,
          message: 'Hết hạn mức trả lời miễn phí và OA chưa bật gửi tin tính phí',
        };
    if (age < 48 * hour) {
      const limit = rules.zaloFreeRepliesPer48h;
      const left = limit === 0 ? null : Math.max(0, limit - repliesSinceInbound);
      if (left === null || left > 0) {
        return {
          canReply: true,
          canReplyFree: true,
          until: plus(lastInboundAt, 48 * hour),
          reason: 'zalo_free_window',
          message: left === null ? 'Trả lời miễn phí trong 48 giờ' : `Còn ${left} tin trả lời miễn phí trong 48 giờ`,
          freeRepliesLeft: left,
        };
      }
      return {
        ...paid,
        reason: rules.zaloPaidReplies ? 'zalo_free_quota_used' : 'zalo_paid_not_enabled',
        freeRepliesLeft: 0,
      };
    }
    return { ...base, ...paid, reason: rules.zaloPaidReplies ? 'zalo_paid_window' : 'zalo_paid_not_enabled' };
  }
  // messenger
  if (age < 24 * hour) {
    return {
      ...base,
      canReply: true,
      canReplyFree: true,
      until: plus(lastInboundAt, 24 * hour),
      reason: 'messenger_standard_window',
      message: 'Trả lời trong 24 giờ kể từ tin nhắn cuối của khách',
    };
  }
  if (age < 7 * 24 * hour && rules.messengerHumanAgent) {
    return {
      ...base,
      canReply: true,
      canReplyFree: false,
      until: plus(lastInboundAt, 7 * 24 * hour),
      reason: 'messenger_human_agent',
      message: 'Quá 24 giờ: tin trả lời sẽ gửi kèm thẻ HUMAN_AGENT (tối đa 7 ngày)',
      messagingTag: 'HUMAN_AGENT',
    };
  }
  return {
    ...base,
    canReply: false,
    canReplyFree: false,
    until: null,
    reason: 'messenger_window_closed',
    message: rules.messengerHumanAgent
      ? 'Đã quá 7 ngày kể từ tin nhắn cuối của khách: Messenger không cho trả lời'
      : 'Đã quá 24 giờ kể từ tin nhắn cuối của khách: Messenger không cho trả lời',
  };
}

/** When free-form replies stop being possible at all (stored on the conversation for sorting and filters). */
export function windowExpiry(channel: Channel, lastInboundAt: Date, rules: WindowRules): Date | null {
  if (channel === 'zalo_oa') return plus(lastInboundAt, (rules.zaloPaidReplies ? 7 * 24 : 48) * hour);
  if (channel === 'messenger') return plus(lastInboundAt, (rules.messengerHumanAgent ? 7 * 24 : 24) * hour);
  return null;
}
