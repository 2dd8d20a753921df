import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/hub.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { NOTIFY_PRICES_VND: 'zns=300,sms=850,email=0,zalo_oa=0,miniapp=0' } });
});
afterAll(async () => {
  await t?.close();
});

interface Preview {
  key: string;
  plan: string[];
  previews: { channel: string; costVnd: number; sms?: { text: string; segments: number; encoding: string } }[];
}

describe('template preview API', () => {
  it('gives marketers every template with each channel, SMS segments and the cost at the configured prices', async () => {
    const marketer = t.agent();
    await marketer.signIn('marketer@demo.medicrm.vn');
    const res = await marketer.request('GET', '/api/notify/templates');
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Preview[] };
    expect(items.map((i) => i.key)).toContain('campaign');
    const reminder = items.find((i) => i.key === 'appointment-reminder')!;
    expect(reminder.previews.map((p) => p.channel)).toEqual(['zns', 'sms', 'email', 'zalo_oa', 'miniapp']);
    const sms = reminder.previews.find((p) => p.channel === 'sms')!;
    expect(sms.sms).toMatchObject({ encoding: 'gsm7', segments: 1 });
    expect(sms.costVnd).toBe(850);
    expect(reminder.previews.find((p) => p.channel === 'zns')!.costVnd).toBe(300);
  });

  it('previews other values: a long message takes more segments and costs more; bad values are refused by name', async () => {
    const admin = t.agent();
    await admin.signIn('admin@demo.medicrm.vn');
    const long =
      'Ưu đãi khám sức khoẻ tổng quát cho cả gia đình, giảm 20% đến hết tháng, đặt lịch ngay hôm nay để giữ chỗ.';
    const res = await admin.request('POST', '/api/notify/templates/campaign/preview', {
      variables: {
        customerName: 'Nguyễn Thị Hoa',
        headline: 'Ưu đãi tháng 12',
        message: long,
        link: 'https://pk.vn/uu-dai',
      },
      smsUnicode: true,
    });
    expect(res.status).toBe(200);
    const sms = ((await res.json()) as Preview).previews.find((p) => p.channel === 'sms')!;
    expect(sms.sms!.encoding).toBe('ucs2');
    expect(sms.sms!.text).toContain('Ưu đãi khám sức khoẻ');
    expect(sms.sms!.segments).toBeGreaterThan(1);
    expect(sms.costVnd).toBe(850 * sms.sms!.segments);

    const bad = await admin.request('POST', '/api/notify/templates/campaign/preview', {
      variables: { customerName: 'Hoa', headline: 'x', message: 'y', link: 'không phải đường dẫn' },
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { details: { issues: { path: string }[] } } };
    expect(body.error.details.issues.map((i) => i.path)).toEqual(['variables.link']);
  });

  it('is for marketing, supervisors and admins only', async () => {
    const agent = t.agent();
    await agent.signIn('agent1@demo.medicrm.vn');
    expect((await agent.request('GET', '/api/notify/templates')).status).toBe(403);
    expect((await agent.request('GET', '/api/notify/notifications')).status).toBe(403);
    expect((await t.agent().request('GET', '/api/notify/templates')).status).toBe(401);
  });
});
