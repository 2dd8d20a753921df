import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { rolePermissions } from '../../../hub/auth/permissions.ts';
import type { Me } from '../api.ts';
import { setCsrfToken } from '../api.ts';
import { agentMe, mockHub, renderUi } from '../test-utils.tsx';
import { ContactOrders } from './contact-orders.tsx';
import { ReleaseQueuePage } from './release-queue-page.tsx';
import type { ContactOrder, QueueItem, StaffResult } from './result-types.ts';

const clinicianMe: Me = {
  ...agentMe,
  id: '00000000-0000-4000-8000-000000000006',
  email: 'clinician@demo.medicrm.vn',
  fullName: 'BS. Hoàng Đức Dũng',
  role: 'clinician',
  permissions: [...rolePermissions.clinician],
  csrfToken: 'csrf-clinician',
};
const supervisorMe: Me = { ...clinicianMe, role: 'supervisor', permissions: [...rolePermissions.supervisor] };

const patient = {
  id: '6f1c0b3e-7777-4a6e-9d1a-000000000001',
  fullName: 'Nguyễn Văn An',
  birthDate: '1980-01-01',
  contactId: '6f1c0b3e-6666-4a6e-9d1a-000000000001',
};
const labItem: QueueItem = {
  id: '6f1c0b3e-9999-4a6e-9d1a-000000000001',
  kind: 'lab',
  title: 'Sinh hóa máu',
  status: 'final',
  modality: null,
  createdAt: '2026-03-02T02:00:00.000Z',
  reportedAt: '2026-03-02T01:55:00.000Z',
  patient,
  order: { serviceCode: 'SHM', serviceName: 'Sinh hóa máu', accessionNumber: null },
  abnormalCount: 1,
  previewCount: 0,
};
const labResult: StaffResult = {
  id: labItem.id,
  kind: 'lab',
  title: 'Sinh hóa máu',
  status: 'final',
  version: 1,
  modality: null,
  reportText: null,
  conclusion: null,
  interpreter: 'BS. Trần Thị Mai',
  observedAt: null,
  reportedAt: labItem.reportedAt,
  createdAt: labItem.createdAt,
  releasedAt: null,
  releasedByName: null,
  releasedByRule: null,
  patient,
  order: {
    id: '6f1c0b3e-8888-4a6e-9d1a-000000000001',
    serviceCode: 'SHM',
    serviceName: 'Sinh hóa máu',
    accessionNumber: null,
    status: 'completed',
    placedAt: '2026-03-02T01:00:00.000Z',
  },
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
  ],
  previews: [],
  study: null,
};

describe('release queue', () => {
  it('lists waiting results, shows the values with flags, and releases one with the CSRF token', async () => {
    setCsrfToken(clinicianMe.csrfToken);
    let released = false;
    const seen = mockHub((req) => {
      if (req.url.startsWith('/api/results/release-queue')) {
        return { status: 200, body: { items: released ? [] : [labItem], nextCursor: null } };
      }
      if (req.url === '/api/results/unlinked-studies') return { status: 200, body: { items: [] } };
      if (req.url === `/api/results/${labItem.id}/release` && req.method === 'POST') {
        released = true;
        return {
          status: 200,
          body: { id: labItem.id, releasedAt: '2026-03-02T03:00:00.000Z', alreadyReleased: false },
        };
      }
      if (req.url === `/api/results/${labItem.id}`) {
        return {
          status: 200,
          body: released
            ? { ...labResult, releasedAt: '2026-03-02T03:00:00.000Z', releasedByName: clinicianMe.fullName }
            : labResult,
        };
      }
      return undefined;
    });
    renderUi(<ReleaseQueuePage me={clinicianMe} />);

    const row = (await screen.findByText('Nguyễn Văn An')).closest('tr')!;
    expect(row.textContent).toContain('Sinh hóa máu');
    expect(row.textContent).toContain('1 chỉ số');
    fireEvent.click(within(row).getByRole('button', { name: 'Xem Sinh hóa máu của Nguyễn Văn An' }));

    const values = await screen.findByRole('table', { name: 'Chỉ số xét nghiệm' });
    const glucose = within(values).getByText('Glucose').closest('tr')!;
    expect(glucose.getAttribute('data-abnormal')).toBe('true');
    expect(glucose.textContent).toContain('Cao');
    fireEvent.click(screen.getByRole('button', { name: 'Duyệt trả kết quả' }));

    expect(await screen.findByText('Đã trả kết quả Sinh hóa máu cho Nguyễn Văn An.')).toBeTruthy();
    const post = seen.find((r) => r.method === 'POST');
    expect(post?.headers.get('x-csrf-token')).toBe(clinicianMe.csrfToken);
    await waitFor(() => expect(screen.getByText(/Đã trả cho người bệnh lúc/)).toBeTruthy());
    expect(screen.getByText('Không có kết quả nào chờ duyệt.')).toBeTruthy();
  });

  it('shows no release button to staff who may only read results', async () => {
    mockHub((req) => {
      if (req.url.startsWith('/api/results/release-queue'))
        return { status: 200, body: { items: [labItem], nextCursor: null } };
      if (req.url === '/api/results/unlinked-studies') return { status: 200, body: { items: [] } };
      if (req.url === `/api/results/${labItem.id}`) return { status: 200, body: labResult };
      return undefined;
    });
    renderUi(<ReleaseQueuePage me={supervisorMe} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Xem Sinh hóa máu của Nguyễn Văn An' }));
    expect(await screen.findByText('Chưa trả cho người bệnh; cần bác sĩ duyệt.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Duyệt trả kết quả' })).toBeNull();
  });
});

describe('orders and results on the contact page', () => {
  it('lists the family’s orders with their result and release state', async () => {
    const orders: ContactOrder[] = [
      {
        id: '6f1c0b3e-8888-4a6e-9d1a-000000000001',
        kind: 'lab',
        serviceCode: 'SHM',
        serviceName: 'Sinh hóa máu',
        accessionNumber: null,
        status: 'completed',
        placedAt: '2026-03-02T01:00:00.000Z',
        patient: { id: patient.id, fullName: patient.fullName },
        result: { id: labItem.id, title: 'Sinh hóa máu', status: 'final', releasedAt: null, abnormalCount: 1 },
      },
      {
        id: '6f1c0b3e-8888-4a6e-9d1a-000000000002',
        kind: 'imaging',
        serviceCode: 'XQ',
        serviceName: 'X-quang ngực thẳng',
        accessionNumber: 'ACC1',
        status: 'placed',
        placedAt: '2026-03-01T01:00:00.000Z',
        patient: { id: patient.id, fullName: patient.fullName },
        result: null,
      },
    ];
    mockHub((req) =>
      req.url === `/api/results/by-contact/${patient.contactId}` ? { status: 200, body: { items: orders } } : undefined,
    );
    renderUi(<ContactOrders contactId={patient.contactId} mayRelease={false} />);
    const lab = (await screen.findByText('Sinh hóa máu')).closest('tr')!;
    expect(lab.textContent).toContain('Chính thức');
    expect(lab.textContent).toContain('1 bất thường');
    expect(lab.textContent).toContain('Chờ duyệt');
    const xray = screen.getByText('X-quang ngực thẳng').closest('tr')!;
    expect(xray.textContent).toContain('Chẩn đoán hình ảnh · Đã chỉ định');
    expect(xray.textContent).toContain('Chưa có');
  });
});
