import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockHub, renderUi } from '../test-utils.tsx';
import { CampaignPlanner } from './campaign-planner.tsx';
import type { Campaign, CampaignInput, CampaignPlan } from './campaigns-api.ts';
import { noProgress } from './fixtures.ts';

const segmentId = '00000000-0000-4000-8000-0000000000a1';
const campaignId = '00000000-0000-4000-8000-0000000000c1';

const plan: CampaignPlan = {
  audience: 14_000,
  withConsent: 13_750,
  costVnd: { zns: 3_025_000, sms: 1_237_500, total: 4_262_500 },
  znsDailyQuota: 10_000,
  quotaShare: 1.375,
  days: 2,
  perDay: [
    { date: '2026-12-08', count: 10_000 },
    { date: '2026-12-09', count: 3_750 },
  ],
};

function draftOf(input: CampaignInput): Campaign {
  return {
    id: campaignId,
    name: input.name,
    description: null,
    segmentId: input.segmentId,
    segmentName: 'Khách da liễu',
    templateKey: input.templateKey,
    params: input.params,
    smsFallbackText: input.smsFallbackText ?? null,
    targetUrl: input.params.link,
    status: 'draft',
    scheduledAt: null,
    throttlePerMinute: input.throttlePerMinute ?? 60,
    attributionDays: input.attributionDays ?? 7,
    totalRecipients: null,
    startedAt: null,
    completedAt: null,
    createdAt: '2026-12-07T10:00:00.000Z',
    progress: noProgress,
  };
}

const text = (el: HTMLElement) => (el.textContent ?? '').replace(/\s+/g, ' ');

/** The hub of these tests: one segment, one marketing template, drafts, the plan above and launch. */
function planningHub() {
  let draft: Campaign | null = null;
  const seen = mockHub((req) => {
    if (req.url === '/api/campaigns/segments') {
      return {
        status: 200,
        body: {
          items: [
            {
              id: segmentId,
              name: 'Khách da liễu',
              description: null,
              filter: {},
              lastCount: 14_000,
              lastCountedAt: null,
              createdAt: '2026-12-01T00:00:00.000Z',
            },
          ],
        },
      };
    }
    if (req.url === '/api/campaigns/templates') {
      return {
        status: 200,
        body: {
          items: [
            {
              key: 'campaign-offer',
              name: 'Ưu đãi',
              channel: 'zns',
              znsTemplateId: '312001',
              priceVnd: 220,
              variables: ['customer_name', 'offer', 'link'],
            },
          ],
        },
      };
    }
    if (req.method === 'POST' && req.url === '/api/campaigns') {
      draft = draftOf(req.body as CampaignInput);
      return { status: 201, body: draft };
    }
    if (req.method === 'PATCH' && req.url === `/api/campaigns/${campaignId}`) {
      const changes = req.body as Partial<Campaign>;
      draft = { ...draft!, ...changes };
      return { status: 200, body: draft };
    }
    if (req.method === 'DELETE' && req.url === `/api/campaigns/${campaignId}`) {
      return { status: 200, body: { id: campaignId, deleted: true } };
    }
    if (req.url === `/api/campaigns/${campaignId}/plan`) return { status: 200, body: plan };
    if (req.method === 'POST' && req.url === `/api/campaigns/${campaignId}/launch`) {
      return { status: 200, body: { ...draft!, status: 'running' } };
    }
    return undefined;
  });
  return seen;
}

