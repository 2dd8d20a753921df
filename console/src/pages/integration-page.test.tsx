import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { adminMe, mockHub, renderUi } from '../test-utils.tsx';
import type { IntegrationDetail, IntegrationMessage } from './integration-labels.ts';
import { IntegrationPage } from './integration-page.tsx';

const message = (id: string, over: Partial<IntegrationMessage> = {}): IntegrationMessage => ({
  id,
  peer: 'HIS|BV_DEMO',
  direction: 'outbound',
  messageType: 'SIU^S12',
  controlId: `HUB${id}`,
  status: 'acked',
  ackCode: 'AA',
  attempts: 1,
  lastError: null,
  patientId: null,
  patientName: 'Nguyễn Văn An',
  parked: false,
  replacedById: null,
  replayOfId: null,
  createdAt: '2026-03-01T17:05:09.000Z',
  ackedAt: null,
  processedAt: null,
  nextAttemptAt: null,
  ...over,
});

describe('integration monitor page', () => {
  it('lists messages with counts, shows payload and ACK side by side, and replays a parked one', async () => {
    const parked = message('00000000-0000-4000-8000-000000000002', {
      status: 'nacked',
      ackCode: 'AE',
      parked: true,
      lastError: 'AE 103 Mã bác sĩ BS0456 không tồn tại trong HIS',
    });
    const detail: IntegrationDetail = {
      ...parked,
      payload: 'MSH|^~\\&|BOOKINGHUB|PK_DEMO|HIS|BV_DEMO\rSCH|MC-ABC234^BOOKINGHUB\r',
      ackPayload: 'MSH|^~\\&|HIS|BV_DEMO|BOOKINGHUB|PK_DEMO\rMSA|AE|HUB2\r',
      correlationType: 'appointment',
      correlationId: null,
      sentAt: null,
    };
    const seen = mockHub((req) => {
      if (req.url.startsWith('/api/integration/counts')) {
        return { status: 200, body: { byStatus: { acked: 1, nacked: 1 }, parked: 1, peers: ['HIS|BV_DEMO'] } };
      }
      if (req.url.startsWith('/api/integration/messages?')) {
        return {
          status: 200,
          body: { items: [message('00000000-0000-4000-8000-000000000001'), parked], nextCursor: null },
        };
      }
      if (req.method === 'POST' && req.url.endsWith('/replay')) {
        return { status: 200, body: { id: parked.id, status: 'pending', replayId: 'x' } };
      }
      if (req.url === `/api/integration/messages/${parked.id}`) return { status: 200, body: detail };
      return undefined;
    });
    renderUi(<IntegrationPage me={adminMe} />);

    expect(await screen.findByText('Đang bị giữ lại: 1')).toBeTruthy();
    expect(screen.getByText('Bị từ chối: 1')).toBeTruthy();
    const row = screen.getByText('AE 103 Mã bác sĩ BS0456 không tồn tại trong HIS').closest('tr')!;
    expect(row.textContent).toContain('02/03/2026');
    fireEvent.click(row);
    expect(await screen.findByText(/SCH\|MC-ABC234\^BOOKINGHUB/)).toBeTruthy();
    expect(screen.getByText(/MSA\|AE\|HUB2/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Gửi lại' }));
    expect(await screen.findByText('Đã đưa thông điệp vào hàng gửi lại với mã MSH-10 mới.')).toBeTruthy();
    await waitFor(() => expect(seen.some((r) => r.method === 'POST' && r.url.endsWith('/replay'))).toBe(true));
  });
});
