import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { HotlineCallModal } from '../inbox/hotline-call-modal.tsx';
import { mockHub, renderUi } from '../test-utils.tsx';

const recorded = {
  conversationId: '90000000-0000-4000-8000-000000000001',
  contactId: '70000000-0000-4000-8000-000000000001',
  contactCreated: true,
};

function fill() {
  fireEvent.change(screen.getByRole('textbox', { name: /Số điện thoại người gọi/ }), {
    target: { value: '0903 111 222' },
  });
  fireEvent.change(screen.getByRole('textbox', { name: /Nội dung cuộc gọi/ }), {
    target: { value: 'Khách muốn đặt lịch khám tổng quát' },
  });
}

describe('a hotline call leading to a booking', () => {
  it('"Lưu và đặt lịch khám" records the call and hands the caller’s contact on for booking', async () => {
    mockHub((req) => (req.url === '/api/inbox/hotline-calls' ? { status: 201, body: recorded } : undefined));
    const onRecorded = vi.fn();
    renderUi(<HotlineCallModal opened mayBook onClose={() => {}} onRecorded={onRecorded} />);
    fill();
    fireEvent.click(screen.getByRole('button', { name: 'Lưu và đặt lịch khám' }));
    await waitFor(() =>
      expect(onRecorded).toHaveBeenCalledWith(recorded.conversationId, true, {
        contactId: recorded.contactId,
        book: true,
      }),
    );
  });

  it('"Ghi nhận" only records it; without booking.write there is no booking button', async () => {
    mockHub((req) => (req.url === '/api/inbox/hotline-calls' ? { status: 201, body: recorded } : undefined));
    const onRecorded = vi.fn();
    renderUi(<HotlineCallModal opened onClose={() => {}} onRecorded={onRecorded} />);
    expect(screen.queryByRole('button', { name: 'Lưu và đặt lịch khám' })).toBeNull();
    fill();
    fireEvent.click(screen.getByRole('button', { name: 'Ghi nhận' }));
    await waitFor(() =>
      expect(onRecorded).toHaveBeenCalledWith(recorded.conversationId, true, {
        contactId: recorded.contactId,
        book: false,
      }),
    );
  });
});
