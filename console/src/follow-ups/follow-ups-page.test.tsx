import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { rolePermissions } from '../../../hub/auth/permissions.ts';
import type { Me } from '../api.ts';
import { agentMe, mockHub, renderUi } from '../test-utils.tsx';
import type { FollowUp } from './follow-up-labels.ts';
import { FollowUpsPage } from './follow-ups-page.tsx';

Element.prototype.scrollIntoView ??= () => {};

const taskId = '00000000-0000-4000-8000-00000000f001';
const agent2 = '00000000-0000-4000-8000-0000000000a2';
const task = (over: Partial<FollowUp> = {}): FollowUp => ({
  id: taskId,
  kind: 'call_after_procedure',
  source: 'visit_rule',
  status: 'open',
  dueDate: '2026-12-01',
  note: 'Hỏi vết thủ thuật, dặn tái khám',
  outcome: null,
  contact: { id: '00000000-0000-4000-8000-0000000000c1', fullName: 'Nguyễn Thị Hoa', phone: '84901234567' },
  patient: { id: '00000000-0000-4000-8000-0000000000d1', fullName: 'Nguyễn Thị Hoa' },
  appointment: {
    id: '00000000-0000-4000-8000-0000000000e1',
    bookingCode: 'MC7K2P',
    startsAt: '2026-11-28T02:00:00.000Z',
    packageName: 'Điều trị mụn chuyên sâu',
  },
  noteId: null,
  assignee: null,
  closedAt: null,
  createdAt: '2026-11-28T03:00:00.000Z',
  ...over,
});

const supervisorMe: Me = {
  ...agentMe,
  id: '00000000-0000-4000-8000-0000000000b9',
  role: 'supervisor',
  permissions: [...rolePermissions.supervisor],
};

describe('after-visit care page', () => {
  it('an agent takes an overdue task, then closes it with what came of the call', async () => {
    const seen = mockHub((req) => {
      if (req.method === 'GET' && req.url.startsWith('/api/follow-ups?')) {
        return { status: 200, body: { today: '2026-12-03', items: [task()], nextCursor: null } };
      }
      if (req.url === `/api/follow-ups/${taskId}/assign`) {
        return {
          status: 200,
          body: task({ assignee: { id: agentMe.id, fullName: agentMe.fullName } }),
        };
      }
      if (req.url === `/api/follow-ups/${taskId}/complete`) {
        return { status: 200, body: task({ status: 'done', outcome: 'Đã gọi, ổn' }) };
      }
      return undefined;
    });
    renderUi(<FollowUpsPage me={agentMe} />);
    const row = (await screen.findByText('Nguyễn Thị Hoa')).closest('tr')!;
    expect(within(row).getByText('Quá hạn')).toBeTruthy();
    expect(within(row).getByText('Gọi hỏi thăm sau thủ thuật')).toBeTruthy();
    expect(within(row).getByText('MC7K2P')).toBeTruthy();
    expect(seen[0]!.url).toContain('status=open');
    expect(seen[0]!.url).toContain('when=due');

    fireEvent.click(within(row).getByRole('button', { name: 'Nhận việc' }));
    await waitFor(() => expect(within(row).getByText(agentMe.fullName)).toBeTruthy());
    expect(seen.find((r) => r.method === 'POST')).toMatchObject({ body: { staffId: agentMe.id } });

    fireEvent.click(within(row).getByRole('button', { name: 'Đã xong' }));
    fireEvent.change(await screen.findByLabelText('Kết quả'), { target: { value: 'Đã gọi, ổn' } });
    fireEvent.click(screen.getByRole('button', { name: 'Xác nhận đã xong' }));
    expect(await screen.findByText('Đã hoàn tất việc chăm sóc Nguyễn Thị Hoa.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(seen.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
      { staffId: agentMe.id },
      { outcome: 'Đã gọi, ổn' },
    ]);
  });

  it('a supervisor gives a task to an agent from the list and adds a rule for a department', async () => {
    const deptId = '00000000-0000-4000-8000-0000000000d9';
    const rule = {
      id: '00000000-0000-4000-8000-0000000000f9',
      packageId: null,
      departmentId: deptId,
      scopeName: 'Da liễu',
      kind: 'call_after_procedure' as const,
      daysAfter: 3,
      instructions: null,
      active: true,
    };
    const rules: (typeof rule)[] = [];
    const seen = mockHub((req) => {
      if (req.url.startsWith('/api/follow-ups?')) {
        return { status: 200, body: { today: '2026-12-01', items: [task()], nextCursor: null } };
      }
      if (req.url === '/api/inbox/agents') {
        return { status: 200, body: { items: [{ staffId: agent2, fullName: 'Lê Thị Bình' }] } };
      }
      if (req.url === `/api/follow-ups/${taskId}/assign`) {
        return { status: 200, body: task({ assignee: { id: agent2, fullName: 'Lê Thị Bình' } }) };
      }
      if (req.url === '/api/follow-ups/rules' && req.method === 'POST') {
        rules.push(rule);
        return { status: 201, body: rules.at(-1) };
      }
      if (req.url === '/api/follow-ups/rules') return { status: 200, body: { items: rules } };
      if (req.url.startsWith('/api/catalog/packages')) return { status: 200, body: { items: [] } };
      if (req.url.startsWith('/api/catalog/departments')) {
        return { status: 200, body: { items: [{ id: deptId, name: 'Da liễu' }] } };
      }
      return undefined;
    });
    renderUi(<FollowUpsPage me={supervisorMe} />);
    const row = (await screen.findByText('Nguyễn Thị Hoa')).closest('tr')!;
    expect(within(row).getByText('Hôm nay')).toBeTruthy();
    expect(within(row).queryByRole('button', { name: 'Nhận việc' })).toBeNull();
    await waitFor(() => expect(seen.some((r) => r.url === '/api/inbox/agents')).toBe(true));
    fireEvent.click(within(row).getByRole('textbox', { name: 'Người phụ trách: Nguyễn Thị Hoa' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Lê Thị Bình' }));
    await waitFor(() =>
      expect(seen.find((r) => r.method === 'POST')).toMatchObject({
        url: `/api/follow-ups/${taskId}/assign`,
        body: { staffId: agent2 },
      }),
    );

    const panel = screen.getByRole('region', { name: 'Quy tắc tạo việc sau khám' });
    expect(within(panel).getByText('Chưa có quy tắc nào.')).toBeTruthy();
    fireEvent.click(within(panel).getByRole('textbox', { name: 'Gói khám hoặc chuyên khoa' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Da liễu' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Thêm quy tắc' }));
    expect(await within(panel).findByText('sau 3 ngày')).toBeTruthy();
    expect(seen.find((r) => r.method === 'POST' && r.url === '/api/follow-ups/rules')?.body).toEqual({
      departmentId: deptId,
      kind: 'call_after_procedure',
      daysAfter: 3,
    });
  });
});
