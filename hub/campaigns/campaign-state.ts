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
const cache = new Map<string, { at: number; state: CampaignState | undefined }>();

/** Campaigns as the send path sees them, read at most every 250 ms per campaign and process. */
export async function campaignStates(deps: AppDeps, ids: string[]): Promise<Map<string, CampaignState>> {
  const now = Date.now();
  const out = new Map<string, CampaignState>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const hit = cache.get(id);
    if (hit && now - hit.at < ttlMs) {
      if (hit.state) out.set(id, hit.state);
    } else missing.push(id);
  }
  if (missing.length) {
    const rows = await deps.db
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
      .where(inArray(campaigns.id, missing));
    for (const id of missing) {
      const state = rows.find((r) => r.id === id);
      cache.set(id, { at: now, state });
      if (state) out.set(id, state);
    }
  }
  return out;
}

/** This process changed the campaign: its next read goes to the database. */
export function forgetCampaignState(id: string) {
  cache.delete(id);
}
