import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../api.ts';
import { adminMe, mockHub, renderUi } from '../test-utils.tsx';
import { AuditPage } from './audit-page.tsx';

const entry = (id: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at: '2026-03-01T17:05:09.000Z',
  actorStaffId: adminMe.id,
  actorName: adminMe.fullName,
  actorKind: 'staff',
  action: 'auth.sign_in',
  outcome: 'success',
  subjectType: null,
  subjectId: null,
  subjectName: null,
  ip: '127.0.0.1',
  requestId: `r${id}`,
  detail: {},
  ...over,
});

describe('audit page', () => {
  it('shows clinic time, Vietnamese labels, and loads older entries on demand', async () => {
    const seen = mockHub((req) => {
      const url = new URL(req.url, 'http://x');
      if (url.searchParams.get('before') === '10') {
        return { status: 200, body: { items: [entry(9, { action: 'auth.sign_out' })], nextBefore: null } };
      }
      return {
        status: 200,
        body: {
          items: [
            entry(11, { outcome: 'failure', actorStaffId: null, detail: { reason: 'wrong_password' } }),
            entry(10, { action: 'access.denied', outcome: 'denied', detail: { permission: 'staff.manage' } }),
          ],
          nextBefore: 10,
        },
      };
    });
    renderUi(<AuditPage />);

    const failed = (await screen.findByText('Lý do: sai mật khẩu')).closest('tr')!;
    expect(failed.textContent).toContain('Đăng nhập');
    expect(failed.textContent).toContain('Thất bại');
    // 17:05:09 UTC on 1 March is 00:05:09 on 2 March in Ho Chi Minh City.
    expect(failed.textContent).toContain('00:05:09');
    expect(failed.textContent).toContain('02/03/2026');
    const denied = screen.getByText('Cần quyền: Quản lý tài khoản nhân viên').closest('tr')!;
    expect(denied.textContent).toContain('Truy cập bị chặn');
    expect(denied.textContent).toContain('Bị từ chối');

    fireEvent.click(screen.getByRole('button', { name: 'Tải thêm' }));
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(4)); // header + 3 entries
    expect(screen.getAllByRole('row')[3]!.textContent).toContain('Đăng xuất');
    expect(screen.queryByRole('button', { name: 'Tải thêm' })).toBeNull();
    expect(seen.filter((r) => r.url.startsWith('/api/admin/audit')).map((r) => r.url)).toEqual([
      '/api/admin/audit?limit=50',
      '/api/admin/audit?limit=50&before=10',
    ]);
  });

  it('filters by outcome', async () => {
    const seen = mockHub((req) =>
      req.url.startsWith('/api/admin/audit')
        ? { status: 200, body: { items: [], nextBefore: null } }
        : { status: 200, body: { items: [] } },
    );
    renderUi(<AuditPage />);
    expect(await screen.findByText('Không có mục nào khớp bộ lọc.')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Bị từ chối'));
    await waitFor(() => expect(seen.some((r) => r.url === '/api/admin/audit?limit=50&outcome=denied')).toBe(true));
  });
});
