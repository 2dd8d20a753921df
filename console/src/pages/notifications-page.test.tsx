import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { NotificationSummary } from '../notify/notify-types.ts';
import { mockHub, renderUi } from '../test-utils.tsx';
import { NotificationsPage } from './notifications-page.tsx';

const row = (id: string, over: Partial<NotificationSummary> = {}): NotificationSummary => ({
  id,
  contactId: '00000000-0000-4000-8000-0000000000c1',
  contactName: 'Nguyễn Thị Hoa',
  type: 'appointment-reminder',
  purpose: 'care',
  state: 'delivered',
  channelPlan: ['zns', 'sms'],
  planIndex: 0,
  deliveredVia: 'zns',
  lastError: null,
  sendAfter: '2026-11-25T01:30:00.000Z',
  createdAt: '2026-11-25T01:30:00.000Z',
  completedAt: '2026-11-25T01:30:01.000Z',
  attemptCount: 1,
  costVnd: 300,
  ...over,
});
const failedId = '00000000-0000-4000-8000-0000000000f1';

describe('notifications page', () => {
  it('lists notifications, filters parked ones, and replays one with "Gửi lại"', async () => {
    const seen = mockHub((req) => {
      if (req.method === 'POST' && req.url === `/api/notify/notifications/${failedId}/replay`) {
        return {
          status: 200,
          body: {
            ...row(failedId, { state: 'pending', lastError: null }),
            params: {},
            idempotencyKey: 'k',
            attempts: [],
          },
        };
      }
      if (req.url.startsWith('/api/notify/notifications?')) {
        const failedOnly = req.url.includes('state=failed');
        const parked = row(failedId, {
          state: 'failed',
          deliveredVia: null,
          planIndex: 1,
          lastError: 'SMS: Số điện thoại không hợp lệ (108)',
          costVnd: 0,
        });
        return {
          status: 200,
          body: {
            items: failedOnly ? [parked] : [row('00000000-0000-4000-8000-0000000000a1'), parked],
            nextCursor: null,
          },
        };
      }
      return undefined;
    });
    renderUi(<NotificationsPage />);
    expect(await screen.findByText('SMS: Số điện thoại không hợp lệ (108)')).toBeTruthy();
    expect(screen.getAllByRole('row')).toHaveLength(3);

    fireEvent.click(screen.getByRole('textbox', { name: 'Trạng thái' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Thất bại' }));
    await waitFor(() => expect(seen.some((r) => r.url.includes('state=failed'))).toBe(true));
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2));

    const parkedRow = screen.getByText('SMS: Số điện thoại không hợp lệ (108)').closest('tr')!;
    fireEvent.click(within(parkedRow).getByRole('button', { name: 'Gửi lại' }));
    await waitFor(() => expect(within(parkedRow).getByText('Chờ gửi')).toBeTruthy());
    expect(within(parkedRow).queryByRole('button', { name: 'Gửi lại' })).toBeNull();
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});
