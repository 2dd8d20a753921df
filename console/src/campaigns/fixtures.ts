import type { CampaignProgress } from './campaigns-api.ts';

// Test data shaped by the hub's own response types: a change of the hub's schemas breaks these at compile time.

/** A campaign no recipient has reached yet (a draft, or one launched before its fan-out). */
export const noProgress: CampaignProgress = {
  total: 0,
  pending: 0,
  queued: 0,
  sent: 0,
  delivered: 0,
  read: 0,
  failed: 0,
  skipped: 0,
  clicked: 0,
  booked: 0,
};
