import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium; playwright-core drives it and downloads no browser of its own. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// FRONTEND.md §7: flags that keep a headless run quiet, offline-friendly and fast to start.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchedBrowser {
  page: Page;
  context: BrowserContext;
  /** Uncaught page errors and console errors seen so far, for tests that want a clean run. */
  errors: string[];
  /** Closes Chromium and deletes its throwaway profile. Safe to call twice. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  locale?: string;
  /** The browser's own time zone; defaults to UTC so pages must convert to clinic time themselves. */
  timezoneId?: string;
}

/** Headless Chromium with a fresh persistent profile under the OS temp dir. */
export async function launchBrowser(opts: LaunchOptions = {}): Promise<LaunchedBrowser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is not installed at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'medicrm-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      viewport: opts.viewport ?? { width: 1280, height: 800 },
      locale: opts.locale ?? 'vi-VN',
      timezoneId: opts.timezoneId ?? 'UTC',
    });
  } catch (err) {
    await rm(profile, { recursive: true, force: true });
    throw err;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  let closing: Promise<void> | undefined;
  return {
    page,
    context,
    errors,
    close() {
      closing ??= (async () => {
        await context.close().catch(() => {});
        await rm(profile, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
