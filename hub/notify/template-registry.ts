import { readFileSync } from 'node:fs';
import { loadTemplates, TemplateError, type TemplateRegistry } from '../../templates/index.ts';
import type { Config } from '../config.ts';
import { notifySettings } from './settings.ts';

const cache = new WeakMap<Config, TemplateRegistry>();

/** The templates this hub sends with: built-in ones plus NOTIFY_TEMPLATES_FILE, validated once per configuration. */
export function notifyTemplates(config: Config): TemplateRegistry {
  const hit = cache.get(config);
  if (hit) return hit;
  let overrides: unknown = {};
  if (config.NOTIFY_TEMPLATES_FILE) {
    let raw: string;
    try {
      raw = readFileSync(config.NOTIFY_TEMPLATES_FILE, 'utf8');
    } catch (err) {
      throw new TemplateError(
        `NOTIFY_TEMPLATES_FILE: cannot read ${config.NOTIFY_TEMPLATES_FILE} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    try {
      overrides = JSON.parse(raw);
    } catch (err) {
      throw new TemplateError(`NOTIFY_TEMPLATES_FILE: not valid JSON (${(err as Error).message.split('\n')[0]})`);
    }
  }
  const registry = loadTemplates(overrides);
  cache.set(config, registry);
  return registry;
}

/**
 * Everything the notifications need that can be wrong in the configuration, checked when the hub starts: the
 * settings and every template. Throws with one line naming the problem.
 */
export function checkNotifySetup(config: Config): void {
  notifySettings(config);
  notifyTemplates(config);
}
