import { createHash, randomUUID } from 'node:crypto';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { PacsError, PacsNotFoundError } from '../../../adapters/clinical/pacs/index.ts';
import { imagingStudies, pacsCursors } from '../../../db/schema/index.ts';
import type { AppDeps } from '../../platform/context.ts';
import { linkStudy } from './link-study.ts';
import type { PacsSource } from './pacs-source.ts';
import { storeStudy } from './store-study.ts';

export interface PollOutcome {
  /** another poller held the lock, so this one did nothing */
  skipped: boolean;
  studies: number;
  linked: number;
  lastSeq: number;
}

const pageSize = 100;
/** bounded work per run: a PACS with a long backlog is drained over several runs */
const maxPages = 20;
const relinkBatch = 50;

async function saveCursor(deps: AppDeps, peer: string, seq: number): Promise<void> {
  await deps.db
    .insert(pacsCursors)
    .values({ pacsPeer: peer, lastSeq: seq })
    .onConflictDoUpdate({ target: pacsCursors.pacsPeer, set: { lastSeq: seq, updatedAt: sql`now()` } });
}

/**
 * A failure that belongs to the study itself (its data breaks a rule, Orthanc refuses that one resource), as opposed
 * to the PACS being down or refusing our credentials, where waiting is the only right thing to do.
 */
function isStudyProblem(err: unknown): boolean {
  if (!(err instanceof PacsError)) return true;
  return err.status !== null && err.status >= 400 && err.status < 500 && ![401, 403, 429].includes(err.status);
}

/** Counts a failure of one study; true from the fifth (within a day), when the poller moves past it. */
async function failedTooOften(deps: AppDeps, peer: string, pacsStudyId: string): Promise<boolean> {
  const key = `${deps.config.REDIS_PREFIX}:pacs-fail:${peerKey(peer)}:${pacsStudyId}`;
  const [[, n]] = (await deps.redis.multi().incr(key).expire(key, 86_400).exec()) as [[unknown, number]];
  return n >= 5;
}

const peerKey = (peer: string) => createHash('sha256').update(peer).digest('hex').slice(0, 16);

/** Where to read /changes from: the stored cursor, else the beginning (PACS_REPLAY_HISTORY) or "now". */
async function startSeq(deps: AppDeps, source: PacsSource): Promise<number> {
  const [cursor] = await deps.db.select().from(pacsCursors).where(eq(pacsCursors.pacsPeer, source.peer));
  if (cursor) return cursor.lastSeq;
  const start = deps.config.PACS_REPLAY_HISTORY ? 0 : await source.client.lastSeq();
  await saveCursor(deps, source.peer, start);
  return start;
}

/** Studies still waiting for their order (it may arrive after the images), oldest attempt first. */
async function relinkUnlinked(deps: AppDeps, peer: string): Promise<number> {
  const waiting = await deps.db
    .select({ id: imagingStudies.id })
    .from(imagingStudies)
    .where(
      and(
        eq(imagingStudies.pacsPeer, peer),
        eq(imagingStudies.linkState, 'unlinked'),
        gt(imagingStudies.createdAt, sql`now() - interval '30 days'`),
      ),
    )
    .orderBy(asc(imagingStudies.updatedAt))
    .limit(relinkBatch);
  let linked = 0;
  for (const s of waiting) {
    const outcome = await deps.db.transaction(async (tx) => {
      const o = await linkStudy(tx, s.id, deps.config.CLINIC_TIMEZONE);
      // touched either way, so the next run tries the others first
      await tx.update(imagingStudies).set({ updatedAt: sql`now()` }).where(eq(imagingStudies.id, s.id));
      return o;
    });
    if (outcome.linked) linked += 1;
  }
  return linked;
}

/**
 * One run of the PACS poller: reads Orthanc's /changes from the stored cursor, takes every StableStudy, and moves the
 * cursor after each page. A failure stops at the change that failed, so nothing is skipped and nothing done twice. A
 * Redis lock keeps two pollers (overlapping runs, several worker replicas) off the same PACS.
 */
export async function pollPacs(deps: AppDeps, source: PacsSource): Promise<PollOutcome> {
  const lockKey = `${deps.config.REDIS_PREFIX}:pacs-poll-lock:${peerKey(source.peer)}`;
  const token = randomUUID();
  if ((await deps.redis.set(lockKey, token, 'PX', 5 * 60_000, 'NX')) !== 'OK') {
    return { skipped: true, studies: 0, linked: 0, lastSeq: -1 };
  }
  let studies = 0;
  let linked = 0;
  try {
    let since = await startSeq(deps, source);
    for (let page = 0; page < maxPages; page++) {
      const changes = await source.client.changes(since, pageSize);
      if (changes.Changes.length === 0 && changes.Last < since && (await source.client.lastSeq()) < since) {
        // the PACS was rebuilt with an empty index: its sequence numbers started again
        deps.logger.warn({ since, last: changes.Last }, 'pacs: change log restarted, cursor reset');
        since = 0;
        await saveCursor(deps, source.peer, 0);
        continue;
      }
      const seen = new Set<string>();
      for (const change of changes.Changes) {
        if (change.ChangeType !== 'StableStudy' || seen.has(change.ID)) continue;
        seen.add(change.ID);
        try {
          const outcome = await storeStudy(deps, source, change.ID);
          studies += 1;
          if (outcome.linked) linked += 1;
        } catch (err) {
          if (err instanceof PacsNotFoundError) {
            deps.logger.info({ pacsStudyId: change.ID }, 'pacs: study deleted before it was read');
            continue;
          }
          if (isStudyProblem(err) && (await failedTooOften(deps, source.peer, change.ID))) {
            // one study that always fails must not hold back every study after it
            deps.logger.error({ pacsStudyId: change.ID, err }, 'pacs: study skipped after repeated failures');
            continue;
          }
          await saveCursor(deps, source.peer, change.Seq - 1);
          throw err;
        }
      }
      since = Math.max(since, changes.Last);
      await saveCursor(deps, source.peer, since);
      if (changes.Done) break;
    }
    linked += await relinkUnlinked(deps, source.peer);
    return { skipped: false, studies, linked, lastSeq: since };
  } finally {
    if ((await deps.redis.get(lockKey)) === token) await deps.redis.del(lockKey);
  }
}
