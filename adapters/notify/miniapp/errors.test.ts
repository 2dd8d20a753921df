import { describe, expect, it } from 'vitest';
import { PermanentError, RateLimitError } from '../../channels/errors.ts';
import { classifyMiniAppError, classifyMiniAppHttp, miniAppCodes } from './errors.ts';

// 2026-09-12 15:30 UTC = 22:30 in Vietnam
const now = Date.UTC(2026, 8, 12, 15, 30);
const h = 3_600_000;

describe('classifyMiniAppError (PROVIDERS.md §3.3)', () => {
  it('no opt-in, not opened for 7 days, bad template: permanent', () => {
    for (const code of [miniAppCodes.notOptedIn, miniAppCodes.inactiveUser, miniAppCodes.invalidTemplate]) {
      expect(classifyMiniAppError(code, '', now)).toBeInstanceOf(PermanentError);
    }
  });

  it('the app’s daily limit is the channel quota until midnight; the user’s own waits under its code', () => {
    expect(classifyMiniAppError(miniAppCodes.appDailyLimit, '', now)).toMatchObject({
      providerCode: 'quota',
      retryAfterMs: 1.5 * h,
    });
    const user = classifyMiniAppError(miniAppCodes.userDailyLimit, '', now);
    expect(user).toBeInstanceOf(RateLimitError);
    expect(user).toMatchObject({ providerCode: String(miniAppCodes.userDailyLimit), retryAfterMs: 1.5 * h });
  });

  it('outside 06:00–22:00 waits for 06:00', () => {
    expect(classifyMiniAppError(miniAppCodes.outsideHours, '', now)).toMatchObject({ retryAfterMs: 7.5 * h });
  });

  it('a refused API key or server IP is a configuration error', () => {
    expect(classifyMiniAppHttp(401)).toBeInstanceOf(PermanentError);
    expect(classifyMiniAppHttp(429, 2)).toMatchObject({ retryAfterMs: 2_000 });
  });
});
