import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { rolePermissions } from '../../../hub/auth/permissions.ts';
import { adminMe, mockHub, renderUi } from '../test-utils.tsx';
import { CampaignPage } from './campaign-page.tsx';
import type { Campaign, CampaignProgress, CampaignReport } from './campaigns-api.ts';
import { noProgress as zero } from './fixtures.ts';

const id = '00000000-0000-4000-8000-0000000000c1';
const campaign = (over: Partial<Campaign>): Campaign => ({
  id,
  name: 'Ưu đãi tháng 12',
  description: null,
  segmentId: '00000000-0000-4000-8000-0000000000a1',
  segmentName: 'Khách da liễu',
  templateKey: 'campaign-offer',
  params: { headline: 'Giảm 20%', link: 'https://phongkham.vn' },
  smsFallbackText: null,
  targetUrl: 'https://phongkham.vn',
  status: 'running',
  scheduledAt: null,
  throttlePerMinute: 600,
  attributionDays: 7,
  totalRecipients: 100,
  startedAt: '2026-12-07T03:00:00.000Z',
  completedAt: null,
  createdAt: '2026-12-07T02:00:00.000Z',
  progress: { ...zero, total: 100, pending: 100 },
  ...over,
});
const done: CampaignProgress = {
  ...zero,
  total: 100,
  delivered: 60,
  read: 25,
  failed: 5,
  skipped: 10,
  clicked: 12,
  booked: 3,
};
const report: CampaignReport = {
  progress: done,
  failuresByCode: [{ code: '-118', count: 5 }],
  costVnd: 18_700,
  bookedWithinDays: 7,
  series: [{ hour: '2026-12-07T03:00:00.000Z', sent: 85, delivered: 85, read: 25, clicked: 12 }],
  conversionRate: 3 / 85,
};

class FakeEventSource {
  static last: FakeEventSource | null = null;
  static readonly CLOSED = 2;
  readyState = 1;
  readonly url: string;
  onerror: (() => void) | null = null;
  private readonly handlers = new Map<string, (e: MessageEvent<string>) => void>();
  constructor(url: string) {
    this.url = url;
    FakeEventSource.last = this;
  }
  addEventListener(type: string, h: (e: MessageEvent<string>) => void) {
    this.handlers.set(type, h);
  }
  close() {
    this.readyState = 2;
  }
  emit(data: unknown) {
    this.handlers.get('progress')?.(new MessageEvent('progress', { data: JSON.stringify(data) }));
  }
}

const text = (testId: string) => (screen.getByTestId(testId).textContent ?? '').replace(/\s+/g, ' ');

