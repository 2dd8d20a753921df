import { eq } from 'drizzle-orm';
import type { DbOrTx } from './client.ts';
import { cannedResponses, inboxLabels, teamInboxPolicies, teams } from './schema/index.ts';
import { cannedSeeds, inboxPolicySeeds, labelSeeds } from './seed-data/inbox.ts';

/** The demo clinic's inbox: the call centre's policy (channels, SLA, hours), labels and canned responses. */
export async function seedInbox(tx: DbOrTx): Promise<void> {
  for (const p of inboxPolicySeeds) {
    const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.name, p.team));
    if (!team) continue;
    const { team: _name, ...policy } = p;
    await tx
      .insert(teamInboxPolicies)
      .values({ teamId: team.id, ...policy })
      .onConflictDoNothing();
  }
  await tx.insert(inboxLabels).values(labelSeeds).onConflictDoNothing();
  await tx.insert(cannedResponses).values(cannedSeeds).onConflictDoNothing();
}
