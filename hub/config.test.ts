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

describe('patient sign-in settings', () => {
  it('require PATIENT_TOKEN_SECRET in production, so every API replica accepts the same tokens', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PATIENT_TOKEN_SECRET/);
    const secret = 's'.repeat(40);
    expect(loadConfig({ NODE_ENV: 'production', PATIENT_TOKEN_SECRET: secret }).PATIENT_TOKEN_SECRET).toBe(secret);
    // outside production a fixed development secret: two processes still agree
    expect(loadConfig({}).PATIENT_TOKEN_SECRET).toBe(loadConfig({}).PATIENT_TOKEN_SECRET);
  });

  it('reach the Zalo Graph sandbox twin when SANDBOX is on, and real Zalo with real credentials', () => {
    const sandbox = loadConfig({ SANDBOX: 'true', SANDBOX_URL: 'http://127.0.0.1:3999' });
    expect(sandbox.ZALO_GRAPH_URL).toBe('http://127.0.0.1:3999/zalo-graph');
    expect(sandbox.ZALO_APP_SECRET).toBeTruthy();
    const real = loadConfig({ ZALO_APP_ID: '123', ZALO_APP_SECRET: 'abcdefghij' });
    expect(real.ZALO_GRAPH_URL).toBe('https://graph.zalo.me');
    expect(loadConfig({}).ZALO_APP_SECRET).toBeUndefined();
    expect(() => loadConfig({ ZALO_APP_ID: '123' })).toThrow(/ZALO_APP_SECRET/);
  });
});
