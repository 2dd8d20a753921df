import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configNames } from '../../hub/config.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents every setting hub/config.ts accepts', () => {
    const documented = new Set([...readme.matchAll(/^\| `([A-Z0-9_]+)`/gm)].map((m) => m[1]));
    expect(configNames.filter((n) => !documented.has(n))).toEqual([]);
  });

  it('shows the two commands at the top', () => {
    expect(readme.split('\n').slice(0, 6).join('\n')).toMatch(/npm ci && npm start[\s\S]*npm ci && npm test/);
  });
});
