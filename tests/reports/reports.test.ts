import type { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BookingFunnelSchema,
  ContactVolumeSchema,
  ResponseTimesSchema,
  ResultTurnaroundSchema,
} from '../../hub/reports/reports.schemas.ts';
import { type Agent, createTestApp, type TestApp } from '../support/hub.ts';
import { period, seedReportData } from './seed.ts';

/**
 * Every figure of /api/reports/* against a check written here on the raw rows (SQL with clinic-date predicates
 * instead of instant bounds, medians and percentiles in JS), plus figures known by construction of the seed.
 */

// The answers' shapes come from the hub's response schemas (one source; a change there fails to compile here).
type ContactVolume = z.output<typeof ContactVolumeSchema>;
type Funnel = z.output<typeof BookingFunnelSchema>;
type Times = z.output<typeof ResponseTimesSchema>;
type Turnaround = z.output<typeof ResultTurnaroundSchema>;

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedReportData>>;
let supervisor: Agent;

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedReportData(t.db);
  supervisor = t.agent();
  expect((await supervisor.signIn('supervisor@demo.medicrm.vn')).status).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

const tz = 'Asia/Ho_Chi_Minh';
const inPeriod = (col: string) =>
  sql.raw(`(${col} at time zone '${tz}')::date between '${period.from}' and '${period.to}'`);

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return (await t.db.execute(query)).rows as T[];
}

