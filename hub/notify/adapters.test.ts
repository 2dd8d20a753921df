import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createNotifyAdapters } from './adapters.ts';

const sandbox = { SANDBOX: 'true', SANDBOX_URL: 'http://127.0.0.1:3999', PUBLIC_URL: 'http://127.0.0.1:3000' };

describe('createNotifyAdapters', () => {
  it('builds every channel against the sandbox twins when SANDBOX is on', () => {
    const config = loadConfig(sandbox);
    const a = createNotifyAdapters(config, config.ZALO_OA_ACCESS_TOKEN);
    expect(a.zns).toMatchObject({ channel: 'zns', provider: 'zns', account: '2000000000000000001' });
    expect(a.sms).toMatchObject({ channel: 'sms', provider: 'esms', account: 'MEDICRM' });
    expect(a.email).toMatchObject({ channel: 'email', provider: 'smtp', account: 'cskh@demo.medicrm.vn' });
    expect(a.zalo_oa).toMatchObject({ channel: 'zalo_oa', account: '2000000000000000001' });
    expect(a.miniapp).toMatchObject({ channel: 'miniapp', account: '3170000000000000001' });
    expect(config.ZNS_API_URL).toBe('http://127.0.0.1:3999/zns');
    expect(config.ZALO_OAUTH_URL).toBe('http://127.0.0.1:3999/zalo-oauth');
    expect(config.ZALO_OA_REFRESH_TOKEN).toBeTruthy();
  });

  it('chooses the SMS gateway by SMS_PROVIDER', () => {
    const config = loadConfig({ ...sandbox, SMS_PROVIDER: 'speedsms' });
    expect(createNotifyAdapters(config, undefined).sms).toMatchObject({ provider: 'speedsms', account: 'MEDICRM' });
    expect(() => loadConfig({ SMS_PROVIDER: 'viettel' })).toThrow(/SMS_PROVIDER/);
  });

  it('leaves a channel out until its credentials are configured, and takes them only from the environment', () => {
    const none = createNotifyAdapters(loadConfig({}), undefined);
    expect(Object.values(none).every((a) => a === undefined)).toBe(true);
    const config = loadConfig({
      ESMS_API_KEY: 'real-esms-key',
      ESMS_SECRET_KEY: 'real-esms-secret',
      ESMS_BRANDNAME: 'PK_ABC',
      EMAIL_SMTP_URL: 'smtp://mail.clinic.vn:587',
      EMAIL_INBOX_ADDRESS: 'cskh@clinic.vn',
      NOTIFY_EMAIL_FROM: 'no-reply@clinic.vn',
    });
    const a = createNotifyAdapters(config, undefined);
    expect(a.sms).toMatchObject({ provider: 'esms', account: 'PK_ABC' });
    expect(a.email).toMatchObject({ account: 'no-reply@clinic.vn' });
    expect(a.zns).toBeUndefined();
    expect(a.miniapp).toBeUndefined();
    expect(config.ESMS_API_URL).toBe('https://rest.esms.vn/MainService.svc/json');
    expect(config.ZALO_OA_REFRESH_TOKEN).toBeUndefined();
  });
});