/** Opens the planner on the segment, waits for the template to choose itself, and fills what a campaign needs. */
async function openAndFill(f: { name: string; headline: string; link: string; smsFallback?: string }) {
  renderUi(<CampaignPlanner draft={null} segmentId={segmentId} />);
  // the only marketing template is chosen by itself; the segment came from the link
  await waitFor(() =>
    expect((screen.getByRole('textbox', { name: /Mẫu ZNS tiếp thị/ }) as HTMLInputElement).value).toContain('Ưu đãi'),
  );
  fireEvent.change(screen.getByRole('textbox', { name: /Tên chiến dịch/ }), { target: { value: f.name } });
  fireEvent.change(screen.getByRole('textbox', { name: /Tiêu đề ưu đãi/ }), { target: { value: f.headline } });
  fireEvent.change(screen.getByRole('textbox', { name: /Đường dẫn khi khách bấm/ }), { target: { value: f.link } });
  if (f.smsFallback !== undefined) {
    fireEvent.click(screen.getByRole('switch', { name: 'Gửi SMS khi ZNS không tới được' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Nội dung SMS dự phòng' }), {
      target: { value: f.smsFallback },
    });
  }
}

describe('campaign planner', () => {
  it('shows audience, consent, cost per channel in VND and the share of the daily ZNS quota, then sends', async () => {
    const seen = planningHub();
    await openAndFill({
      name: 'Ưu đãi tháng 12',
      headline: 'Giảm 20% soi da',
      link: 'https://phongkham.vn/uu-dai',
      smsFallback: 'Phong kham giam 20% soi da',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Xem kế hoạch gửi' }));

    const summary = await screen.findByRole('region', { name: 'Kế hoạch gửi' });
    expect(text(within(summary).getByTestId('plan-audience'))).toContain('14.000');
    expect(text(within(summary).getByTestId('plan-consent'))).toContain('13.750');
    expect(text(within(summary).getByTestId('plan-consent'))).toContain('250 khách không nhận tin');
    expect(text(within(summary).getByTestId('cost-zns'))).toBe('3.025.000 ₫');
    expect(text(within(summary).getByTestId('cost-sms'))).toBe('1.237.500 ₫');
    expect(text(within(summary).getByTestId('cost-total'))).toBe('4.262.500 ₫');
    expect(text(within(summary).getByTestId('plan-quota'))).toBe('137,5% của 10.000 tin/ngày');
    expect(text(within(summary).getByTestId('plan-days'))).toContain('gửi trong 2 ngày');
    expect(text(within(summary).getByRole('table', { name: 'Số tin gửi mỗi ngày' }))).toContain('09/12/2026');

    const created = seen.find((r) => r.method === 'POST' && r.url === '/api/campaigns');
    expect(created?.body).toEqual({
      name: 'Ưu đãi tháng 12',
      segmentId,
      templateKey: 'campaign-offer',
      params: { headline: 'Giảm 20% soi da', link: 'https://phongkham.vn/uu-dai' },
      smsFallbackText: 'Phong kham giam 20% soi da',
      throttlePerMinute: 60,
      attributionDays: 7,
    });

    fireEvent.click(screen.getByRole('button', { name: 'Gửi chiến dịch' }));
    const dialog = await screen.findByRole('dialog', { name: 'Gửi chiến dịch ngay?' });
    expect(text(dialog)).toContain('4.262.500 ₫');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Gửi ngay' }));
    await waitFor(() => expect(window.location.pathname).toBe(`/campaigns/${campaignId}`));
    expect(seen.find((r) => r.url.endsWith('/launch'))?.body).toEqual({});
  });

  it('schedules the campaign at a date and time typed in Vietnam time, whatever the browser’s zone', async () => {
    const seen = planningHub();
    await openAndFill({ name: 'Nhắc tái khám', headline: 'Tái khám miễn phí', link: 'https://phongkham.vn/tai-kham' });
    fireEvent.click(screen.getByRole('button', { name: 'Xem kế hoạch gửi' }));
    await screen.findByRole('region', { name: 'Kế hoạch gửi' });
    expect(text(screen.getByTestId('cost-sms'))).toBe('Không dùng');

    fireEvent.click(screen.getByRole('radio', { name: 'Hẹn giờ gửi' }));
    fireEvent.change(screen.getByLabelText('Gửi lúc (giờ Việt Nam)'), { target: { value: '2030-01-15T08:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Hẹn lịch gửi' }));
    const dialog = await screen.findByRole('dialog', { name: 'Hẹn lịch gửi chiến dịch?' });
    expect(text(dialog)).toContain('08:30:00 15/01/2030');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Hẹn lịch' }));
    await waitFor(() =>
      expect(seen.find((r) => r.url.endsWith('/launch'))?.body).toEqual({
        scheduledAt: '2030-01-15T01:30:00.000Z',
      }),
    );
  });

  it('turns a saved draft’s SMS fallback off by clearing its text', async () => {
    const seen = planningHub();
    await openAndFill({
      name: 'Ưu đãi',
      headline: 'Giảm 20%',
      link: 'https://phongkham.vn/uu-dai',
      smsFallback: 'Phong kham giam 20%',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Xem kế hoạch gửi' }));
    await screen.findByRole('region', { name: 'Kế hoạch gửi' });
    expect(text(screen.getByTestId('cost-sms'))).not.toBe('Không dùng');

    fireEvent.click(screen.getByRole('switch', { name: 'Gửi SMS khi ZNS không tới được' }));
    fireEvent.click(screen.getByRole('button', { name: 'Tính lại kế hoạch' }));
    await waitFor(() => expect(seen.some((r) => r.method === 'PATCH')).toBe(true));
    expect(seen.find((r) => r.method === 'PATCH')?.body).toMatchObject({ smsFallbackText: null });
    await waitFor(() => expect(text(screen.getByTestId('cost-sms'))).toBe('Không dùng'));
  });

  it('deletes a saved draft after asking, and goes back to the campaign list', async () => {
    const seen = planningHub();
    await openAndFill({ name: 'Bản nháp thử', headline: 'Giảm 10%', link: 'https://phongkham.vn/thu' });
    expect(screen.queryByRole('button', { name: 'Xoá bản nháp' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Xem kế hoạch gửi' }));
    await screen.findByRole('region', { name: 'Kế hoạch gửi' });
    fireEvent.click(screen.getByRole('button', { name: 'Xoá bản nháp' }));
    const dialog = await screen.findByRole('dialog', { name: 'Xoá bản nháp' });
    expect(seen.some((r) => r.method === 'DELETE')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Xoá' }));
    await waitFor(() => expect(window.location.pathname).toBe('/campaigns'));
    expect(seen.find((r) => r.method === 'DELETE')?.url).toBe(`/api/campaigns/${campaignId}`);
  });
});
