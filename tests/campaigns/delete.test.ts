import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, campaigns, segments } from '../../db/schema/index.ts';
import { type Agent, createTestApp, type TestApp } from '../support/hub.ts';

let t: TestApp;
let marketer: Agent;
let agent: Agent;

beforeAll(async () => {
  t = await createTestApp();
  marketer = t.agent();
  await marketer.signIn('marketer@demo.medicrm.vn');
  agent = t.agent();
  await agent.signIn('agent1@demo.medicrm.vn');
});
afterAll(async () => {
  await t?.close();
});

const newSegment = async (name: string) => {
  const res = await marketer.request('POST', '/api/campaigns/segments', { name, filter: { sex: 'female' } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
};
const newDraft = async (segmentId: string) => {
  const res = await marketer.request('POST', '/api/campaigns', {
    name: 'Ưu đãi tháng 12',
    segmentId,
    templateKey: 'campaign',
    params: { headline: 'Giảm 20%', link: 'https://phongkham.example.vn/u' },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
};
const audited = async (action: string, subjectId: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)));

describe('deleting segments and draft campaigns', () => {
  it('deletes an unused segment (audited); a second delete is 404', async () => {
    const id = await newSegment('Khách nữ');
    const res = await marketer.request('DELETE', `/api/campaigns/segments/${id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id, deleted: true });
    expect(await t.db.select().from(segments).where(eq(segments.id, id))).toHaveLength(0);
    expect(await audited('segment.delete', id)).toHaveLength(1);
    expect((await marketer.request('DELETE', `/api/campaigns/segments/${id}`)).status).toBe(404);
  });

  it('keeps a segment a campaign was made from (409, nothing deleted); a draft is deleted, then the segment can go', async () => {
    const segmentId = await newSegment('Khách nữ tái khám');
    const draft = await newDraft(segmentId);
    const refused = await marketer.request('DELETE', `/api/campaigns/segments/${segmentId}`);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('segment_in_use');
    expect(await t.db.select().from(segments).where(eq(segments.id, segmentId))).toHaveLength(1);

    expect((await marketer.request('DELETE', `/api/campaigns/${draft}`)).status).toBe(200);
    expect(await t.db.select().from(campaigns).where(eq(campaigns.id, draft))).toHaveLength(0);
    expect(await audited('campaign.delete', draft)).toHaveLength(1);
    expect((await marketer.request('DELETE', `/api/campaigns/segments/${segmentId}`)).status).toBe(200);
  });

  it('refuses to delete a campaign that left the draft state, and an agent may delete nothing', async () => {
    const segmentId = await newSegment('Khách nữ 2');
    const id = await newDraft(segmentId);
    await t.db.update(campaigns).set({ status: 'completed' }).where(eq(campaigns.id, id));
    const res = await marketer.request('DELETE', `/api/campaigns/${id}`);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('campaign_state');
    expect(await t.db.select().from(campaigns).where(eq(campaigns.id, id))).toHaveLength(1);
    expect((await agent.request('DELETE', `/api/campaigns/segments/${segmentId}`)).status).toBe(403);
  });
});
