import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { rolePermissions } from '../../../hub/auth/permissions.ts';
import { renderUi } from '../test-utils.tsx';
import { AppNavbar } from './app-navbar.tsx';

const entries = () =>
  within(screen.getByRole('navigation', { name: 'Điều hướng chính' }))
    .getAllByRole('link')
    .map((a) => a.textContent);

describe('navbar', () => {
  it('shows admins the staff, audit and queue entries', () => {
    renderUi(<AppNavbar permissions={rolePermissions.admin} path="/staff" />);
    const links = entries().join(' | ');
    for (const label of ['Tổng quan', 'Nhân viên', 'Nhật ký truy cập', 'Hàng đợi', 'Tài liệu API']) {
      expect(links).toContain(label);
    }
    expect(screen.getByRole('link', { name: 'Nhân viên' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: /Hàng đợi/ }).getAttribute('href')).toBe('/admin/queues');
  });

  it.each(['supervisor', 'agent', 'marketer', 'clinician'] as const)('hides admin-only entries from a %s', (role) => {
    renderUi(<AppNavbar permissions={rolePermissions[role]} path="/" />);
    const links = entries().join(' | ');
    expect(links).toContain('Tổng quan');
    expect(links).toContain('Tài liệu API');
    for (const label of ['Nhân viên', 'Nhật ký truy cập', 'Hàng đợi']) expect(links).not.toContain(label);
  });
});
