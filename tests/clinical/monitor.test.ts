import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, patients, results } from '../../db/schema/index.ts';
import type { Agent } from '../support/hub.ts';
import { type ClinicalHarness, fixtureDir, MllpProbe, startClinicalHarness } from './support.ts';

let h: ClinicalHarness;
let admin: Agent;
const oru = readFileSync(`${fixtureDir}oru_lab.hl7`, 'utf8');

interface Page {
  items: { id: string; messageType: string; status: string; parked: boolean; peer: string; patientId: string | null }[];
  nextCursor: string | null;
}

beforeAll(async () => {
  h = await startClinicalHarness({ HIS_MLLP_HOST: '' });
  admin = h.t.agent();
  await admin.signIn('admin@demo.medicrm.vn');
});
afterAll(async () => {
  await h?.close();
});

const get = async <T>(path: string) => {
  const res = await admin.request('GET', `/api/integration${path}`);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};

describe('integration monitor', () => {
  it('parks a result for an unknown patient and processes it on replay once the MRN is linked', async () => {
    const probe = await MllpProbe.open(h.hl7Port);
    const { ack } = await probe.exchange(oru);
    probe.close();
    // enhanced mode (MSH-15 AL): stored and committed first, found wanting when applied
    expect(ack.first('MSA')!.field(1).getValue()).toBe('CA');
    const parked = await h.waitFor(async () => {
      const page = await get<Page>('/messages?parked=true&type=ORU');
      return page.items.length > 0 && page;
    }, 'the result to be parked');
    expect(parked.items).toHaveLength(1);
    const id = parked.items[0]!.id;
    const detail = await get<{ payload: string; ackPayload: string; lastError: string }>(`/messages/${id}`);
    expect(detail.payload).toBe(oru);
    expect(detail.ackPayload).toContain('MSA|CA|LIS2501200000456');
    expect(detail.lastError).toContain('BN000123');

    const [c] = await h.t.db.insert(contacts).values({ fullName: 'Nguyễn Văn An' }).returning();
    const [p] = await h.t.db
      .insert(patients)
      .values({ contactId: c!.id, fullName: 'Nguyễn Văn An', hisMrn: 'BN000123' })
      .returning();
    const replay = await admin.request('POST', `/api/integration/messages/${id}/replay`);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ status: 'processed' });
    expect(await h.t.db.select().from(results).where(eq(results.patientId, p!.id))).toHaveLength(1);
    const after = await get<Page>(`/messages?patientId=${p!.id}`);
    expect(after.items.map((i) => [i.messageType, i.status, i.parked])).toEqual([['ORU^R01', 'processed', false]]);
  });

  it('filters by type, status and peer, counts by status, and pages', async () => {
    const probe = await MllpProbe.open(h.hl7Port);
    for (let i = 0; i < 5; i++) {
      await probe.exchange(readFileSync(`${fixtureDir}oml.hl7`, 'utf8').replace('HUB2501200000041', `PAGE-${i}`));
    }
    await probe.exchange('MSH|^~\\&|RIS|BV_DEMO|BOOKINGHUB|PK_DEMO|20250120101500+0700||QRY^A19|RIS-Q-1|P|2.5.1\r');
    probe.close();
    await h.applied();
    const counts = await get<{ byStatus: Record<string, number>; parked: number; peers: string[] }>('/counts');
    expect(counts.byStatus).toMatchObject({ processed: 6, failed: 1 });
    expect(counts.parked).toBe(1);
    expect(counts.peers).toEqual(['BOOKINGHUB|PK_DEMO', 'LIS|BV_DEMO', 'RIS|BV_DEMO']);
    const ris = await get<Page>('/messages?peer=RIS%7CBV_DEMO');
    expect(ris.items.map((i) => [i.messageType, i.status])).toEqual([['QRY^A19', 'failed']]);
    const first = await get<Page>('/messages?type=OML^O21&limit=3');
    expect(first.items).toHaveLength(3);
    const second = await get<Page>(`/messages?type=OML^O21&limit=3&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(5);
    const bad = await admin.request('GET', '/api/integration/messages?type=not-a-type');
    expect(bad.status).toBe(400);
  });

  it('is closed to staff without the integration permission', async () => {
    const agent = h.t.agent();
    await agent.signIn('agent1@demo.medicrm.vn');
    expect((await agent.request('GET', '/api/integration/messages')).status).toBe(403);
  });
});
