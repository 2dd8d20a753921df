import type { AppDeps } from '../platform/context.ts';
import { assignWaiting } from './assignment.ts';
import { type InboxEvent, realtime } from './realtime.ts';

/**
 * What a use case leaves to do once its transaction committed: live updates to publish, and teams whose waiting
 * conversations may now be assigned (a new conversation, an agent freed up). Never run inside the transaction.
 */
export interface Effects {
  events: InboxEvent[];
  assignTeams: Set<string>;
}

export const newEffects = (): Effects => ({ events: [], assignTeams: new Set() });

export function mergeEffects(into: Effects, from: Effects): Effects {
  into.events.push(...from.events);
  for (const t of from.assignTeams) into.assignTeams.add(t);
  return into;
}

export async function runEffects(deps: AppDeps, effects: Effects): Promise<void> {
  await realtime(deps).publish(effects.events);
  for (const teamId of effects.assignTeams) {
    try {
      await assignWaiting(deps, teamId);
    } catch (err) {
      // the minute sweep assigns what this missed
      deps.logger.warn({ err, teamId }, 'automatic assignment failed');
    }
  }
}

/** Runs a use case with a fresh effects list, then publishes what it collected once its transaction has committed. */
export async function withEffects<T>(deps: AppDeps, fn: (effects: Effects) => Promise<T>): Promise<T> {
  const effects = newEffects();
  const out = await fn(effects);
  await runEffects(deps, effects);
  return out;
}
