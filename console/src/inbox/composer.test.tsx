import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockHub, renderUi } from '../test-utils.tsx';
import { Composer } from './composer.tsx';
import { detail, message } from './fixtures.ts';
import type { Agent, MessagingWindow } from './inbox-types.ts';

const agents: Agent[] = [
  {
    staffId: '00000000-0000-4000-8000-0000000000b2',
    fullName: 'Lê Thị Bình',
    role: 'agent',
    teamIds: [],
    capacity: 8,
    activeConversations: 2,
    availability: 'auto',
    connected: true,
    online: true,
  },
];

const convId = '11111111-1111-4111-8111-111111111111';

describe('composer window meter', () => {
  it('shows a free Zalo reply with how many are left and until when (clinic time)', () => {
    renderUi(<Composer conversation={detail(convId)} agents={agents} canReply onSent={() => {}} />);
    const meter = screen.getByTestId('window-meter');
    expect(meter.textContent).toContain('Có thể trả lời miễn phí');
    expect(meter.textContent).toContain('Còn 8 tin trả lời miễn phí trong 48 giờ');
    // 01:05 UTC on 4 March is 08:05 in Ho Chi Minh City
    expect(meter.textContent).toContain('08:05:00 04/03/2026');
    fireEvent.change(screen.getByLabelText('Nội dung trả lời'), { target: { value: 'Dạ vâng ạ' } });
    expect(screen.getByRole('button', { name: 'Gửi' }).hasAttribute('disabled')).toBe(false);
  });

  it('warns that a Messenger reply after 24 hours goes out with the HUMAN_AGENT tag', () => {
    const w: MessagingWindow = {
      canReply: true,
      canReplyFree: false,
      until: '2026-03-09T01:05:00.000Z',
      reason: 'messenger_human_agent',
      message: 'Quá 24 giờ: tin trả lời sẽ gửi kèm thẻ HUMAN_AGENT (tối đa 7 ngày)',
      messagingTag: 'HUMAN_AGENT',
      freeRepliesLeft: null,
    };
    renderUi(
      <Composer
        conversation={detail(convId, w, { channel: 'messenger' })}
        agents={agents}
        canReply
        onSent={() => {}}
      />,
    );
    expect(screen.getByTestId('window-meter').textContent).toContain('Trả lời kèm thẻ HUMAN_AGENT');
  });

  it('stops a reply the provider would refuse, says why, and still allows a private note', () => {
    const w: MessagingWindow = {
      canReply: false,
      canReplyFree: false,
      until: null,
      reason: 'zalo_window_closed',
      message: 'Khách chưa tương tác với OA trong 7 ngày qua: Zalo không cho gửi tin tư vấn',
      freeRepliesLeft: null,
    };
    renderUi(<Composer conversation={detail(convId, w)} agents={agents} canReply onSent={() => {}} />);
    const meter = screen.getByTestId('window-meter');
    expect(meter.textContent).toContain('Không thể trả lời trên kênh này lúc này');
    expect(meter.textContent).toContain('Zalo không cho gửi tin tư vấn');
    expect(screen.getByLabelText('Nội dung trả lời').hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Gửi' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByLabelText('Ghi chú nội bộ'));
    expect(screen.getByLabelText('Nội dung ghi chú').hasAttribute('disabled')).toBe(false);
  });
});

describe('composer canned responses and notes', () => {
  it('inserts a canned response filled in by the hub and sends it with its id', async () => {
    const cannedId = '22222222-2222-4222-8222-222222222222';
    const seen = mockHub((req) => {
      if (req.url.startsWith('/api/inbox/canned-responses') && req.method === 'GET') {
        return {
          status: 200,
          body: {
            items: [
              {
                id: cannedId,
                shortcut: 'chao',
                title: 'Lời chào',
                body: 'Chào {{contact.name}}, {{agent.name}} xin hỗ trợ ạ.',
                teamId: null,
                variables: ['contact.name', 'agent.name'],
                updatedAt: '2026-03-01T00:00:00.000Z',
              },
            ],
            variables: {},
          },
        };
      }
      if (req.url === `/api/inbox/canned-responses/${cannedId}/render`) {
        return { status: 200, body: { text: 'Chào chị Hương, Nguyễn Văn An xin hỗ trợ ạ.' } };
      }
      if (req.url === `/api/inbox/conversations/${convId}/replies`) {
        return {
          status: 201,
          body: message('out-1', {
            direction: 'out',
            body: (req.body as { body: string }).body,
            deliveryState: 'queued',
          }),
        };
      }
      return undefined;
    });
    const onSent = vi.fn();
    renderUi(<Composer conversation={detail(convId)} agents={agents} canReply onSent={onSent} />);

    fireEvent.click(screen.getByRole('button', { name: 'Mẫu trả lời' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Lời chào' }));
    const box = screen.getByLabelText('Nội dung trả lời') as HTMLTextAreaElement;
    await waitFor(() => expect(box.value).toBe('Chào chị Hương, Nguyễn Văn An xin hỗ trợ ạ.'));
    expect(seen.find((r) => r.url.endsWith('/render'))!.body).toEqual({ conversationId: convId });

    fireEvent.click(screen.getByRole('button', { name: 'Gửi' }));
    await waitFor(() => expect(onSent).toHaveBeenCalled());
    expect(seen.find((r) => r.url.endsWith('/replies'))!.body).toEqual({
      body: 'Chào chị Hương, Nguyễn Văn An xin hỗ trợ ạ.',
      cannedResponseId: cannedId,
    });
    expect(box.value).toBe('');
  });

  it('shows the hub’s reason when a reply is refused', async () => {
    mockHub(() => ({
      status: 409,
      body: {
        error: {
          code: 'reply_zalo_paid_not_enabled',
          message: 'Hết hạn mức trả lời miễn phí và OA chưa bật gửi tin tính phí',
        },
      },
    }));
    renderUi(<Composer conversation={detail(convId)} agents={agents} canReply onSent={() => {}} />);
    fireEvent.change(screen.getByLabelText('Nội dung trả lời'), { target: { value: 'Dạ vâng' } });
    fireEvent.click(screen.getByRole('button', { name: 'Gửi' }));
    expect((await screen.findByRole('alert')).textContent).toContain('OA chưa bật gửi tin tính phí');
  });

  it('mentions a colleague in a private note', async () => {
    const seen = mockHub((req) =>
      req.url === `/api/inbox/conversations/${convId}/notes`
        ? { status: 201, body: message('note-1', { direction: 'note', body: (req.body as { body: string }).body }) }
        : undefined,
    );
    renderUi(<Composer conversation={detail(convId)} agents={agents} canReply onSent={() => {}} />);
    fireEvent.click(screen.getByLabelText('Ghi chú nội bộ'));
    const box = screen.getByLabelText('Nội dung ghi chú') as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: 'Nhờ @binh', selectionStart: 10 } });
    fireEvent.click(await screen.findByRole('option', { name: '@Lê Thị Bình' }));
    expect(box.value).toBe('Nhờ @Lê Thị Bình ');
    fireEvent.change(box, { target: { value: 'Nhờ @Lê Thị Bình gọi lại cho khách' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu ghi chú' }));
    await waitFor(() => expect(seen.some((r) => r.url.endsWith('/notes'))).toBe(true));
    expect(seen.find((r) => r.url.endsWith('/notes'))!.body).toEqual({
      body: 'Nhờ @Lê Thị Bình gọi lại cho khách',
      mentions: [agents[0]!.staffId],
    });
  });
});
