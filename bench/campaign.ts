/**
 * A campaign to the sandbox ZNS twin, everything of the hub in this process (workers, fan-out, sends), the twins in a
 * child process (bench/campaign-sandbox.ts):
 *  1. baseline: the twin's own acceptance rate, the ZNS adapter calling it directly at 64 in flight;
 *  2. an unthrottled campaign to N contacts with consent (seeded with generate_series), paused at 40 % and resumed:
 *     messages per second (as a ratio to the baseline), progress lines, the hub's RSS growth, and the counts
 *     (recipients = audience, every notification accepted exactly once by the provider);
 *  3. a campaign throttled to R per minute for S seconds: the rate the twin saw against the one set.
 *
 *   nice -n 10 npx tsx bench/campaign.ts [N=100000] [R=6000] [S=30]      (PostgreSQL and Redis must run)
 */
import { spawn } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { cancelCampaign, launchCampaign, pauseCampaign, resumeCampaign } from '../hub/campaigns/control-campaign.ts';
import { createCampaign, getCampaign } from '../hub/campaigns/manage-campaigns.ts';
import { createSegment } from '../hub/campaigns/manage-segments.ts';
import { processors } from '../hub/jobs.ts';
import { notifyEngine } from '../hub/notify/index.ts';
import { createLogger } from '../hub/platform/logger.ts';
import { startWorkers } from '../hub/platform/workers.ts';
import { createRuntime } from '../hub/runtime.ts';
import { closedLoop } from './load.ts';
import { notifyBenchConfig, znsTwin } from './notify-bench.ts';
import { withScratchDatabase } from './scratch.ts';

const n = Number(process.argv[2] ?? 100_000);
const perMinute = Number(process.argv[3] ?? 6_000);
const throttledSeconds = Number(process.argv[4] ?? 30);
const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const mb = (bytes: number) => bytes / 1_048_576;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startTwins() {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./campaign-sandbox.ts', import.meta.url).pathname],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve((JSON.parse(out.split('\n')[0]!) as { url: string }).url);
    });
    child.on('error', reject);
  });
  const stop = () =>
    new Promise<void>((r) => {
      child.on('exit', () => r());
      child.stdin.end();
    });
  return { url, stop };
}

