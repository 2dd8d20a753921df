import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives working defaults for a local demo', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.ROLE).toBe('all');
    expect(c.CLINIC_TIMEZONE).toBe('Asia/Ho_Chi_Minh');
    expect(c.COOKIE_SECURE).toBe(false);
  });

  it('turns secure cookies on when the public URL is https', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://crm.benhvien.vn' }).COOKIE_SECURE).toBe(true);
  });

  it.each([
    ['DATABASE_URL', 'mysql://x'],
    ['PORT', 'eighty'],
    ['ROLE', 'scheduler'],
    ['REDIS_URL', 'localhost:6379'],
    ['SEED_DEMO', 'maybe'],
    ['CLINIC_TIMEZONE', 'Mars/Olympus'],
  ])('rejects a wrong %s with one line naming it', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message.split('\n')).toHaveLength(1);
  });
});
