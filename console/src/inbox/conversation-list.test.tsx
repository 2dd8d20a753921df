import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { mockHub, renderUi } from '../test-utils.tsx';
import { ConversationList, defaultFilters, type InboxFilters } from './conversation-list.tsx';
import { conversation } from './fixtures.ts';
import type { Counts } from './inbox-types.ts';

const counts: Counts = {
  mine: { open: 2, unread: 1 },
  unassigned: { open: 3, unread: 0 },
  all: { open: 9, unread: 4 },
  byStatus: { open: 7, pending: 2 },
  byChannel: { zalo_oa: { open: 5, unread: 3 }, messenger: { open: 4, unread: 1 } },
  mentionsUnread: 0,
};

function Harness({ onSelect = () => {} }: { onSelect?: (id: string) => void }) {
  const [filters, setFilters] = useState<InboxFilters>(defaultFilters);
  return (
    <ConversationList
      filters={filters}
      onFilters={setFilters}
      selectedId={null}
      onSelect={onSelect}
      labels={[{ id: 'l1', name: 'Khách VIP', color: '#e03131', description: null }]}
      teams={[]}
    />
  );
}

const listUrls = (seen: { url: string }[]) =>
  seen
    .filter((r) => r.url.startsWith('/api/inbox/conversations'))
    .map((r) => decodeURIComponent(r.url.replace(/\+/g, ' ')));

// Mantine's combobox scrolls the selected option into view; jsdom has no layout to scroll.
Element.prototype.scrollIntoView ??= () => {};

describe('conversation list', () => {
  it('shows unread counts per scope and each conversation’s channel, unread and SLA state', async () => {
    mockHub((req) => {
      if (req.url === '/api/inbox/counts') return { status: 200, body: counts };
      return {
        status: 200,
        body: {
          items: [
            conversation('a', {
              unreadCount: 2,
              lastMessagePreview: 'Cho tôi hỏi lịch khám',
              firstResponseDueAt: '2026-03-02T01:30:00.000Z',
              firstResponseBreachedAt: '2026-03-02T01:30:00.000Z',
            }),
            conversation('b', {
              channel: 'messenger',
              contact: { id: 'cb', fullName: 'Hoàng Thị Minh Thư', displayName: null, phone: null, avatarUrl: null },
              assigneeName: 'Nguyễn Văn An',
              status: 'pending',
            }),
          ],
          nextCursor: null,
        },
      };
    });
    const onSelect = vi.fn();
    renderUi(<Harness onSelect={onSelect} />);

    const first = (await screen.findByText('Cho tôi hỏi lịch khám')).closest('button')!;
    expect(first.textContent).toContain('Zalo OA');
    expect(first.textContent).toContain('Quá hạn phản hồi');
    expect(first.textContent).toContain('Chưa giao');
    expect(screen.getByLabelText('2 tin chưa đọc')).toBeTruthy();
    const second = screen.getByText('Hoàng Thị Minh Thư').closest('button')!;
    expect(second.textContent).toContain('Messenger');
    expect(second.textContent).toContain('Chờ khách');
    expect(second.textContent).toContain('Nguyễn Văn An');
    // unread/open per scope, from /counts
    await waitFor(() => expect(screen.getByText('4/9')).toBeTruthy());
    const scopes = screen.getByRole('radiogroup', { name: 'Phạm vi hội thoại' }).textContent;
    expect(scopes).toContain('Của tôi1/2');
    expect(scopes).toContain('Chưa giao3');
    fireEvent.click(second);
    expect(onSelect).toHaveBeenCalledWith('b');
  });

  it('asks the hub again when a filter changes and pages with “Tải thêm”', async () => {
    const seen = mockHub((req) => {
      if (req.url === '/api/inbox/counts') return { status: 200, body: counts };
      const url = new URL(req.url, 'http://x');
      if (url.searchParams.get('cursor') === 'next') {
        return {
          status: 200,
          body: { items: [conversation('z', { lastMessagePreview: 'Tin cũ hơn' })], nextCursor: null },
        };
      }
      return { status: 200, body: { items: [conversation('a')], nextCursor: 'next' } };
    });
    renderUi(<Harness />);
    await screen.findByText('Tôi muốn đặt lịch khám');
    expect(listUrls(seen)[0]).toBe('/api/inbox/conversations?assignee=all&limit=30&status=open,pending');

    fireEvent.click(screen.getByLabelText(/^Của tôi/));
    await waitFor(() =>
      expect(listUrls(seen)).toContain('/api/inbox/conversations?assignee=me&limit=30&status=open,pending'),
    );

    fireEvent.click(screen.getByRole('textbox', { name: 'Kênh' }));
    fireEvent.click(await screen.findByRole('option', { name: /^Messenger/ }));
    await waitFor(() =>
      expect(listUrls(seen)).toContain(
        '/api/inbox/conversations?assignee=me&limit=30&status=open,pending&channel=messenger',
      ),
    );

    fireEvent.click(screen.getByRole('textbox', { name: 'Trạng thái' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Tạm hoãn' }));
    await waitFor(() =>
      expect(listUrls(seen)).toContain(
        '/api/inbox/conversations?assignee=me&limit=30&status=snoozed&channel=messenger',
      ),
    );

    fireEvent.click(screen.getByRole('textbox', { name: 'Nhãn' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Khách VIP' }));
    await waitFor(() =>
      expect(listUrls(seen)).toContain(
        '/api/inbox/conversations?assignee=me&limit=30&status=snoozed&channel=messenger&label=Khách VIP',
      ),
    );

    await screen.findByText('Tôi muốn đặt lịch khám');
    fireEvent.click(await screen.findByRole('button', { name: 'Tải thêm' }));
    await screen.findByText('Tin cũ hơn');
    expect(screen.queryByRole('button', { name: 'Tải thêm' })).toBeNull();
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
  });
});
