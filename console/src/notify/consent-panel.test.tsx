import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockHub, renderUi } from '../test-utils.tsx';
import { ConsentPanel } from './consent-panel.tsx';
import type { Consents } from './notify-types.ts';

const contactId = '00000000-0000-4000-8000-0000000000c1';
const granted: Consents = {
  current: [
    {
      channel: 'zns',
      purpose: 'marketing',
      status: 'granted',
      source: 'web_form',
      decidedAt: '2026-11-20T02:00:00.000Z',
    },
  ],
  history: [
    {
      id: 1,
      channel: 'zns',
      purpose: 'marketing',
      status: 'granted',
      source: 'web_form',
      at: '2026-11-20T02:00:00.000Z',
      staffName: null,
      note: null,
    },
  ],
};

describe('consent panel', () => {
  it('shows each channel and purpose, and records a refusal with the agent’s note', async () => {
    const seen = mockHub((req) => {
      if (req.method === 'PUT') {
        return {
          status: 200,
          body: {
            current: [{ ...granted.current[0]!, status: 'revoked', source: 'staff' }],
            history: [
              {
                id: 2,
                channel: 'zns',
                purpose: 'marketing',
                status: 'revoked',
                source: 'staff',
                at: '2026-11-26T03:00:00.000Z',
                staffName: 'Nguyễn Văn An',
                note: 'Khách gọi tổng đài',
              },
              ...granted.history,
            ],
          },
        };
      }
      return { status: 200, body: granted };
    });
    renderUi(<ConsentPanel contactId={contactId} mayWrite />);
    const toggle = (await screen.findByLabelText('Tiếp thị qua ZNS')) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    expect((screen.getByLabelText('Chăm sóc qua SMS') as HTMLInputElement).checked).toBe(false);
    fireEvent.change(screen.getByLabelText('Ghi chú cho lần thay đổi tiếp theo'), {
      target: { value: 'Khách gọi tổng đài' },
    });
    fireEvent.click(toggle);
    await waitFor(() => expect((screen.getByLabelText('Tiếp thị qua ZNS') as HTMLInputElement).checked).toBe(false));
    expect(seen.find((r) => r.method === 'PUT')?.body).toEqual({
      channel: 'zns',
      purpose: 'marketing',
      status: 'revoked',
      note: 'Khách gọi tổng đài',
    });
    fireEvent.click(screen.getByRole('button', { name: /Lịch sử thay đổi/ }));
    expect(screen.getByText(/Nhân viên ghi nhận, Nguyễn Văn An\) — Khách gọi tổng đài/)).toBeTruthy();
  });

  it('is read-only for staff who may not change contacts', async () => {
    mockHub(() => ({ status: 200, body: granted }));
    renderUi(<ConsentPanel contactId={contactId} mayWrite={false} />);
    expect(((await screen.findByLabelText('Tiếp thị qua ZNS')) as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByLabelText('Ghi chú cho lần thay đổi tiếp theo')).toBeNull();
  });
});
