import { inArray } from 'drizzle-orm';
import { type CampaignStatus, campaigns } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';

export interface CampaignState {
  id: string;
  status: CampaignStatus;
  round: number;
  throttlePerMinute: number;
  templateKey: string;
  params: Record<string, string | number>;
  channelPlan: string[];
  smsFallbackText: string | null;
}

/** How long a worker trusts what it read of a campaign: a pause takes effect within this (plus sends in flight). */
const ttlMs = 250;
const cache = new Map<string, { at: number; state: Promise<CampaignState | undefined> }>();

async function readStates(deps: AppDeps, ids: string[]): Promise<CampaignState[]> {
  return deps.db
    .select({
      id: campaigns.id,
      status: campaigns.status,
      round: campaigns.round,
      throttlePerMinute: campaigns.throttlePerMinute,
      templateKey: campaigns.templateKey,
      params: campaigns.params,
      channelPlan: campaigns.channelPlan,
      smsFallbackText: campaigns.smsFallbackText,
    })
    .from(campaigns)
    .where(inArray(campaigns.id, ids));
}

/**
 * Campaigns as the send path sees them, read at most every 250 ms per campaign and process: the jobs that ask while
 * a read is under way share it (hundreds of recipient jobs start together).
 */
export async function campaignStates(deps: AppDeps, ids: string[]): Promise<Map<string, CampaignState>> {
  const now = Date.now();
  const wanted = new Map<string, Promise<CampaignState | undefined>>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const hit = cache.get(id);
    if (hit && now - hit.at < ttlMs) wanted.set(id, hit.state);
    else missing.push(id);
  }
  if (missing.length) {
    const read = readStates(deps, missing);
    for (const id of missing) {
      const state = read.then((rows) => rows.find((r) => r.id === id));
      // a failed read is not remembered
      state.catch(() => {
        if (cache.get(id)?.state === state) cache.delete(id);
      });
      cache.set(id, { at: now, state });
      wanted.set(id, state);
    }
  }
  const out = new Map<string, CampaignState>();
  for (const [id, state] of wanted) {
    const s = await state;
    if (s) out.set(id, s);
  }
  return out;
}

/** This process changed the campaign: its next read goes to the database. */
export function forgetCampaignState(id: string) {
  cache.delete(id);
}
