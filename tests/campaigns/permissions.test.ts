import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../support/hub.ts';

let t: TestApp;
let marketer: Agent;
let supervisor: Agent;
let agent: Agent;
let campaignId: string;

beforeAll(async () => {
  t = await createTestApp();
  [marketer, supervisor, agent] = [t.agent(), t.agent(), t.agent()];
  await marketer.signIn('marketer@demo.medicrm.vn');
  await supervisor.signIn('supervisor@demo.medicrm.vn');
  await agent.signIn('agent1@demo.medicrm.vn');
  const seg = await marketer.request('POST', '/api/campaigns/segments', {
    name: 'Khách nữ',
    filter: { sex: 'female' },
  });
  const c = await marketer.request('POST', '/api/campaigns', {
    name: 'Ưu đãi',
    segmentId: ((await seg.json()) as { id: string }).id,
    templateKey: 'campaign',
    params: { headline: 'Giảm 20%', link: 'https://phongkham.example.vn/u' },
  });
  campaignId = ((await c.json()) as { id: string }).id;
});
afterAll(async () => {
  await t?.close();
});

describe('who may see and run campaigns', () => {
  it('a supervisor (reports.read) reads campaigns and their results, and manages nothing', async () => {
    for (const path of ['/api/campaigns', `/api/campaigns/${campaignId}`, `/api/campaigns/${campaignId}/report`]) {
      expect((await supervisor.request('GET', path)).status, path).toBe(200);
    }
    for (const path of ['/api/campaigns/segments', '/api/campaigns/templates', `/api/campaigns/${campaignId}/plan`]) {
      expect((await supervisor.request('GET', path)).status, path).toBe(403);
    }
    expect((await supervisor.request('POST', `/api/campaigns/${campaignId}/launch`, {})).status).toBe(403);
    expect((await supervisor.request('DELETE', `/api/campaigns/${campaignId}`)).status).toBe(403);
  });

  it('an agent sees no campaign; a marketer plans one', async () => {
    expect((await agent.request('GET', '/api/campaigns')).status).toBe(403);
    expect((await agent.request('GET', `/api/campaigns/${campaignId}/report`)).status).toBe(403);
    expect((await marketer.request('GET', `/api/campaigns/${campaignId}/plan`)).status).toBe(200);
  });
});
