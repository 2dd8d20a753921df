/**
 * Booking under load, over real HTTP on loopback, against a bare Hono handler measured in the same run:
 *  - availability search latency (p50/p95/p99) and throughput at 50 concurrent clients, over the seeded demo clinic
 *    (12 doctors × 4 weeks of slots), with the Mini App's own calls: the four-week date strip and one date's slots,
 *    by branch+specialty, doctor and package; the load comes from a separate client process (bench/load-client.ts);
 *  - booking confirmations per second (hold + confirm through the patient API, each on its own slot).
 *
 *   npx tsx bench/availability.ts [seconds=5]     (PostgreSQL and Redis must be running; a scratch database is used)
 */
import { existsSync } from 'node:fs';
import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import { sql } from 'drizzle-orm';
import { contacts, patients } from '../db/schema/index.ts';
import { seedDemo } from '../db/seed.ts';
import { createApp } from '../hub/app.ts';
import { hashPassword } from '../hub/auth/password.ts';
import { loadConfig } from '../hub/config.ts';
import { issuePatientToken } from '../hub/patient-auth/patient-token.ts';
import { createLogger } from '../hub/platform/logger.ts';
import { createRuntime } from '../hub/runtime.ts';
import { measureMiniApp, miniappDist } from '../scripts/miniapp-bundle.ts';
import { bareHono, closedLoop, listen, loadUrl, loadUrlsFromClient, percentile } from './load.ts';
import { withScratchDatabase } from './scratch.ts';

const seconds = Number(process.argv[2] ?? 5);
const connections = 50;
const bookingConnections = 20;
const tz = 'Asia/Ho_Chi_Minh';

await withScratchDatabase(async (databaseUrl) => {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: `medicrm-bench-${process.pid}`,
    LOG_LEVEL: 'silent',
    SERVE_WEB: 'false',
  });
  const rt = await createRuntime(config, createLogger({ level: 'silent' }));
  const { db } = rt.deps;
  await seedDemo(db, { hashPassword });
  rt.setAccepting(true);
  const hub = await listen(createApp(rt.deps).fetch);
  const bare = await bareHono();

  try {
    const get = async <T>(path: string) => (await (await fetch(`${hub.url}${path}`)).json()) as T;
    const { items: doctors } = await get<{
      items: { id: string; practices: { branchId: string; departmentId: string }[] }[];
    }>('/api/catalog/doctors');
    const { items: packages } = await get<{ items: { id: string }[] }>('/api/catalog/packages');
    const pairs = doctors.flatMap((d) => d.practices);
    const today = new TZDate(new Date(), tz);
    const day = (n: number) => format(addDays(today, n), 'yyyy-MM-dd');
    // The Mini App's own calls (miniapp/src/pages/booking): the date strip over four weeks for a scope, then the slots
    // of one chosen date; scopes are branch+specialty, doctor and package, dates spread across the four weeks.
    const scopes = [
      ...pairs.map((p) => `branchId=${p.branchId}&departmentId=${p.departmentId}`),
      ...doctors.map((d) => `doctorId=${d.id}`),
      ...packages.map((p) => `packageId=${p.id}`),
    ];
    const searches: string[] = [];
    for (const scope of scopes) {
      searches.push(`/api/availability/days?${scope}&from=${day(0)}&to=${day(27)}`);
      for (let d = 0; d < 28; d += 3) searches.push(`/api/availability?${scope}&from=${day(d)}&to=${day(d)}`);
    }
    const [{ n: slotCount }] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from booking_slots`))
      .rows as [{ n: number }];

    // warm-up both sides
    await loadUrl(`${bare.url}/health`, connections, 1000);
    await loadUrl((i) => `${hub.url}${searches[i % searches.length]}`, connections, 1000);

    // both sides measured by the same client process, so neither pays for the client's work
    const bareRun = await loadUrlsFromClient([`${bare.url}/health`], connections, seconds * 1000);
    const search = await loadUrlsFromClient(
      searches.map((s) => `${hub.url}${s}`),
      connections,
      seconds * 1000,
      7919,
    );

    // booking confirmations: a fresh patient and a free slot per booking, hold then confirm
    const free = (
      await db.execute<{ id: string }>(sql`
        select s.id from booking_slots s
        where s.booked < s.capacity and s.starts_at > now() + interval '1 hour' order by s.starts_at`)
    ).rows.map((r) => r.id);
    const people = await db
      .insert(contacts)
      .values(free.map((_, i) => ({ fullName: `Khách thử ${i}`, firstChannel: 'miniapp' as const })))
      .returning({ id: contacts.id });
    const profiles = await db
      .insert(patients)
      .values(people.map((c, i) => ({ contactId: c.id, fullName: `Khách thử ${i}` })))
      .returning({ id: patients.id, contactId: patients.contactId });
    const tokens = profiles.map(
      (p, i) =>
        issuePatientToken(config.PATIENT_TOKEN_SECRET, { contactId: p.contactId, zaloUserId: String(7e9 + i) }, 60)
          .token,
    );
    const call = async (i: number, path: string, body?: unknown) => {
      const res = await fetch(`${hub.url}/api/patient${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as { id: string };
      if (res.status >= 300) throw new Error(`booking ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const booking = await closedLoop(bookingConnections, seconds * 1000, async (i) => {
      if (i >= free.length) return false;
      const hold = await call(i, '/appointments', { slotId: free[i], profileId: profiles[i]!.id });
      await call(i, `/appointments/${hold.id}/confirm`);
      return true;
    });

    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const p99 = percentile(search.latencies, 99);
    console.log(
      `seeded: ${doctors.length} doctors, ${slotCount} slots over 4 weeks; ${searches.length} distinct searches`,
    );
    console.log(
      `bare Hono /health           : ${bareRun.rps.toFixed(0)} req/s, p99 ${ms(percentile(bareRun.latencies, 99))}   (baseline, ${connections} connections)`,
    );
    console.log(
      `availability search        : ${search.rps.toFixed(0)} req/s, p50 ${ms(percentile(search.latencies, 50))}, p95 ${ms(percentile(search.latencies, 95))}, p99 ${ms(p99)}   (${connections} connections, DB pool ${config.DB_POOL_MAX})`,
    );
    console.log(`ratio search/bare          : ${(search.rps / bareRun.rps).toFixed(3)}`);
    console.log(`p99 goal < 30 ms           : ${p99 < 30 ? 'met' : 'NOT met'}`);
    console.log(
      `booking confirmations      : ${booking.rps.toFixed(0)} /s (hold + confirm, 2 requests each, ${bookingConnections} clients), p99 ${ms(percentile(booking.latencies, 99))}`,
    );
    console.log(`ratio confirmations/bare   : ${(booking.rps / bareRun.rps).toFixed(4)}`);
    if (existsSync(miniappDist)) {
      const { initialJs } = measureMiniApp(miniappDist);
      const kb = initialJs.gzipBytes / 1024;
      console.log(
        `Mini App initial JS        : ${kb.toFixed(1)} kB gzipped (${initialJs.files.length} files; goal < 250 kB: ${kb < 250 ? 'met' : 'NOT met'})`,
      );
    } else {
      console.log('Mini App initial JS        : not measured (run `npm run build:miniapp` first)');
    }
  } finally {
    hub.server.close();
    bare.server.close();
    await rt.close();
  }
});
