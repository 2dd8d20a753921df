import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import { eq, sql } from 'drizzle-orm';
import { campaigns, segments } from '../../db/schema/index.ts';
import type { NotificationType } from '../../templates/index.ts';
import { notifyEngine, prepare } from '../notify/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { campaignNotFound } from './campaign-errors.ts';
import { SegmentFilterSchema } from './campaigns.schemas.ts';
import { consentGranted, segmentCondition } from './segment-filter.ts';

/**
 * What sending would take: the audience, who agreed (ZNS; SMS for those reachable only by the fallback), the cost at
 * the configured prices (ZNS per message, SMS per segment of this campaign's text), and the OA's daily ZNS quota:
 * the share it uses and, past it, how the ZNS sends spread over the following days.
 */
export async function planCampaign(deps: AppDeps, id: string) {
  const engine = notifyEngine(deps);
  const [c] = await deps.db
    .select({ k: campaigns, filter: segments.filter })
    .from(campaigns)
    .innerJoin(segments, eq(segments.id, campaigns.segmentId))
    .where(eq(campaigns.id, id));
  if (!c) throw campaignNotFound();
  const where = segmentCondition(SegmentFilterSchema.parse(c.filter), deps.config.CLINIC_TIMEZONE);
  const phone = sql`c.phone ~ '^84[0-9]{9}$'`;
  const r = await deps.db.execute<{ audience: number; zns: number; sms_only: number }>(sql`
    select count(*)::int as audience,
           count(*) filter (where ${phone} and ${consentGranted('zns')})::int as zns,
           count(*) filter (where ${phone} and not ${consentGranted('zns')} and ${consentGranted('sms')})::int as sms_only
      from contacts c where ${where}`);
  const { audience, zns, sms_only } = r.rows[0]!;
  const withSms = c.k.channelPlan.includes('sms');
  const sms = withSms ? sms_only : 0;
  const s = engine.settings;
  const def = engine.templates.get(c.k.templateKey as NotificationType);
  // the SMS as a recipient would get it (tracked link included), for its segment count
  const smsRendering = def
    ? prepare(s, def, 'sms', {
        customerName: 'Nguyễn Văn A',
        headline: String(c.k.params.headline ?? ''),
        message: c.k.smsFallbackText ?? String(c.k.params.message ?? c.k.params.headline ?? ''),
        link: `${s.publicUrl}/c/${'x'.repeat(32)}`,
      })
    : undefined;
  const smsSegments = smsRendering?.channel === 'sms' ? smsRendering.segments.segments : 1;
  const costZns = zns * s.pricesVnd.zns;
  const costSms = sms * s.pricesVnd.sms * smsSegments;

  const account = engine.adapters.zns?.account;
  const usage = account ? await engine.quota.usage(account) : { used: 0, exhausted: false };
  const quota = s.znsDailyQuota;
  const start = new TZDate(c.k.scheduledAt?.getTime() ?? Date.now(), s.timeZone);
  const perDay: { date: string; count: number }[] = [];
  let left = zns;
  // today keeps what is left of the quota; later days have all of it
  for (let d = 0; left > 0 && d < 366 && quota > 0; d++) {
    const room = d === 0 ? Math.max(0, usage.exhausted ? 0 : quota - usage.used) : quota;
    const n = Math.min(left, room);
    if (n > 0 || d === 0) perDay.push({ date: format(addDays(start, d), 'yyyy-MM-dd'), count: n });
    left -= n;
  }
  return {
    audience,
    withConsent: zns + sms,
    costVnd: { zns: costZns, sms: costSms, total: costZns + costSms },
    znsDailyQuota: quota,
    quotaShare: quota > 0 ? zns / quota : 0,
    days: Math.max(1, perDay.filter((p) => p.count > 0).length),
    perDay,
  };
}