async function report<T>(name: string, extra = ''): Promise<T> {
  const res = await supervisor.request('GET', `/api/reports/${name}?from=${period.from}&to=${period.to}${extra}`);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
/** Linear interpolation between closest ranks, as PostgreSQL's percentile_cont does. */
function percentile(xs: number[], p: number): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const byKey = <T, K extends keyof T>(list: T[], key: K) => Object.fromEntries(list.map((r) => [String(r[key]), r]));

describe('new contacts and tickets', () => {
  it('counts per channel and per clinic day match the raw rows; merged duplicates and days outside do not count', async () => {
    const data = await report<ContactVolume>('contacts');
    const expected = await rows<{ channel: string; contacts: number; tickets: number }>(sql`
      select ch as channel, sum(c)::int as contacts, sum(k)::int as tickets from (
        select coalesce(first_channel::text, 'unknown') as ch, 1 as c, 0 as k
          from contacts where merged_into_id is null and ${inPeriod('created_at')}
        union all
        select channel::text, 0, 1 from conversations where ${inPeriod('created_at')}
      ) x group by ch`);
    expect(byKey(data.byChannel, 'channel')).toEqual(byKey(expected, 'channel'));
    // known by construction: 7 new people (not the duplicate, not the 28th, not the 11th), 6 conversations
    expect(data.totals).toEqual({ contacts: 7, tickets: 6 });
    expect(byKey(data.byChannel, 'channel').unknown).toEqual({ channel: 'unknown', contacts: 1, tickets: 0 });

    const daily = await rows<{ date: string; contacts: number; tickets: number }>(sql`
      select to_char(d, 'YYYY-MM-DD') as date,
             (select count(*) from contacts c where c.merged_into_id is null
                and (c.created_at at time zone ${tz})::date = d)::int as contacts,
             (select count(*) from conversations v where (v.created_at at time zone ${tz})::date = d)::int as tickets
        from generate_series(${period.from}::date, ${period.to}::date, interval '1 day') d order by d`);
    expect(data.daily).toEqual(daily);
    expect(data.daily).toHaveLength(10);
    expect(data.range.branchApplies).toBe(false);
  });
});

async function expectedFunnel(branchId: string | null) {
  const branch = branchId ? sql`and a.branch_id = ${branchId}` : sql``;
  const reached = (col: string) => sql`exists (
    select 1 from appointments a
     where a.${sql.raw(col)} is not null ${branch}
       and (a.booked_by_contact_id = c.id or a.patient_id in (select p.id from patients p where p.contact_id = c.id)))`;
  return rows<{ channel: string; leads: number; booked: number; checkedIn: number; completed: number }>(sql`
    select coalesce(c.first_channel::text, 'unknown') as channel, count(*)::int as leads,
           sum(case when ${reached('confirmed_at')} then 1 else 0 end)::int as booked,
           sum(case when ${reached('checked_in_at')} then 1 else 0 end)::int as "checkedIn",
           sum(case when ${reached('completed_at')} then 1 else 0 end)::int as completed
      from contacts c where c.merged_into_id is null and ${inPeriod('c.created_at')}
     group by 1`);
}

describe('booking funnel', () => {
  it('follows the period’s new contacts to booked, checked in and completed, per source channel', async () => {
    const data = await report<Funnel>('funnel');
    const expected = await expectedFunnel(null);
    expect(data.bySource).toHaveLength(expected.length);
    for (const e of expected) {
      expect(byKey(data.bySource, 'channel')[e.channel]).toEqual({
        ...e,
        bookingRate: ratio(e.booked, e.leads),
        completionRate: ratio(e.completed, e.leads),
      });
    }
    const sum = (k: 'leads' | 'booked' | 'checkedIn' | 'completed') => expected.reduce((a, r) => a + r[k], 0);
    expect(data.stages).toEqual([
      { stage: 'lead', count: sum('leads'), rateFromLead: 1 },
      { stage: 'booked', count: sum('booked'), rateFromLead: sum('booked') / sum('leads') },
      { stage: 'checked_in', count: sum('checkedIn'), rateFromLead: sum('checkedIn') / sum('leads') },
      { stage: 'completed', count: sum('completed'), rateFromLead: sum('completed') / sum('leads') },
    ]);
    // by construction: the expired hold is no booking, a booking for another contact's patient is
    expect(data.stages.map((s) => s.count)).toEqual([7, 5, 2, 1]);
  });

  it('with a branch counts only the appointments there', async () => {
    const data = await report<Funnel>('funnel', `&branchId=${ids.B1}`);
    const expected = await expectedFunnel(ids.B1);
    for (const e of expected) expect(byKey(data.bySource, 'channel')[e.channel]).toMatchObject(e);
    expect(data.stages.map((s) => s.count)).toEqual([7, 2, 1, 1]);
  });
});

interface Outcomes {
  totals: Record<string, number | null>;
  bySource: ({ channel: string } & Record<string, number | null>)[];
}

async function expectedOutcomes(branchId: string | null) {
  const raw = await rows<{ channel: string; status: string; branch: string }>(sql`
    select source_channel::text as channel, status::text as status, branch_id::text as branch
      from appointments where confirmed_at is not null and ${inPeriod('starts_at')}`);
  const group = new Map<string, string[]>();
  for (const r of raw) {
    if (branchId && r.branch !== branchId) continue;
    group.set(r.channel, [...(group.get(r.channel) ?? []), r.status]);
  }
  const figures = (statuses: string[]) => {
    const n = (...s: string[]) => statuses.filter((x) => s.includes(x)).length;
    return {
      scheduled: statuses.length,
      attended: n('checked_in', 'completed'),
      completed: n('completed'),
      noShow: n('no_show'),
      cancelled: n('cancelled'),
      pending: n('requested', 'confirmed'),
      noShowRate: ratio(n('no_show'), n('no_show', 'checked_in', 'completed')),
      cancellationRate: ratio(n('cancelled'), statuses.length),
    };
  };
  return {
    totals: figures([...group.values()].flat()),
    bySource: Object.fromEntries([...group].map(([ch, s]) => [ch, { channel: ch, ...figures(s) }])),
  };
}

describe('no-show and cancellation', () => {
  it('rates per booking channel match the raw appointments', async () => {
    const data = await report<Outcomes>('appointments');
    const expected = await expectedOutcomes(null);
    expect(data.totals).toEqual(expected.totals);
    expect(byKey(data.bySource, 'channel')).toEqual(expected.bySource);
    expect(data.totals).toMatchObject({ scheduled: 6, noShow: 1, cancelled: 1, noShowRate: 1 / 4 });
  });

  it('with a branch', async () => {
    const data = await report<Outcomes>('appointments', `&branchId=${ids.B2}`);
    const expected = await expectedOutcomes(ids.B2);
    expect(data.totals).toEqual(expected.totals);
    expect(byKey(data.bySource, 'channel')).toEqual(expected.bySource);
    expect(data.totals.scheduled).toBe(3);
  });
});

describe('response and resolution times', () => {
  it('per agent, per team and overall match the raw conversations', async () => {
    const data = await report<Times>('response-times');
    const raw = await rows<{
      agent: string | null;
      team: string | null;
      created: Date;
      responded: Date | null;
      frDue: Date | null;
      resolved: Date | null;
      resDue: Date | null;
      status: string;
    }>(sql`
      select assignee_staff_id::text as agent, team_id::text as team, created_at as created,
             first_responded_at as responded, first_response_due_at as "frDue", resolved_at as resolved,
             resolution_due_at as "resDue", status::text as status
        from conversations where ${inPeriod('created_at')}`);
    const now = Date.now();
    const minutes = (a: Date, b: Date) => (new Date(b).getTime() - new Date(a).getTime()) / 60_000;
    const figures = (list: typeof raw) => {
      const fr = list.filter((r) => r.responded).map((r) => minutes(r.created, r.responded!));
      const done = list.filter((r) => r.status === 'resolved' && r.resolved);
      const res = done.map((r) => minutes(r.created, r.resolved!));
      const t = (d: Date | null) => (d ? new Date(d).getTime() : null);
      const frMet = list.filter((r) => r.frDue && r.responded && t(r.responded)! <= t(r.frDue)!).length;
      const frMissed = list.filter(
        (r) => r.frDue && (r.responded ? t(r.responded)! > t(r.frDue)! : t(r.frDue)! <= now),
      ).length;
      const resMet = done.filter((r) => r.resDue && t(r.resolved)! <= t(r.resDue)!).length;
      const resMissed = list.filter(
        (r) =>
          r.resDue && (r.status === 'resolved' && r.resolved ? t(r.resolved)! > t(r.resDue)! : t(r.resDue)! <= now),
      ).length;
      return {
        conversations: list.length,
        responded: fr.length,
        firstResponseMedianMinutes: round1(percentile(fr, 0.5)),
        firstResponseAvgMinutes: round1(mean(fr)),
        resolved: res.length,
        resolutionMedianMinutes: round1(percentile(res, 0.5)),
        resolutionAvgMinutes: round1(mean(res)),
        firstResponseSla: { met: frMet, missed: frMissed, rate: ratio(frMet, frMet + frMissed) },
        resolutionSla: { met: resMet, missed: resMissed, rate: ratio(resMet, resMet + resMissed) },
      };
    };
    expect(data.totals).toMatchObject(figures(raw));
    const groups = (key: 'agent' | 'team') => {
      const m = new Map<string | null, typeof raw>();
      for (const r of raw) m.set(r[key], [...(m.get(r[key]) ?? []), r]);
      return m;
    };
    for (const [key, list] of [
      ['agent', data.byAgent],
      ['team', data.byTeam],
    ] as const) {
      const expected = groups(key);
      expect(list).toHaveLength(expected.size);
      for (const [id, group] of expected) expect(list.find((r) => r.id === id)).toMatchObject(figures(group));
    }
    // known by construction: agent1 answered in 10, 60 and 45 minutes
    const agent1 = data.byAgent.find((r) => r.id === ids.agent1)!;
    expect(agent1).toMatchObject({
      name: 'Nguyễn Văn An',
      firstResponseMedianMinutes: 45,
      firstResponseAvgMinutes: 38.3,
      firstResponseSla: { met: 1, missed: 2 },
    });
    expect(data.byAgent.find((r) => r.id === null)?.name).toBe('Chưa phân công');
  });
});

interface Delivery {
  totals: Record<string, number | null>;
  byChannel: ({ channel: string } & Record<string, number | null>)[];
  outcomes: { state: string; count: number }[];
}

async function expectedDelivery(branchId: string | null) {
  const branch = branchId
    ? sql`and n.appointment_id in (select id from appointments where branch_id = ${branchId})`
    : sql``;
  const perChannel = await rows<{
    channel: string;
    attempts: number;
    delivered: number;
    failed: number;
    inFlight: number;
    costVnd: number;
  }>(sql`
    select na.channel::text as channel, count(*)::int as attempts,
           sum((na.state::text in ('delivered', 'read'))::int)::int as delivered,
           sum((na.state::text = 'failed')::int)::int as failed,
           sum((na.state::text in ('queued', 'sent'))::int)::int as "inFlight",
           sum(coalesce(na.cost_vnd, 0))::float8 as "costVnd"
      from notifications n, notification_attempts na
     where na.notification_id = n.id and ${inPeriod('na.created_at')} ${branch}
     group by 1`);
  const outcomes = await rows<{ state: string; count: number }>(sql`
    select n.state::text as state, count(*)::int as count from notifications n
     where ${inPeriod('n.created_at')} ${branch} group by 1`);
  return { perChannel, outcomes };
}

describe('notification delivery and cost', () => {
  for (const branch of [null, 'B1'] as const) {
    it(`per channel ${branch ? 'at one branch ' : ''}matches the raw attempts`, async () => {
      const branchId = branch ? ids[branch] : null;
      const data = await report<Delivery>('notifications', branchId ? `&branchId=${branchId}` : '');
      const e = await expectedDelivery(branchId);
      expect(data.byChannel).toHaveLength(e.perChannel.length);
      for (const r of e.perChannel) {
        expect(byKey(data.byChannel, 'channel')[r.channel]).toEqual({
          ...r,
          deliveryRate: ratio(r.delivered, r.attempts),
          costPerDeliveredVnd: r.delivered ? Math.round(r.costVnd / r.delivered) : null,
        });
      }
      expect(byKey(data.outcomes, 'state')).toEqual(byKey(e.outcomes, 'state'));
      if (!branch) {
        expect(data.totals).toMatchObject({ attempts: 5, delivered: 3, failed: 1, inFlight: 1, costVnd: 1450 });
      } else {
        expect(data.totals).toMatchObject({ attempts: 1, delivered: 1, costVnd: 300 });
      }
    });
  }
});

describe('result turnaround', () => {
  for (const branch of [null, 'B2'] as const) {
    it(`order to release ${branch ? 'at one branch ' : ''}matches the raw orders and results`, async () => {
      const branchId = branch ? ids[branch] : null;
      const data = await report<Turnaround>('results', branchId ? `&branchId=${branchId}` : '');
      const raw = await rows<{ kind: string; placed: Date; released: Date | null; branch: string | null }>(sql`
        select o.kind::text as kind, o.placed_at as placed,
               (select r.released_to_patient_at from results r where r.order_id = o.id) as released,
               (select a.branch_id::text from appointments a where a.id = o.appointment_id) as branch
          from orders o where o.status::text <> 'cancelled' and ${inPeriod('o.placed_at')}`);
      const kept = raw.filter((r) => !branchId || r.branch === branchId);
      const kinds = [...new Set(kept.map((r) => r.kind))].sort();
      expect(data.byKind).toEqual(
        kinds.map((kind) => {
          const of = kept.filter((r) => r.kind === kind);
          const hours = of
            .filter((r) => r.released)
            .map((r) => (new Date(r.released!).getTime() - new Date(r.placed).getTime()) / 3_600_000);
          return {
            kind,
            orders: of.length,
            released: hours.length,
            medianHours: round1(percentile(hours, 0.5)),
            avgHours: round1(mean(hours)),
            p90Hours: round1(percentile(hours, 0.9)),
          };
        }),
      );
      if (!branch) expect(data.byKind.find((k) => k.kind === 'lab')).toMatchObject({ orders: 3, p90Hours: 22 });
    });
  }
});

/** Minimal RFC 4180 reader for the exports. */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
    } else if (ch !== '\r') cell += ch;
  }
  return out;
}

