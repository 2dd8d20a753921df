import { describe, expect, it } from 'vitest';
import { PermanentError, RateLimitError, TransientError } from '../../channels/errors.ts';
import { classifyZnsError, classifyZnsHttp } from './errors.ts';

// 2026-09-12 15:00 UTC = 22:00 in Vietnam
const now = Date.UTC(2026, 8, 12, 15, 0);
const h = 3_600_000;

describe('classifyZnsError (PROVIDERS.md §2.5)', () => {
  it('sends the next channel on permanent refusals', () => {
    for (const code of [-108, -109, -1121, -1122, -118, -114, -131, -137, -141]) {
      expect(classifyZnsError(code, '', now)).toBeInstanceOf(PermanentError);
    }
    expect(classifyZnsError(-118, '', now).reason).toMatch(/tài khoản Zalo/);
  });

  it('waits until midnight in Vietnam for the used-up daily quota, under the code "quota"', () => {
    const e = classifyZnsError(-144, 'OA has exceeded', now);
    expect(e).toBeInstanceOf(RateLimitError);
    expect(e).toMatchObject({ providerCode: 'quota', retryAfterMs: 2 * h });
  });

  it('waits for per-template and per-user daily limits, the night rule and the app rate limit', () => {
    expect(classifyZnsError(-147, '', now)).toMatchObject({ providerCode: '-147', retryAfterMs: 2 * h });
    expect(classifyZnsError(-133, '', now)).toMatchObject({ providerCode: '-133', retryAfterMs: 8 * h });
    expect(classifyZnsError(-32, '', now)).toBeInstanceOf(RateLimitError);
  });

  it('retries -100 and server errors; -124 on its own is permanent (the adapter renews before it gets here)', () => {
    expect(classifyZnsError(-100, '', now)).toBeInstanceOf(TransientError);
    expect(classifyZnsHttp(502)).toBeInstanceOf(TransientError);
    expect(classifyZnsHttp(429, 5)).toMatchObject({ retryAfterMs: 5_000 });
    expect(classifyZnsError(-124, '', now)).toBeInstanceOf(PermanentError);
  });
});