await withScratchDatabase(async (databaseUrl) => {
  const twins = await startTwins();
  const config = notifyBenchConfig(databaseUrl, twins.url);
  const rt = await createRuntime(config, createLogger({ level: 'silent' }));
  rt.setAccepting(true);
  const { db } = rt.deps;
  const twin = znsTwin(twins.url);
  await twin('POST', '/_sandbox/settings', { dailyQuota: 10_000_000, remainingQuota: 10_000_000, deliver: false });

  // every provider acceptance, counted per notification where the hub calls the adapter (the twin keeps 5,000)
  const zns = notifyEngine(rt.deps).adapters.zns!;
  const accepted = new Map<string, number>();
  const send = zns.send.bind(zns);
  zns.send = async (m) => {
    const r = await send(m);
    accepted.set(m.trackingId, (accepted.get(m.trackingId) ?? 0) + 1);
    return r;
  };

  const [staff] = (
    await db.execute<{ id: string }>(sql`
      insert into staff_users (email, full_name, role, password_hash)
      values ('bench@demo.medicrm.vn', 'Bench', 'marketer', 'x') returning id`)
  ).rows;
  const actor = { staffId: staff!.id };
  const seed = async (count: number, tag: string, prefix: string) => {
    const t0 = performance.now();
    await db.execute(sql`
      with c as (
        insert into contacts (full_name, phone, tags, first_channel)
        select 'Khách ' || g, ${prefix} || lpad(g::text, 7, '0'), array[${tag}]::text[], 'hotline'
          from generate_series(1, ${count}::int) g
        returning id)
      insert into consents (contact_id, channel, purpose, status, source)
      select id, 'zns', 'marketing', 'granted', 'import' from c`);
    await db.execute(sql`analyze contacts; analyze consents`);
    return (performance.now() - t0) / 1000;
  };
  const campaignFor = async (tag: string, throttlePerMinute: number) => {
    const seg = await createSegment(rt.deps, { name: `Bench ${tag}`, filter: { tags: [tag] } }, actor);
    return createCampaign(
      rt.deps,
      {
        name: `Bench ${tag}`,
        segmentId: seg.id,
        templateKey: 'campaign',
        params: { headline: 'Giảm 20% gói khám', message: 'Giảm 20% gói khám tổng quát', link: 'https://example.vn/u' },
        throttlePerMinute,
      },
      actor,
    );
  };

  const workers = startWorkers({
    connection: rt.deps.redis,
    redisPrefix: config.REDIS_PREFIX,
    concurrency: 16,
    processors: processors(rt.deps),
    logger: rt.deps.logger,
  });
  try {
    // ---- 1. the twin's own pace (after a warm-up: the first sends seed the OA token and compile the twin) ----
    const baseline = async (ms: number, from: number) =>
      closedLoop(64, ms, (i) =>
        zns.send({
          trackingId: `baseline-${from + i}`,
          to: `8497${String((from + i) % 1_000_000).padStart(7, '0')}`,
          zns: { templateId: '413099', templateData: { customer_name: 'Nguyễn Thị Hoa', offer: 'Giảm 20% gói khám' } },
        }),
      );
    await baseline(2_000, 0);
    const base = await baseline(5_000, 100_000);
    accepted.clear();
    console.log(`baseline: ZNS adapter → twin (other process)   ${fmt(base.rps)} sends/s   (64 in flight, no hub)`);

    // ---- 2. unthrottled, N recipients, paused at 40 % and resumed ----
    console.log(`seeding ${fmt(n)} contacts with ZNS marketing consent… ${fmt(await seed(n, 'bench-a', '8490'), 1)} s`);
    const a = await campaignFor('bench-a', 0);
    const sentOf = async (id: string) => {
      const p = (await getCampaign(rt.deps, id)).progress;
      return { ...p, reached: p.sent + p.delivered + p.read };
    };
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let rssMax = rss0;
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    await launchCampaign(rt.deps, a.id, {}, actor);
    let pausedMs = 0;
    let fannedOut = 0;
    let pausedOnce = false;
    let last = { t: started, reached: 0 };
    for (;;) {
      await sleep(2_000);
      const p = await sentOf(a.id);
      const now = performance.now();
      rssMax = Math.max(rssMax, process.memoryUsage().rss);
      if (!fannedOut && (await getCampaign(rt.deps, a.id)).totalRecipients === n) {
        const [f] = (
          await db.execute<{ done: boolean }>(sql`select fanout_done as done from campaigns where id = ${a.id}`)
        ).rows;
        if (f?.done) {
          fannedOut = now - started;
          console.log(`  fan-out: all ${fmt(n / 1000)} pages taken after ${fmt(fannedOut / 1000, 1)} s`);
        }
      }
      console.log(
        `  progress ${fmt(p.reached).padStart(7)} / ${fmt(n)} sent   ${fmt(((p.reached - last.reached) * 1000) / (now - last.t)).padStart(6)} msg/s   queued ${fmt(p.queued)}   rss +${fmt(mb(process.memoryUsage().rss - rss0))} MB (heap ${fmt(mb(process.memoryUsage().heapUsed))} MB)`,
      );
      last = { t: now, reached: p.reached };
      if (!pausedOnce && p.reached >= n * 0.4) {
        pausedOnce = true;
        const t0 = performance.now();
        await pauseCampaign(rt.deps, a.id, actor);
        await sleep(1_000);
        const held = accepted.size;
        await sleep(2_000);
        console.log(
          `  paused at ${fmt(held)}: ${fmt(accepted.size - held)} sent in the next 2 s of the pause; resuming`,
        );
        await resumeCampaign(rt.deps, a.id, actor);
        pausedMs = performance.now() - t0;
        last = { t: performance.now(), reached: (await sentOf(a.id)).reached };
      }
      if (p.reached + p.failed + p.skipped >= n) break;
    }
    const seconds = (performance.now() - started - pausedMs) / 1000;
    const cpu = process.cpuUsage(cpu0);
    rssMax = Math.max(rssMax, process.memoryUsage().rss);
    const rate = n / seconds;
    // completion is the campaign's own clock (about a second later)
    for (let i = 0; i < 30 && (await getCampaign(rt.deps, a.id)).status !== 'completed'; i++) await sleep(500);
    const final = await getCampaign(rt.deps, a.id);
    const [counts] = (
      await db.execute<{ recipients: number; sent: number; notifications: number; attempts: number }>(sql`
        select (select count(*)::int from campaign_recipients where campaign_id = ${a.id}) as recipients,
               (select count(*)::int from campaign_recipients where campaign_id = ${a.id}
                   and state in ('sent', 'delivered', 'read')) as sent,
               (select count(*)::int from notifications where idempotency_key like ${`campaign:${a.id}:%`}) as notifications,
               (select count(*)::int from notification_attempts t join notifications x on x.id = t.notification_id
                 where x.idempotency_key like ${`campaign:${a.id}:%`} and t.state = 'sent') as attempts`)
    ).rows;
    const once = [...accepted.values()].filter((v) => v === 1).length;
    const twice = [...accepted.values()].filter((v) => v > 1).length;
    console.log(
      `unthrottled: ${fmt(n)} recipients in ${fmt(seconds, 1)} s (pause excluded)   ${fmt(rate)} messages/s   ratio to baseline ${fmt(rate / base.rps, 2)}   (goal ≥ 2,000/s)`,
    );
    console.log(
      `hub CPU per message: ${fmt((cpu.user + cpu.system) / 1000 / n, 3)} ms (user ${fmt(cpu.user / 1000 / n, 3)}, system ${fmt(cpu.system / 1000 / n, 3)}; the hub's own work, whatever else runs on the machine)`,
    );
    console.log(
      `counts: status ${final.status}; recipients ${fmt(counts!.recipients)}, sent ${fmt(counts!.sent)}, notifications ${fmt(counts!.notifications)}, accepted attempts ${fmt(counts!.attempts)}; provider accepted ${fmt(accepted.size)} distinct, exactly once ${fmt(once)}, more than once ${fmt(twice)}`,
    );
    console.log(
      `hub RSS: ${fmt(mb(rss0))} MB before launch, peak ${fmt(mb(rssMax))} MB: growth ${fmt(mb(rssMax - rss0))} MB (goal < 150 MB; includes the bench's own per-message counter)`,
    );

    const after = await baseline(5_000, 200_000);
    console.log(
      `baseline again after the campaign: ${fmt(after.rps)} sends/s; ratio to the mean of both ${fmt(rate / ((base.rps + after.rps) / 2), 2)}`,
    );
    accepted.clear();

    // ---- 3. throttled ----
    const m = Math.ceil((perMinute / 60) * (throttledSeconds + 10));
    await seed(m, 'bench-b', '8491');
    const b = await campaignFor('bench-b', perMinute);
    await twin('DELETE', '/_sandbox/accepted');
    await launchCampaign(rt.deps, b.id, {}, actor);
    await sleep(throttledSeconds * 1_000);
    await cancelCampaign(rt.deps, b.id, actor);
    await sleep(1_000);
    const log = await twin<{ items: { at: string }[] }>('GET', '/_sandbox/accepted');
    const times = log.items.map((x) => Date.parse(x.at)).sort((x, y) => x - y);
    const measured = ((times.length - 1) / ((times.at(-1)! - times[0]!) / 1000)) * 60;
    const error = (measured / perMinute - 1) * 100;
    console.log(
      `throttle: set ${fmt(perMinute)}/min, the twin saw ${fmt(measured, 1)}/min over ${fmt(times.length)} sends in ${fmt((times.at(-1)! - times[0]!) / 1000, 1)} s   error ${error >= 0 ? '+' : ''}${fmt(error, 2)} %   (goal ± 5 %)`,
    );
  } finally {
    await workers.close();
    for (const q of ['campaigns', 'notify', 'reminders'] as const)
      await rt.deps.queues[q].obliterate({ force: true }).catch(() => {});
    await rt.close();
    await twins.stop();
  }
});
