import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockHub, renderUi } from '../test-utils.tsx';
import type { AllReports } from './report-types.ts';
import { defaultFilter, ReportsPage } from './reports-page.tsx';

Element.prototype.scrollIntoView ??= () => {};
// jsdom lays nothing out, so every chart warns that it has no size; the tables carry the figures here
const warn = console.warn.bind(console);
vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
  if (!String(args[0]).includes('of chart should be greater than 0')) warn(...args);
});

const branchId = '00000000-0000-4000-8000-0000000000b1';
const range = (branch: boolean) => ({ from: '2026-11-01', to: '2026-11-30', branchId: null, branchApplies: branch });
const agentRow = {
  id: '00000000-0000-4000-8000-0000000000a1',
  name: 'Nguyễn Văn An',
  conversations: 12,
  responded: 12,
  firstResponseMedianMinutes: 45,
  firstResponseAvgMinutes: 38.3,
  resolved: 10,
  resolutionMedianMinutes: 150,
  resolutionAvgMinutes: 200,
  firstResponseSla: { met: 9, missed: 3, rate: 0.75 },
  resolutionSla: { met: 8, missed: 2, rate: 0.8 },
};
const outcome = {
  scheduled: 20,
  attended: 12,
  completed: 10,
  noShow: 3,
  cancelled: 4,
  pending: 1,
  noShowRate: 0.2,
  cancellationRate: 0.2,
};
const delivery = {
  attempts: 100,
  delivered: 90,
  failed: 8,
  inFlight: 2,
  costVnd: 27_000,
  deliveryRate: 0.9,
  costPerDeliveredVnd: 300,
};
const reports: AllReports = {
  contacts: {
    range: range(false),
    byChannel: [{ channel: 'zalo_oa', contacts: 25, tickets: 31 }],
    daily: [{ date: '2026-11-01', contacts: 1, tickets: 2 }],
    totals: { contacts: 25, tickets: 31 },
  },
  funnel: {
    range: range(true),
    stages: [
      { stage: 'lead', count: 25, rateFromLead: 1 },
      { stage: 'booked', count: 10, rateFromLead: 0.4 },
      { stage: 'checked_in', count: 8, rateFromLead: 0.32 },
      { stage: 'completed', count: 7, rateFromLead: 0.28 },
    ],
    bySource: [
      {
        channel: 'web_form',
        leads: 25,
        booked: 10,
        checkedIn: 8,
        completed: 7,
        bookingRate: 0.4,
        completionRate: 0.28,
      },
    ],
  },
  appointments: { range: range(true), totals: outcome, bySource: [{ channel: 'hotline', ...outcome }] },
  responseTimes: {
    range: range(false),
    totals: { ...agentRow, id: null, name: 'Tổng cộng' },
    byAgent: [agentRow],
    byTeam: [],
  },
  notifications: {
    range: range(true),
    totals: delivery,
    byChannel: [{ channel: 'zns', ...delivery }],
    outcomes: [{ state: 'delivered', count: 90 }],
  },
  results: {
    range: range(true),
    byKind: [{ kind: 'lab', orders: 40, released: 38, medianHours: 5, avgHours: 6.2, p90Hours: 20 }],
  },
};

describe('reports page', () => {
  it('shows every figure for the period, refetches for a branch, and links each table to its CSV', async () => {
    const seen = mockHub((req) => {
      const url = new URL(req.url, 'http://localhost');
      if (url.pathname === '/api/catalog/branches') {
        return { status: 200, body: { items: [{ id: branchId, name: 'Phòng khám Hà Nội', code: 'HN01' }] } };
      }
      const name = url.pathname.replace('/api/reports/', '');
      const key = name === 'response-times' ? 'responseTimes' : (name as keyof AllReports);
      return reports[key] ? { status: 200, body: reports[key] } : undefined;
    });
    renderUi(<ReportsPage />);

    const contacts = await screen.findByRole('region', { name: 'Khách hàng mới và hội thoại mới' });
    expect(within(contacts).getByRole('table')).toBeTruthy();
    expect(within(contacts).getAllByText('Zalo OA').length).toBeGreaterThan(0);
    const funnel = screen.getByRole('region', { name: 'Phễu đặt lịch' });
    expect(within(funnel).getByText('Form website')).toBeTruthy();
    expect(within(funnel).getAllByText('40%').length).toBeGreaterThan(0);
    const noShow = screen.getByRole('region', { name: 'Vắng mặt và huỷ lịch' });
    expect(within(noShow).getAllByText('20%').length).toBeGreaterThan(0);
    const times = screen.getByRole('region', { name: 'Thời gian phản hồi và SLA' });
    expect(within(times).getByText('Nguyễn Văn An')).toBeTruthy();
    expect(within(times).getAllByText('45 phút').length).toBeGreaterThan(0);
    expect(within(times).getAllByText('2,5 giờ').length).toBeGreaterThan(0);
    const notices = screen.getByRole('region', { name: 'Thông báo: tỉ lệ đến và chi phí' });
    expect(within(notices).getAllByText(/27\.000\s₫/).length).toBeGreaterThan(0);
    const turnaround = screen.getByRole('region', { name: 'Thời gian trả kết quả' });
    expect(within(turnaround).getByText('Xét nghiệm')).toBeTruthy();

    const { from, to } = defaultFilter();
    expect(seen.filter((r) => r.url.startsWith('/api/reports/'))).toHaveLength(6);
    expect(seen.every((r) => !r.url.startsWith('/api/reports/') || r.url.includes(`from=${from}&to=${to}`))).toBe(true);
    const csv = within(funnel).getByRole('link', { name: 'CSV theo kênh nguồn' });
    expect(csv.getAttribute('href')).toBe(`/api/reports/funnel?from=${from}&to=${to}&format=csv&table=bySource`);
    expect(csv.hasAttribute('download')).toBe(true);

    fireEvent.click(screen.getByRole('textbox', { name: 'Cơ sở' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Phòng khám Hà Nội' }));
    await waitFor(() =>
      expect(
        seen.filter((r) => r.url.includes(`branchId=${branchId}`) && r.url.startsWith('/api/reports/')),
      ).toHaveLength(6),
    );
    await waitFor(() =>
      expect(
        within(screen.getByRole('region', { name: 'Thời gian trả kết quả' }))
          .getByRole('link', { name: 'CSV thời gian trả kết quả' })
          .getAttribute('href'),
      ).toContain(`branchId=${branchId}`),
    );
  });

  it('does not ask the hub for a reversed period and says why', async () => {
    const seen = mockHub((req) =>
      req.url.startsWith('/api/catalog') ? { status: 200, body: { items: [] } } : undefined,
    );
    renderUi(<ReportsPage />);
    await waitFor(() => expect(seen.some((r) => r.url.startsWith('/api/reports/'))).toBe(true));
    const before = seen.length;
    fireEvent.change(screen.getByLabelText('Từ ngày'), { target: { value: '2030-01-01' } });
    expect(await screen.findByText('Phải sau ngày bắt đầu')).toBeTruthy();
    expect(seen.slice(before).filter((r) => r.url.startsWith('/api/reports/'))).toHaveLength(0);
  });
});