describe('campaign page', () => {
  it('moves the progress bar with the SSE stream, then shows the report when sending completes', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    let current = campaign({});
    mockHub((req) => {
      if (req.url === `/api/campaigns/${id}`) return { status: 200, body: current };
      if (req.url === `/api/campaigns/${id}/report`) return { status: 200, body: report };
      return undefined;
    });
    renderUi(<CampaignPage id={id} me={adminMe} />);
    await waitFor(() => expect(text('progress-label')).toContain('0 / 100 người nhận'));
    await waitFor(() => expect(screen.getByTestId('live-mode').textContent).toBe('Cập nhật trực tiếp'));
    expect(FakeEventSource.last?.url).toBe(`/api/campaigns/${id}/events`);

    act(() =>
      FakeEventSource.last!.emit({
        ...zero,
        total: 100,
        pending: 60,
        sent: 30,
        failed: 2,
        skipped: 8,
        status: 'running',
      }),
    );
    await waitFor(() => expect(text('progress-label')).toContain('40 / 100 người nhận (40%)'));
    expect(screen.getByRole('progressbar', { name: 'Tiến độ gửi' }).getAttribute('aria-valuenow')).toBe('40');

    current = campaign({ status: 'completed', completedAt: '2026-12-07T03:10:00.000Z', progress: done });
    act(() => FakeEventSource.last!.emit({ ...done, status: 'completed' }));
    await waitFor(() => expect(screen.getByTestId('campaign-status').textContent).toBe('Hoàn tất'));
    await waitFor(() => expect(FakeEventSource.last!.readyState).toBe(2));
    const results = await screen.findByRole('region', { name: 'Kết quả chiến dịch' });
    expect(within(results).getByTestId('report-sent-value').textContent).toBe('85');
    expect(within(results).getByTestId('report-delivered-value').textContent).toBe('85');
    expect(within(results).getByTestId('report-read-value').textContent).toBe('25');
    expect(within(results).getByTestId('report-failed-value').textContent).toBe('5');
    expect(within(results).getByTestId('report-booked').textContent).toContain('Đặt lịch trong 7 ngày');
    expect(within(results).getByTestId('report-cost-value').textContent?.replace(/\s+/g, ' ')).toBe('18.700 ₫');
    expect(within(results).getByRole('table', { name: 'Thất bại theo mã lỗi' }).textContent).toContain(
      'Số điện thoại chưa có tài khoản Zalo (-118)',
    );
    expect(within(results).getByRole('link', { name: /CSV/ }).getAttribute('href')).toBe(
      `/api/campaigns/${id}/recipients.csv`,
    );
  });

  it('polls where there is no EventSource, and pauses only after confirmation', async () => {
    let current = campaign({ progress: { ...zero, total: 100, pending: 90, sent: 10 } });
    const seen = mockHub((req) => {
      if (req.method === 'GET' && req.url === `/api/campaigns/${id}`) return { status: 200, body: current };
      if (req.url === `/api/campaigns/${id}/report`)
        return { status: 200, body: { ...report, progress: current.progress } };
      if (req.method === 'POST' && req.url === `/api/campaigns/${id}/pause`) {
        current = { ...current, status: 'paused' };
        return { status: 200, body: current };
      }
      return undefined;
    });
    renderUi(<CampaignPage id={id} me={adminMe} />);
    await waitFor(() => expect(text('progress-label')).toContain('10 / 100'));
    await waitFor(() => expect(screen.getByTestId('live-mode').textContent).toBe('Cập nhật mỗi 2 giây'));
    current = campaign({ progress: { ...zero, total: 100, pending: 50, sent: 50 } });
    await waitFor(() => expect(text('progress-label')).toContain('50 / 100'));

    fireEvent.click(screen.getByRole('button', { name: 'Tạm dừng' }));
    const dialog = await screen.findByRole('dialog', { name: 'Tạm dừng chiến dịch?' });
    expect(seen.some((r) => r.method === 'POST')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Tạm dừng' }));
    await waitFor(() => expect(screen.getByTestId('campaign-status').textContent).toBe('Tạm dừng'));
    expect(screen.getByRole('button', { name: 'Tiếp tục gửi' })).toBeTruthy();
    // polling stops once the paused state is in (a poll may be finishing as the pause lands)
    await waitFor(() => expect(screen.queryByTestId('live-mode')).toBeNull());
  });

  it('shows a supervisor (reports only) the progress and results without the controls', async () => {
    const supervisor = { ...adminMe, role: 'supervisor' as const, permissions: [...rolePermissions.supervisor] };
    const seen = mockHub((req) => {
      if (req.url === `/api/campaigns/${id}`) return { status: 200, body: campaign({ status: 'paused' }) };
      if (req.url === `/api/campaigns/${id}/report`) return { status: 200, body: report };
      return undefined;
    });
    renderUi(<CampaignPage id={id} me={supervisor} />);
    await screen.findByRole('region', { name: 'Kết quả chiến dịch' });
    expect(screen.getByTestId('campaign-status').textContent).toBe('Tạm dừng');
    expect(screen.queryByRole('button', { name: 'Tiếp tục gửi' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Huỷ chiến dịch' })).toBeNull();
    expect(seen.every((r) => r.method === 'GET')).toBe(true);
  });
});
