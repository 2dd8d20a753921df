import { sql } from 'drizzle-orm';
import type { AppDeps } from '../platform/context.ts';

/**
 * A recipient opened the tracked link: the first click is recorded (later ones change nothing) and the campaign's
 * target address is returned. Unknown tokens give undefined.
 */
export async function trackClick(deps: AppDeps, token: string): Promise<string | undefined> {
  if (!/^[0-9a-f]{32}$/.test(token)) return undefined;
  const r = await deps.db.execute<{ target_url: string }>(sql`
    with hit as (
      update campaign_recipients set clicked_at = now(), updated_at = now()
       where click_token = ${token} and clicked_at is null
      returning campaign_id)
    select k.target_url from campaigns k
     where k.id = coalesce((select campaign_id from hit),
                           (select campaign_id from campaign_recipients where click_token = ${token}))`);
  return r.rows[0]?.target_url;
}
