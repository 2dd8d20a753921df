import { MantineProvider } from '@mantine/core';
import { cleanup, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, vi } from 'vitest';
// Tests (never the bundle) read the hub's real role table, so they follow it when roles change.
import { rolePermissions } from '../../hub/auth/permissions.ts';
import type { Me } from './api.ts';
import { setCsrfToken } from './api.ts';
import { theme } from './theme.ts';

// Vitest globals are off, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  setCsrfToken(null);
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

/** Renders inside Mantine with transitions and portals off, as Mantine recommends for tests. */
export function renderUi(ui: ReactElement) {
  return render(
    <MantineProvider theme={theme} env="test">
      {ui}
    </MantineProvider>,
  );
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: Headers;
  body: unknown;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | Promise<Response>;

/** Replaces fetch with a router of canned hub answers; returns the requests the console made. */
export function mockHub(route: (req: SeenRequest) => Reply | undefined) {
  const seen: SeenRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const req: SeenRequest = {
      method: (init.method ?? 'GET').toUpperCase(),
      url: String(input),
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    seen.push(req);
    const reply = route(req);
    if (!reply) return json(404, { error: { code: 'not_found', message: 'Không tìm thấy đường dẫn' } });
    if (reply instanceof Promise) return reply;
    return json(reply.status, reply.body, reply.headers);
  });
  vi.stubGlobal('fetch', fetchMock);
  return seen;
}

export function json(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  if (status === 204) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export const adminMe: Me = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'admin@demo.medicrm.vn',
  fullName: 'Quản trị hệ thống',
  role: 'admin',
  permissions: [...rolePermissions.admin],
  csrfToken: 'csrf-admin',
};

export const agentMe: Me = {
  id: '00000000-0000-4000-8000-000000000002',
  email: 'agent1@demo.medicrm.vn',
  fullName: 'Trần Thị Mai',
  role: 'agent',
  permissions: [...rolePermissions.agent],
  csrfToken: 'csrf-agent',
};
