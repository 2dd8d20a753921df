import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, conversations, staffUsers, teamMembers, teams } from '../../db/schema/index.ts';
import { CALL_CENTER_TEAM, MARKETING_TEAM } from '../../db/seed-data/people.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';
import { inbound, staffId } from './support.ts';

/** The inbox settings screens' API: canned responses by page, team members and agent capacity. */

let t: TestApp;
let callCentre: string;
beforeAll(async () => {
  t = await createTestApp();
  const [team] = await t.db.select({ id: teams.id }).from(teams).where(eq(teams.name, CALL_CENTER_TEAM));
  callCentre = team!.id;
});
afterAll(async () => {
  await t?.close();
});

async function signedIn(email: string) {
  const a = t.agent();
  expect((await a.signIn(email)).status).toBe(200);
  return a;
}

interface TeamBody {
  teamId: string;
  members: { staffId: string; fullName: string }[];
}

const membersOf = async (teamId: string) =>
  (await t.db.select({ id: teamMembers.staffId }).from(teamMembers).where(eq(teamMembers.teamId, teamId)))
    .map((m) => m.id)
    .sort();

describe('canned responses by page', () => {
  it('pages by shortcut with a cursor, without overlap, and the composer’s unpaged call still gets them all', async () => {
    const a = await signedIn('agent1@demo.medicrm.vn');
    const all = (await (await a.request('GET', '/api/inbox/canned-responses')).json()) as {
      items: { shortcut: string }[];
      nextCursor: string | null;
      variables: Record<string, string>;
    };
    expect(all.items.length).toBe(5);
    expect(all.nextCursor).toBeNull();
    expect(all.variables['contact.name']).toBe('Họ tên khách');

    const first = (await (await a.request('GET', '/api/inbox/canned-responses?limit=2')).json()) as typeof all;
    expect(first.items.map((c) => c.shortcut)).toEqual(all.items.slice(0, 2).map((c) => c.shortcut));
    const seen = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const next = (await (
        await a.request('GET', `/api/inbox/canned-responses?limit=2&cursor=${cursor}`)
      ).json()) as typeof all;
      seen.push(...next.items);
      cursor = next.nextCursor;
    }
    expect(seen.map((c) => c.shortcut)).toEqual(all.items.map((c) => c.shortcut));
    expect((await a.request('GET', '/api/inbox/canned-responses?limit=0')).status).toBe(400);
  });
});

