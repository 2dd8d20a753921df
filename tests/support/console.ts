import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { demoPassword } from './hub.ts';

const consoleIndex = fileURLToPath(new URL('../../console/dist/index.html', import.meta.url));

/** Browser tests serve the built console: fail at once, saying how to build it, rather than time out on a blank page. */
export function requireConsoleBuild(): void {
  if (!existsSync(consoleIndex)) {
    throw new Error(`The console is not built (${consoleIndex} is missing). Run \`npm run build:console\` first.`);
  }
}

/** Opens `url`, which shows the sign-in screen, and signs in as a seeded staff user; the caller waits for its page. */
export async function signIn(page: Page, url: string, email: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { name: 'Đăng nhập MediCRM' }).waitFor();
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(demoPassword);
  await page.getByLabel('Mật khẩu', { exact: true }).press('Enter');
}