describe('CSV export', () => {
  const pct = (x: number | null) => (x === null ? '' : String(Math.round(x * 1000) / 10));
  const num = (x: number | null) => (x === null ? '' : String(x));

  async function csv(name: string, table?: string) {
    const res = await supervisor.request(
      'GET',
      `/api/reports/${name}?from=${period.from}&to=${period.to}&format=csv${table ? `&table=${table}` : ''}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('attachment; filename="bao-cao-');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return parseCsv(new TextDecoder().decode(bytes.slice(3)));
  }

  it('every table of every report carries the JSON figures under Vietnamese headers', async () => {
    const contacts = await report<ContactVolume>('contacts');
    const [head, ...lines] = await csv('contacts', 'byChannel');
    expect(head).toEqual(['Kênh', 'Khách hàng mới', 'Hội thoại mới']);
    expect(lines.map((l) => l.slice(1))).toEqual(contacts.byChannel.map((r) => [num(r.contacts), num(r.tickets)]));
    expect(lines.map((l) => l[0])).toContain('Zalo OA');
    const [, ...days] = await csv('contacts', 'daily');
    expect(days).toEqual(contacts.daily.map((d) => [d.date, num(d.contacts), num(d.tickets)]));

    const funnel = await report<Funnel>('funnel');
    const [stagesHead, ...stages] = await csv('funnel', 'stages');
    expect(stagesHead).toEqual(['Bước', 'Số khách', 'Tỉ lệ so với khách mới (%)']);
    expect(stages).toEqual([
      ['Khách mới', '7', '100'],
      ['Đã đặt lịch', '5', pct(5 / 7)],
      ['Đã đến khám', '2', pct(2 / 7)],
      ['Hoàn tất khám', '1', pct(1 / 7)],
    ]);
    const [, ...sources] = await csv('funnel', 'bySource');
    expect(sources.map((l) => l.slice(1))).toEqual(
      funnel.bySource.map((r) => [
        num(r.leads),
        num(r.booked),
        num(r.checkedIn),
        num(r.completed),
        pct(r.bookingRate),
        pct(r.completionRate),
      ]),
    );

    const outcomes = await report<Outcomes>('appointments');
    const [, ...outLines] = await csv('appointments');
    expect(outLines).toHaveLength(outcomes.bySource.length + 1);
    expect(outLines.at(-1)).toEqual([
      'Tổng cộng',
      ...['scheduled', 'attended', 'completed', 'noShow', 'cancelled', 'pending'].map((k) => num(outcomes.totals[k]!)),
      pct(outcomes.totals.noShowRate!),
      pct(outcomes.totals.cancellationRate!),
    ]);

    const times = await report<Times>('response-times');
    for (const [table, list] of [
      ['byAgent', times.byAgent],
      ['byTeam', times.byTeam],
    ] as const) {
      const [, ...tl] = await csv('response-times', table);
      expect(tl).toEqual(
        [...list, times.totals].map((r) => [
          r.name,
          num(r.conversations),
          num(r.responded),
          num(r.firstResponseMedianMinutes),
          num(r.firstResponseAvgMinutes),
          num(r.resolved),
          num(r.resolutionMedianMinutes),
          num(r.resolutionAvgMinutes),
          num(r.firstResponseSla.met),
          num(r.firstResponseSla.missed),
          pct(r.firstResponseSla.rate),
          num(r.resolutionSla.met),
          num(r.resolutionSla.missed),
          pct(r.resolutionSla.rate),
        ]),
      );
    }

    const delivery = await report<Delivery>('notifications');
    const [, ...dl] = await csv('notifications', 'byChannel');
    expect(dl.map((l) => l.slice(1))).toEqual(
      [...delivery.byChannel, delivery.totals].map((r) => [
        num(r.attempts!),
        num(r.delivered!),
        num(r.failed!),
        num(r.inFlight!),
        pct(r.deliveryRate!),
        num(r.costVnd!),
        num(r.costPerDeliveredVnd!),
      ]),
    );
    const [, ...states] = await csv('notifications', 'outcomes');
    expect(states.map((l) => l[1])).toEqual(delivery.outcomes.map((o) => num(o.count)));

    const turnaround = await report<Turnaround>('results');
    const [, ...rl] = await csv('results');
    expect(rl).toEqual(
      turnaround.byKind.map((r) => [
        r.kind === 'lab' ? 'Xét nghiệm' : 'Chẩn đoán hình ảnh',
        num(r.orders),
        num(r.released),
        num(r.medianHours),
        num(r.avgHours),
        num(r.p90Hours),
      ]),
    );
  });

  it('an unknown table is a 400 with a Vietnamese message', async () => {
    const res = await supervisor.request('GET', '/api/reports/funnel?format=csv&table=nope');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('không có bảng');
  });
});

describe('access and filters', () => {
  it('marketers and admins read reports; agents and clinicians get 403; signed-out 401', async () => {
    for (const email of ['marketer@demo.medicrm.vn', 'admin@demo.medicrm.vn']) {
      const a = t.agent();
      await a.signIn(email);
      expect((await a.request('GET', '/api/reports/funnel')).status).toBe(200);
    }
    for (const email of ['agent1@demo.medicrm.vn', 'clinician@demo.medicrm.vn']) {
      const a = t.agent();
      await a.signIn(email);
      for (const name of ['contacts', 'funnel', 'appointments', 'response-times', 'notifications', 'results']) {
        const res = await a.request('GET', `/api/reports/${name}?format=csv`);
        expect(res.status).toBe(403);
      }
    }
    expect((await t.agent().request('GET', '/api/reports/contacts')).status).toBe(401);
  });

  it('rejects a reversed or too long period and a malformed branch', async () => {
    for (const q of ['from=2025-03-10&to=2025-03-01', 'from=2024-01-01&to=2025-03-01', 'branchId=HN01']) {
      const res = await supervisor.request('GET', `/api/reports/contacts?${q}`);
      expect(res.status).toBe(400);
    }
  });

  it('without dates covers the last 30 clinic days', async () => {
    const data = await (await supervisor.request('GET', '/api/reports/contacts')).json();
    expect((data as ContactVolume).daily).toHaveLength(30);
  });
});
