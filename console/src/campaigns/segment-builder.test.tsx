import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockHub, renderUi, type SeenRequest } from '../test-utils.tsx';
import type { SegmentFilter } from './campaigns-api.ts';
import { SegmentBuilder } from './segment-builder.tsx';
import type { SegmentCatalog } from './use-catalog.ts';

const catalog: SegmentCatalog = {
  branches: [{ value: '00000000-0000-4000-8000-0000000000b1', label: 'Cơ sở Quận 1' }],
  departments: [{ value: '00000000-0000-4000-8000-0000000000d1', label: 'Da liễu' }],
  packages: [{ value: '00000000-0000-4000-8000-0000000000a1', label: 'Khám da tổng quát' }],
  tags: [{ value: 'vip', label: 'vip (3)' }],
};

/** The hub's answer: 120 contacts in all, 48 women; consent figures follow. */
function previewOf(filter: SegmentFilter) {
  const count = filter.sex === 'female' ? 48 : 120;
  return { count, withConsent: { zns: count - 8, sms: count - 20, email: 5, zalo_oa: 30 }, sample: [] };
}

const previews = (seen: SeenRequest[]) =>
  seen
    .filter((r) => r.url === '/api/campaigns/segments/preview')
    .map((r) => (r.body as { filter: SegmentFilter }).filter);

describe('segment builder', () => {
  it('counts the segment live as conditions change, once per pause in typing, with consent per channel', async () => {
    const seen = mockHub((req) => {
      if (req.method === 'POST' && req.url === '/api/campaigns/segments/preview') {
        return { status: 200, body: previewOf((req.body as { filter: SegmentFilter }).filter) };
      }
      return undefined;
    });
    renderUi(<SegmentBuilder catalog={catalog} editing={null} onSaved={() => {}} onCancelEdit={() => {}} />);

    const count = screen.getByTestId('segment-count');
    await waitFor(() => expect(count.textContent).toBe('120'));
    expect(previews(seen)).toEqual([{}]);
    const consent = within(screen.getByRole('table', { name: 'Đồng ý nhận tin theo kênh' }));
    expect(consent.getByTestId('consent-zns').textContent).toContain('112');
    expect(consent.getByTestId('consent-sms').textContent).toContain('100');

    fireEvent.click(screen.getByRole('radio', { name: 'Nữ' }));
    await waitFor(() => expect(count.textContent).toBe('48'));
    expect(previews(seen).at(-1)).toEqual({ sex: 'female' });
    expect(consent.getByTestId('consent-zns').textContent).toContain('40');

    // two edits in a row (typing "3" then "35"): only the settled value is counted
    const ageMin = screen.getByRole('textbox', { name: 'Từ tuổi' });
    fireEvent.change(ageMin, { target: { value: '3' } });
    fireEvent.change(ageMin, { target: { value: '35' } });
    await waitFor(() => expect(previews(seen).at(-1)).toEqual({ sex: 'female', ageMin: 35 }));
    expect(previews(seen).some((f) => f.ageMin === 3)).toBe(false);
    expect(previews(seen)).toHaveLength(3);
  });

  it('saves the name and the filter without empty conditions', async () => {
    const saved: unknown[] = [];
    const seen = mockHub((req) => {
      if (req.url === '/api/campaigns/segments/preview') return { status: 200, body: previewOf({}) };
      if (req.method === 'POST' && req.url === '/api/campaigns/segments') {
        const body = req.body as { name: string; filter: SegmentFilter };
        return {
          status: 201,
          body: {
            id: '00000000-0000-4000-8000-0000000000s1',
            name: body.name,
            description: null,
            filter: body.filter,
            lastCount: 120,
            lastCountedAt: '2026-12-07T10:00:00.000Z',
            createdAt: '2026-12-07T10:00:00.000Z',
          },
        };
      }
      return undefined;
    });
    renderUi(
      <SegmentBuilder catalog={catalog} editing={null} onSaved={(s) => saved.push(s)} onCancelEdit={() => {}} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Lưu phân khúc' }));
    expect(await screen.findByText('Hãy đặt tên cho phân khúc')).toBeTruthy();

    fireEvent.change(screen.getByRole('textbox', { name: /Tên phân khúc/ }), {
      target: { value: 'Khách đến hạn tái khám' },
    });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Đến hạn tái khám' }));
    fireEvent.change(screen.getByLabelText('Từ ngày'), { target: { value: '2026-01-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu phân khúc' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const post = seen.find((r) => r.method === 'POST' && r.url === '/api/campaigns/segments');
    expect(post?.body).toEqual({
      name: 'Khách đến hạn tái khám',
      filter: { reExamDue: true, lastVisitFrom: '2026-01-01' },
    });
  });
});
