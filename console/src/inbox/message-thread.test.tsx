import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderUi } from '../test-utils.tsx';
import { message } from './fixtures.ts';
import { MessageThread } from './message-thread.tsx';

describe('message thread', () => {
  it('shows each outbound message’s delivery state in Vietnamese, with the reason of a failure', () => {
    renderUi(
      <MessageThread
        messages={[
          message('m1', { body: 'Cho tôi hỏi giá gói khám' }),
          message('m2', {
            direction: 'out',
            authorKind: 'agent',
            authorName: 'Nguyễn Văn An',
            body: 'A',
            deliveryState: 'queued',
          }),
          message('m3', { direction: 'out', authorKind: 'agent', body: 'B', deliveryState: 'sent' }),
          message('m4', { direction: 'out', authorKind: 'agent', body: 'C', deliveryState: 'delivered' }),
          message('m5', { direction: 'out', authorKind: 'agent', body: 'D', deliveryState: 'read' }),
          message('m6', {
            direction: 'out',
            authorKind: 'agent',
            body: 'E',
            deliveryState: 'failed',
            failureCode: '-230',
            failureReason: 'Khách chưa tương tác với OA trong 7 ngày qua',
          }),
        ]}
      />,
    );
    const state = (id: string) => document.querySelector(`[data-message="${id}"]`)!.textContent;
    expect(state('m1')).toContain('Khách hàng');
    expect(state('m1')).not.toMatch(/Đang gửi|Đã gửi|Đã nhận|Đã xem|Lỗi/);
    expect(state('m2')).toContain('Nguyễn Văn An');
    expect(state('m2')).toContain('Đang gửi');
    expect(state('m3')).toContain('Đã gửi');
    expect(state('m4')).toContain('Đã nhận');
    expect(state('m5')).toContain('Đã xem');
    expect(state('m6')).toContain('Lỗi');
    expect(state('m6')).toContain('Khách chưa tương tác với OA trong 7 ngày qua');
  });

  it('sets private notes apart and shows images inline, files as links through the hub', () => {
    renderUi(
      <MessageThread
        messages={[
          message('n1', { direction: 'note', authorKind: 'agent', authorName: 'Lê Thị Bình', body: 'Khách VIP' }),
          message('e1', {
            channel: 'email',
            body: 'Gửi phòng khám kết quả cũ',
            subject: 'Kết quả xét nghiệm',
            attachments: [
              { kind: 'image', url: '/api/inbox/attachments/a1', name: 'anh-chup.png', mimeType: 'image/png' },
              { kind: 'file', url: '/api/inbox/attachments/a2', name: 'ket-qua.pdf', sizeBytes: 20480 },
            ],
          }),
        ]}
      />,
    );
    const note = document.querySelector('[data-message="n1"] [data-direction="note"]')!;
    expect(note.textContent).toContain('Ghi chú nội bộ · Lê Thị Bình');
    const img = screen.getByRole('img', { name: 'anh-chup.png' });
    expect(img.getAttribute('src')).toBe('/api/inbox/attachments/a1?inline=1');
    const file = screen.getByRole('link', { name: /ket-qua\.pdf \(20 KB\)/ });
    expect(file.getAttribute('href')).toBe('/api/inbox/attachments/a2');
    expect(
      within(document.querySelector('[data-message="e1"]') as HTMLElement).getByText('Tiêu đề: Kết quả xét nghiệm'),
    ).toBeTruthy();
  });
});
