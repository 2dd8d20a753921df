import { Divider, NavLink, Stack, Text } from '@mantine/core';
import type { MouseEvent } from 'react';
import { navigate } from '../router.ts';
import { visibleEntries } from './nav-entries.ts';

interface Props {
  permissions: readonly string[];
  path: string;
  /** after a page was chosen (closes the mobile menu) */
  onNavigate?: () => void;
}

/** Only the entries this person's permissions allow; the hub enforces the same rules on every call. */
export function AppNavbar({ permissions, path, onNavigate }: Props) {
  const entries = visibleEntries(permissions);
  const pages = entries.filter((e) => !e.external);
  const tools = entries.filter((e) => e.external);

  // /inbox/<id> still belongs to the Hộp thư entry; a page with its own entry (/campaigns/segments) lights only that one
  const within = (to: string) => path === to || (to !== '/' && path.startsWith(`${to}/`));
  const current = (to: string) => within(to) && !pages.some((e) => e.path.length > to.length && within(e.path));

  const open = (event: MouseEvent<HTMLAnchorElement>, to: string) => {
    // Let the browser handle ctrl/cmd/middle clicks (new tab).
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
    onNavigate?.();
  };

  return (
    <Stack component="nav" aria-label="Điều hướng chính" gap={4}>
      {pages.map((e) => (
        <NavLink
          key={e.path}
          component="a"
          href={e.path}
          label={e.label}
          active={current(e.path)}
          aria-current={current(e.path) ? 'page' : undefined}
          onClick={(ev: MouseEvent<HTMLAnchorElement>) => open(ev, e.path)}
          variant="light"
          fw={500}
        />
      ))}
      {tools.length > 0 && (
        <>
          <Divider my="sm" />
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" px="sm">
            Công cụ
          </Text>
          {tools.map((e) => (
            <NavLink
              key={e.path}
              component="a"
              href={e.path}
              target="_blank"
              rel="noopener"
              label={e.label}
              description="Mở trong thẻ mới"
              rightSection={<span aria-hidden>↗</span>}
            />
          ))}
        </>
      )}
    </Stack>
  );
}
