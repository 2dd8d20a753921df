import type { AppDeps } from '../platform/context.ts';
import { notifyAdapters } from './adapters.ts';
import { createNotifyEngine, type NotifyEngine } from './engine.ts';

const engines = new WeakMap<AppDeps, NotifyEngine>();

/** The process's notification engine for these deps, built on first use with the configured provider adapters. */
export function notifyEngine(deps: AppDeps): NotifyEngine {
  let engine = engines.get(deps);
  if (!engine) {
    engine = createNotifyEngine(deps, notifyAdapters(deps));
    engines.set(deps, engine);
  }
  return engine;
}

/** Uses a given engine for these deps (a test that moves the clock, a benchmark that counts calls in process). */
export function installNotifyEngine(deps: AppDeps, engine: NotifyEngine): NotifyEngine {
  engines.set(deps, engine);
  return engine;
}
