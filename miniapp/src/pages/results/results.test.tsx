import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../api.ts';
import { me, selfProfile } from '../../test-fixtures.ts';
import { memoryBridge, renderApp } from '../../test-utils.tsx';
import type { ResultDetail, ResultSummary, ResultsPage } from './result-types.ts';

const child = {
  ...selfProfile,
  id: '6f1c0b3e-7777-4a6e-9d1a-000000000002',
  relationship: 'child',
  fullName: 'Lê Minh Khang',
} as const;
const labId = '6f1c0b3e-9999-4a6e-9d1a-000000000001';
const imagingId = '6f1c0b3e-9999-4a6e-9d1a-000000000002';
const previewId = '6f1c0b3e-aaaa-4a6e-9d1a-000000000001';
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0xff, 0xd9]);

const labSummary = {
  id: labId,
  kind: 'lab',
  title: 'Sinh hóa máu',
  status: 'final',
  modality: null,
  reportedAt: '2026-03-02T02:00:00.000Z',
  releasedAt: '2026-03-02T03:00:00.000Z',
  profile: { id: selfProfile.id, fullName: selfProfile.fullName, relationship: 'self' },
  abnormalCount: 1,
  previewCount: 0,
} satisfies ResultSummary;

const imagingSummary = {
  ...labSummary,
  id: imagingId,
  kind: 'imaging',
  title: 'X-quang ngực thẳng',
  modality: 'CR',
  profile: { id: child.id, fullName: child.fullName, relationship: 'child' },
  abnormalCount: 0,
  previewCount: 1,
} satisfies ResultSummary;

const labDetail = {
  ...labSummary,
  reportText: null,
  conclusion: null,
  interpreter: 'BS. Trần Thị Mai',
  observedAt: null,
  study: null,
  previews: [],
  observations: [
    {
      seq: 1,
      code: '2345-7',
      name: 'Glucose',
      valueType: 'NM',
      value: '7.8',
      unit: 'mmol/L',
      referenceRange: '3.9-6.4',
      flag: 'H',
      abnormal: true,
      status: 'F',
    },
    {
      seq: 2,
      code: '2160-0',
      name: 'Creatinin',
      valueType: 'NM',
      value: '80',
      unit: 'µmol/L',
      referenceRange: '62-106',
      flag: 'N',
      abnormal: false,
      status: 'F',
    },
  ],
} satisfies ResultDetail;

const imagingDetail = {
  ...imagingSummary,
  reportText: 'Mô tả: Bóng tim không to.\nKết luận: Phim X-quang ngực bình thường.',
  conclusion: null,
  interpreter: null,
  observedAt: null,
  observations: [],
  study: { description: 'X-quang ngực thẳng', studyDate: '2026-03-02', modalities: ['CR'] },
  previews: [
    {
      id: previewId,
      url: `/api/patient/results/${imagingId}/previews/${previewId}`,
      caption: 'X-quang ngực thẳng',
      modality: 'CR',
    },
  ],
} satisfies ResultDetail;

/** The app signed in against a hub answering the results API (and the image bytes) from fixtures. */
function start() {
  const seen: string[] = [];
  const fetchStub = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    seen.push(`${init.method ?? 'GET'} ${url.pathname}${url.search}`);
    const json = (body: unknown, status = 200) => Response.json(body, { status });
    switch (url.pathname) {
      case '/api/patient/me':
        return json({ ...me, profiles: [selfProfile, child] });
      case '/api/patient/appointments':
        return json({ items: [], total: 0, page: 1, pageSize: 5 });
      case '/api/patient/notifications':
        return json({ items: [], total: 0, unread: 0, page: 1, pageSize: 1 });
      case '/api/patient/results': {
        const profileId = url.searchParams.get('profileId');
        const items = [labSummary, imagingSummary].filter((r) => !profileId || r.profile.id === profileId);
        return json({ items, nextCursor: null } satisfies ResultsPage);
      }
      case `/api/patient/results/${labId}`:
        return json(labDetail);
      case `/api/patient/results/${imagingId}`:
        return json(imagingDetail);
      case `/api/patient/results/${imagingId}/previews/${previewId}`:
        return new Response(jpeg, { headers: { 'content-type': 'image/jpeg' } });
      default:
        return json({ error: { code: 'not_found', message: 'Không tìm thấy' } }, 404);
    }
  };
  const { bridge } = memoryBridge({
    storage: { 'hub-session': JSON.stringify({ token: 'hub-token-1', expiresAt: '2099-01-01T00:00:00Z' }) },
  });
  window.history.replaceState(null, '', '/results');
  renderApp(bridge, createApi({ baseUrl: 'http://hub.test', fetch: fetchStub }));
  return seen;
}

