import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { rolePermissions } from '../../../hub/auth/permissions.ts';
import { AppNavbar } from '../components/app-navbar.tsx';
import { renderUi } from '../test-utils.tsx';

const links = () =>
  within(screen.getByRole('navigation', { name: 'Điều hướng chính' }))
    .getAllByRole('link')
    .map((a) => a.textContent);

describe('campaign entries of the menu', () => {
  it.each([
    ['marketer', ['Chiến dịch', 'Phân khúc']],
    ['admin', ['Chiến dịch', 'Phân khúc']],
    // supervisors read campaign results (reports.read) but do not build segments or send
    ['supervisor', ['Chiến dịch']],
    ['agent', []],
    ['clinician', []],
  ] as const)('a %s sees %j', (role, expected) => {
    renderUi(<AppNavbar permissions={rolePermissions[role]} path="/" />);
    const shown = links().filter((l) => l === 'Chiến dịch' || l === 'Phân khúc');
    expect(shown).toEqual(expected);
  });

  it('lights only the most specific entry: Phân khúc on /campaigns/segments, Chiến dịch on a campaign', () => {
    const { unmount } = renderUi(<AppNavbar permissions={rolePermissions.marketer} path="/campaigns/segments" />);
    expect(screen.getByRole('link', { name: 'Phân khúc' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Chiến dịch' }).getAttribute('aria-current')).toBeNull();
    unmount();
    renderUi(
      <AppNavbar permissions={rolePermissions.marketer} path="/campaigns/00000000-0000-4000-8000-0000000000c1" />,
    );
    expect(screen.getByRole('link', { name: 'Chiến dịch' }).getAttribute('aria-current')).toBe('page');
  });
});
