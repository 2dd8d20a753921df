import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrthancClient } from '../../adapters/clinical/pacs/index.ts';
import { pacsCursors } from '../../db/schema/index.ts';
import type { PacsSource } from '../../hub/results/pacs/pacs-source.ts';
import { pollPacs } from '../../hub/results/pacs/poll-pacs.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';

/**
 * How the poller's cursor behaves when reading a study fails, against a PACS that answers from a script: a PACS
 * that is down never loses a study; one study that always fails is passed over after five tries.
 */
let t: TestApp;

function scriptedPacs(peer: string, studyStatus: number): PacsSource {
  const changes = {
    Changes: [
      { ChangeType: 'StableStudy', ID: 'broken', ResourceType: 'Study', Seq: 1, Date: '', Path: '' },
      { ChangeType: 'StableStudy', ID: 'deleted', ResourceType: 'Study', Seq: 2, Date: '', Path: '' },
    ],
    Done: true,
    Last: 2,
  };
  const fake = async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    if (url.pathname === '/changes') {
      return Response.json(url.searchParams.get('since') === '2' ? { Changes: [], Done: true, Last: 2 } : changes);
    }
    if (url.pathname === '/studies/broken') return new Response('refused', { status: studyStatus });
    return new Response('gone', { status: 404 });
  };
  return { peer, client: createOrthancClient({ url: peer, fetch: fake as typeof fetch }) };
}

const cursorOf = async (peer: string) =>
  (await t.db.select().from(pacsCursors).where(eq(pacsCursors.pacsPeer, peer)))[0]?.lastSeq;

describe('PACS poller failures', () => {
  beforeAll(async () => {
    t = await createTestApp({ seed: false, env: { PACS_REPLAY_HISTORY: 'true' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps the cursor before a study while the PACS answers 5xx, however often', async () => {
    const source = scriptedPacs('http://pacs-down.test', 503);
    for (let i = 0; i < 6; i++) await expect(pollPacs(t.deps, source)).rejects.toMatchObject({ status: 503 });
    expect(await cursorOf(source.peer)).toBe(0);
  });

  it('passes over a study that fails the same way five times, and the cursor moves on', async () => {
    const source = scriptedPacs('http://pacs-bad-study.test', 400);
    for (let i = 0; i < 4; i++) await expect(pollPacs(t.deps, source)).rejects.toMatchObject({ status: 400 });
    expect(await cursorOf(source.peer)).toBe(0);
    const fifth = await pollPacs(t.deps, source);
    expect(fifth).toMatchObject({ skipped: false, studies: 0, lastSeq: 2 });
    expect(await cursorOf(source.peer)).toBe(2);
  });
});