describe('team members and agent capacity', () => {
  it('a supervisor sets the members; the change is audited and a new member takes a waiting conversation', async () => {
    const sup = await signedIn('supervisor@demo.medicrm.vn');
    const [a1, a2, supId] = [
      await staffId(t, 'agent1@demo.medicrm.vn'),
      await staffId(t, 'agent2@demo.medicrm.vn'),
      await staffId(t, 'supervisor@demo.medicrm.vn'),
    ];
    // nobody answers: the conversation waits in the team's queue
    const emptied = await sup.request('PUT', `/api/inbox/teams/${callCentre}/members`, { staffIds: [] });
    expect(emptied.status).toBe(200);
    expect(((await emptied.json()) as TeamBody).members).toEqual([]);
    const waiting = await inbound(t, { externalId: '9300000000000000001', text: 'Cho hỏi giờ làm việc ạ' });
    const [conv] = await t.db.select().from(conversations).where(eq(conversations.id, waiting.conversationId));
    expect(conv!.assigneeStaffId).toBeNull();

    // agent 2 is online and joins: round-robin hands them the waiting conversation at once
    const a2Session = await signedIn('agent2@demo.medicrm.vn');
    expect((await a2Session.request('PUT', '/api/inbox/me/availability', { status: 'online' })).status).toBe(200);
    const res = await sup.request('PUT', `/api/inbox/teams/${callCentre}/members`, { staffIds: [a2, a1, a2, supId] });
    expect(res.status).toBe(200);
    const team = (await res.json()) as TeamBody;
    expect(team.members.map((m) => m.staffId).sort()).toEqual([a1, a2, supId].sort());
    expect(await membersOf(callCentre)).toEqual([a1, a2, supId].sort());
    const [after] = await t.db.select().from(conversations).where(eq(conversations.id, waiting.conversationId));
    expect(after!.assigneeStaffId).toBe(a2);

    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'inbox.team_members.update'), eq(auditLog.subjectId, callCentre)));
    expect(audits.at(-1)!.detail).toMatchObject({ removed: [] });
    expect(((audits.at(-1)!.detail as { added: string[] }).added ?? []).sort()).toEqual([a1, a2, supId].sort());
  });

  it('refuses staff who cannot answer the inbox, unknown teams and bad bodies, changing nothing', async () => {
    const sup = await signedIn('supervisor@demo.medicrm.vn');
    const before = await membersOf(callCentre);
    const marketer = await staffId(t, 'marketer@demo.medicrm.vn');
    const clinician = await staffId(t, 'clinician@demo.medicrm.vn');
    const refused = await sup.request('PUT', `/api/inbox/teams/${callCentre}/members`, {
      staffIds: [...before, marketer, clinician],
    });
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as {
      error: { code: string; message: string; details: { staffIds: string[] } };
    };
    expect(body.error.message).toContain('Chỉ thêm được nhân viên');
    expect(body.error.details.staffIds.sort()).toEqual([marketer, clinician].sort());
    expect((await sup.request('PUT', `/api/inbox/teams/${callCentre}/members`, { staffIds: ['x'] })).status).toBe(400);
    expect((await sup.request('PUT', `/api/inbox/teams/${callCentre}/members`, {})).status).toBe(400);
    const missing = await sup.request('PUT', '/api/inbox/teams/00000000-0000-4000-8000-000000000000/members', {
      staffIds: [],
    });
    expect(missing.status).toBe(404);
    expect(await membersOf(callCentre)).toEqual(before);

    // someone already in a team who does not answer the inbox (the marketer) may stay when others change
    const [marketing] = await t.db.select({ id: teams.id }).from(teams).where(eq(teams.name, MARKETING_TEAM));
    const a2 = await staffId(t, 'agent2@demo.medicrm.vn');
    expect(await membersOf(marketing!.id)).toEqual([marketer]);
    const kept = await sup.request('PUT', `/api/inbox/teams/${marketing!.id}/members`, { staffIds: [marketer, a2] });
    expect(kept.status).toBe(200);
    expect(await membersOf(marketing!.id)).toEqual([marketer, a2].sort());
  });

  it('a supervisor sets an agent’s capacity (audited); bad values are 400 and an agent may not, 403', async () => {
    const sup = await signedIn('supervisor@demo.medicrm.vn');
    const a1 = await staffId(t, 'agent1@demo.medicrm.vn');
    const capacity = async () =>
      (await t.db.select({ c: staffUsers.capacity }).from(staffUsers).where(eq(staffUsers.id, a1)))[0]!.c;
    const res = await sup.request('PUT', `/api/inbox/agents/${a1}/capacity`, { capacity: 3 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ staffId: a1, capacity: 3 });
    expect(await capacity()).toBe(3);
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'inbox.agent_capacity.update'), eq(auditLog.subjectId, a1)));
    expect(audit!.detail).toMatchObject({ to: 3 });

    for (const bad of [{ capacity: 0 }, { capacity: 101 }, { capacity: 2.5 }, { capacity: '4' }, {}]) {
      expect((await sup.request('PUT', `/api/inbox/agents/${a1}/capacity`, bad)).status, JSON.stringify(bad)).toBe(400);
    }
    const marketer = await staffId(t, 'marketer@demo.medicrm.vn');
    expect((await sup.request('PUT', `/api/inbox/agents/${marketer}/capacity`, { capacity: 5 })).status).toBe(404);

    const agent = await signedIn('agent1@demo.medicrm.vn');
    expect((await agent.request('PUT', `/api/inbox/agents/${a1}/capacity`, { capacity: 50 })).status).toBe(403);
    expect((await agent.request('PUT', `/api/inbox/teams/${callCentre}/members`, { staffIds: [a1] })).status).toBe(403);
    expect(await capacity()).toBe(3);
  });
});