describe('results screens', () => {
  it('lists released results per profile with an abnormal-value badge', async () => {
    const seen = start();
    const lab = await screen.findByRole('button', { name: 'Kết quả Sinh hóa máu' });
    expect(lab.textContent).toContain('1 chỉ số ngoài khoảng tham chiếu');
    expect(lab.textContent).toContain('Chính thức');
    const xray = screen.getByRole('button', { name: 'Kết quả X-quang ngực thẳng' });
    expect(xray.textContent).toContain('Lê Minh Khang');
    expect(xray.textContent).toContain('CR · 1 ảnh');

    fireEvent.click(screen.getByRole('button', { name: 'Lê Minh Khang' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Kết quả Sinh hóa máu' })).toBeNull());
    expect(screen.getByRole('button', { name: 'Kết quả X-quang ngực thẳng' })).toBeTruthy();
    expect(seen).toContain(`GET /api/patient/results?limit=20&profileId=${child.id}`);
  });

  it('shows a lab result as a table with units, reference ranges and the abnormal value marked in words', async () => {
    start();
    fireEvent.click(await screen.findByRole('button', { name: 'Kết quả Sinh hóa máu' }));
    const table = await screen.findByRole('table', { name: 'Chỉ số xét nghiệm' });
    const glucose = within(table).getByRole('row', { name: /Glucose/ });
    expect(glucose.getAttribute('data-abnormal')).toBe('true');
    expect(glucose.textContent).toContain('7.8mmol/L');
    expect(glucose.textContent).toContain('Cao ↑');
    expect(glucose.textContent).toContain('3.9-6.4');
    const creatinin = within(table).getByRole('row', { name: /Creatinin/ });
    expect(creatinin.getAttribute('data-abnormal')).toBe('false');
    expect(creatinin.textContent).not.toContain('Cao');
    expect(screen.getByText('Có 1 chỉ số nằm ngoài khoảng tham chiếu (tô đỏ).')).toBeTruthy();
  });

  it('shows an imaging result’s report and its preview, fetched with the token, and zooms it on tap', async () => {
    const seen = start();
    fireEvent.click(await screen.findByRole('button', { name: 'Kết quả X-quang ngực thẳng' }));
    expect(await screen.findByText(/Phim X-quang ngực bình thường\./)).toBeTruthy();
    const thumb = await screen.findByRole('img', { name: 'X-quang ngực thẳng' });
    expect(thumb.getAttribute('src')).toBe(`data:image/jpeg;base64,${btoa(String.fromCharCode(...jpeg))}`);
    expect(seen).toContain(`GET /api/patient/results/${imagingId}/previews/${previewId}`);

    fireEvent.click(screen.getByRole('button', { name: 'Phóng to X-quang ngực thẳng' }));
    const dialog = screen.getByRole('dialog', { name: 'Ảnh phóng to' });
    const enlarge = within(dialog).getByRole('button', { name: 'Phóng to ảnh' });
    fireEvent.click(enlarge);
    expect(within(dialog).getByRole('button', { name: 'Thu nhỏ ảnh' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Đóng ảnh' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
