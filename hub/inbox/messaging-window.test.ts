import { describe, expect, it } from 'vitest';
import { messagingWindow } from './messaging-window.ts';

const rules = { zaloFreeRepliesPer48h: 8, zaloPaidReplies: true, messengerHumanAgent: true };
const now = new Date('2026-09-14T10:00:00+07:00');
const ago = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

describe('messaging window (PROVIDERS.md §1.4, §4.3)', () => {
  it('Zalo: free replies within 48 h, counting the free quota down', () => {
    const w = messagingWindow('zalo_oa', ago(2), 3, now, rules);
    expect(w).toMatchObject({ canReply: true, canReplyFree: true, reason: 'zalo_free_window', freeRepliesLeft: 5 });
    expect(w.until).toEqual(new Date(ago(2).getTime() + 48 * 3_600_000));
  });

  it('Zalo: once the 8 free replies are used, replies are billable (or refused without a Cloud Account)', () => {
    expect(messagingWindow('zalo_oa', ago(2), 8, now, rules)).toMatchObject({
      canReply: true,
      canReplyFree: false,
      reason: 'zalo_free_quota_used',
    });
    expect(messagingWindow('zalo_oa', ago(2), 8, now, { ...rules, zaloPaidReplies: false })).toMatchObject({
      canReply: false,
      reason: 'zalo_paid_not_enabled',
    });
    expect(messagingWindow('zalo_oa', ago(2), 50, now, { ...rules, zaloFreeRepliesPer48h: 0 })).toMatchObject({
      canReplyFree: true,
      freeRepliesLeft: null,
    });
  });

  it('Zalo: 48 h – 7 d billable, after 7 days closed', () => {
    const paid = messagingWindow('zalo_oa', ago(72), 0, now, rules);
    expect(paid).toMatchObject({ canReply: true, canReplyFree: false, reason: 'zalo_paid_window' });
    expect(paid.until).toEqual(new Date(ago(72).getTime() + 7 * 24 * 3_600_000));
    expect(messagingWindow('zalo_oa', ago(7 * 24 + 1), 0, now, rules)).toMatchObject({
      canReply: false,
      reason: 'zalo_window_closed',
      until: null,
    });
  });

  it('Messenger: 24 h standard window, then HUMAN_AGENT up to 7 days, then closed', () => {
    expect(messagingWindow('messenger', ago(23), 0, now, rules)).toMatchObject({
      canReplyFree: true,
      reason: 'messenger_standard_window',
    });
    expect(messagingWindow('messenger', ago(30), 0, now, rules)).toMatchObject({
      canReply: true,
      canReplyFree: false,
      messagingTag: 'HUMAN_AGENT',
    });
    expect(messagingWindow('messenger', ago(30), 0, now, { ...rules, messengerHumanAgent: false })).toMatchObject({
      canReply: false,
      reason: 'messenger_window_closed',
    });
    expect(messagingWindow('messenger', ago(8 * 24), 0, now, rules).canReply).toBe(false);
  });

  it('email has no window; web form and hotline tickets cannot be replied to on their channel', () => {
    expect(messagingWindow('email', null, 0, now, rules)).toMatchObject({ canReply: true, canReplyFree: true });
    expect(messagingWindow('hotline', ago(1), 0, now, rules)).toMatchObject({
      canReply: false,
      reason: 'inbound_only',
    });
    expect(messagingWindow('zalo_oa', null, 0, now, rules)).toMatchObject({
      canReply: false,
      reason: 'no_interaction',
    });
  });
});
