import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { patients, resultLookupLinks, results } from '../../../db/schema/index.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { clientIp } from '../../auth/request-meta.ts';
import type { AppDeps, AppEnv } from '../../platform/context.ts';
import { type LoadedResult, loadResult } from '../load-result.ts';
import { lookupPreviewUrl } from '../preview-urls.ts';
import { imageHeaders, loadPreview } from '../previews.ts';
import { parseBirthDate } from './birth-date.ts';
import { lookupAttempts } from './lookup-attempts.ts';
import { birthDateForm, document, messageBody } from './lookup-html.ts';
import { resultsBody } from './lookup-results-html.ts';
import { lookupKey, signLookupSession, verifyLookupSession, verifyLookupToken } from './lookup-token.ts';

const cookieName = 'mc_kq';
const sessionSeconds = 15 * 60;
const FormSchema = z.object({ birthDate: z.string().max(40).default('') });

type Link = { id: string; resultId: string; patientId: string; fullName: string; birthDate: string | null };

/**
 * The web result lookup at /kq/<token> ("link tra cứu kết quả" in an SMS, ZNS or email): the birth date of the
 * patient opens a 15-minute cookie scoped to that one link; wrong dates are counted in Redis and lock the link for a
 * while; every attempt and every view goes to the audit log. Expired and unknown links get a plain Vietnamese page.
 */
export function resultLookupRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const key = lookupKey(deps.config);
  const attempts = lookupAttempts(deps);
  const { CLINIC_NAME: clinicName, CLINIC_TIMEZONE: timeZone } = deps.config;

  const page = (c: Context<AppEnv>, status: ContentfulStatusCode, title: string, body: string) => {
    c.header('cache-control', 'no-store');
    c.header('x-robots-tag', 'noindex');
    c.header('referrer-policy', 'no-referrer');
    return c.html(document({ title, clinicName, body }), status);
  };
  const invalid = (c: Context<AppEnv>) =>
    page(
      c,
      404,
      'Đường dẫn không hợp lệ',
      messageBody(
        'Đường dẫn tra cứu không hợp lệ',
        'Vui lòng kiểm tra lại đường dẫn trong tin nhắn của phòng khám, hoặc liên hệ phòng khám để được hỗ trợ.',
      ),
    );
  const expired = (c: Context<AppEnv>) =>
    page(
      c,
      410,
      'Đường dẫn đã hết hạn',
      messageBody(
        'Đường dẫn tra cứu đã hết hạn',
        `Vì lý do bảo mật, mỗi đường dẫn chỉ dùng được trong một thời gian. Bạn có thể xem kết quả trong Mini App trên Zalo hoặc liên hệ ${clinicName} để nhận đường dẫn mới.`,
      ),
    );
  const audit = (
    c: Context<AppEnv>,
    link: Link,
    action: string,
    outcome: 'success' | 'failure' | 'denied',
    detail = {},
  ) =>
    recordAudit(deps.db, {
      action,
      outcome,
      actorKind: 'patient',
      subjectType: 'result',
      subjectId: link.resultId,
      ip: clientIp(c),
      requestId: c.get('requestId'),
      detail: { linkId: link.id, via: 'web_link', ...detail },
    });

  async function resolve(token: string): Promise<Link | 'invalid' | 'expired'> {
    const id = verifyLookupToken(key, token);
    if (!id) return 'invalid';
    const [row] = await deps.db
      .select({
        id: resultLookupLinks.id,
        resultId: resultLookupLinks.resultId,
        patientId: resultLookupLinks.patientId,
        expiresAt: resultLookupLinks.expiresAt,
        revokedAt: resultLookupLinks.revokedAt,
        fullName: patients.fullName,
        birthDate: patients.birthDate,
      })
      .from(resultLookupLinks)
      .innerJoin(patients, eq(patients.id, resultLookupLinks.patientId))
      .where(eq(resultLookupLinks.id, id));
    if (!row) return 'invalid';
    if (row.revokedAt || row.expiresAt.getTime() <= Date.now()) return 'expired';
    return row;
  }

  const signedIn = (c: Context<AppEnv>, link: Link) =>
    verifyLookupSession(key, link.id, getCookie(c, cookieName), Math.floor(Date.now() / 1000));

  /** Released results of the link's patient, the linked one first, then newest first. */
  async function viewable(link: Link): Promise<LoadedResult[]> {
    const ids = await deps.db
      .select({ id: results.id })
      .from(results)
      .where(and(eq(results.patientId, link.patientId), isNotNull(results.releasedToPatientAt)))
      .orderBy(
        desc(sql`${results.id} = ${link.resultId}`),
        desc(sql`coalesce(${results.reportedAt}, ${results.createdAt})`),
      )
      .limit(20);
    const loaded = await Promise.all(ids.map((r) => loadResult(deps.db, r.id)));
    return loaded.filter((r): r is LoadedResult => r !== null);
  }

  app.get('/:token', async (c) => {
    const token = c.req.param('token');
    const link = await resolve(token);
    if (link === 'invalid') return invalid(c);
    if (link === 'expired') return expired(c);
    if (!signedIn(c, link)) return page(c, 200, 'Xác minh', birthDateForm({ action: `/kq/${token}` }));
    const shown = await viewable(link);
    for (const r of shown) {
      await recordAudit(deps.db, {
        action: 'result.view',
        actorKind: 'patient',
        subjectType: 'result',
        subjectId: r.id,
        ip: clientIp(c),
        requestId: c.get('requestId'),
        detail: { linkId: link.id, via: 'web_link' },
      });
    }
    await deps.db
      .update(resultLookupLinks)
      .set({ viewCount: sql`${resultLookupLinks.viewCount} + 1`, lastViewedAt: sql`now()` })
      .where(eq(resultLookupLinks.id, link.id));
    return page(
      c,
      200,
      'Kết quả khám',
      resultsBody({
        patientName: link.fullName,
        results: shown,
        timeZone,
        imageUrl: (previewId) => lookupPreviewUrl(token, previewId),
      }),
    );
  });

  app.post('/:token', async (c) => {
    const token = c.req.param('token');
    const link = await resolve(token);
    if (link === 'invalid') return invalid(c);
    if (link === 'expired') return expired(c);
    const ip = clientIp(c) ?? 'unknown';
    const action = `/kq/${token}`;
    // `audited`: the mistake that locks the link is already in the log as a failure
    const locked = async (seconds: number, audited = false) => {
      if (!audited) await audit(c, link, 'result.lookup', 'denied', { reason: 'locked' });
      c.header('retry-after', String(seconds));
      return page(
        c,
        429,
        'Tạm khoá',
        messageBody(
          'Bạn đã nhập sai quá nhiều lần',
          `Đường dẫn tạm khoá trong ${Math.ceil(seconds / 60)} phút. Vui lòng thử lại sau hoặc liên hệ ${clinicName}.`,
        ),
      );
    };
    const wait = await attempts.lockedFor(link.id, ip);
    if (wait > 0) return locked(wait);
    const form = FormSchema.safeParse(await c.req.parseBody().catch(() => ({})));
    const typed = form.success ? form.data.birthDate.trim() : '';
    const iso = parseBirthDate(typed);
    if (!iso) {
      return page(
        c,
        400,
        'Xác minh',
        birthDateForm({ action, value: typed, error: 'Ngày sinh chưa đúng dạng ngày/tháng/năm, ví dụ 14/03/1988.' }),
      );
    }
    if (!link.birthDate) {
      return page(
        c,
        409,
        'Chưa xác minh được',
        messageBody(
          'Hồ sơ chưa có ngày sinh',
          `Không thể xác minh người xem qua đường dẫn này. Vui lòng xem kết quả trong Mini App hoặc liên hệ ${clinicName}.`,
        ),
      );
    }
    if (iso !== link.birthDate) {
      const left = await attempts.fail(link.id, ip);
      await audit(c, link, 'result.lookup', 'failure', { reason: 'wrong_birth_date', attemptsLeft: left });
      if (left === 0) return locked(deps.config.RESULT_LOOKUP_LOCK_MINUTES * 60, true);
      return page(
        c,
        400,
        'Xác minh',
        birthDateForm({ action, error: `Ngày sinh không khớp với hồ sơ. Bạn còn ${left} lần thử.` }),
      );
    }
    await attempts.clear(link.id);
    await audit(c, link, 'result.lookup', 'success');
    const expires = Math.floor(Date.now() / 1000) + sessionSeconds;
    setCookie(c, cookieName, signLookupSession(key, link.id, expires), {
      path: action,
      httpOnly: true,
      secure: deps.config.COOKIE_SECURE,
      sameSite: 'Lax',
      maxAge: sessionSeconds,
    });
    c.header('cache-control', 'no-store');
    return c.redirect(action, 303);
  });

  app.get('/:token/anh/:previewId', async (c) => {
    const link = await resolve(c.req.param('token'));
    const previewId = c.req.param('previewId');
    if (typeof link === 'string' || !signedIn(c, link) || !z.uuid().safeParse(previewId).success) {
      return c.body(null, 404);
    }
    const preview = await loadPreview(deps.db, previewId).catch(() => null);
    const allowed = preview?.resultId
      ? (
          await deps.db
            .select({ id: results.id })
            .from(results)
            .where(
              and(
                eq(results.id, preview.resultId),
                eq(results.patientId, link.patientId),
                isNotNull(results.releasedToPatientAt),
              ),
            )
        ).length > 0
      : false;
    if (!preview || !allowed) return c.body(null, 404);
    return c.body(new Uint8Array(preview.bytes), 200, imageHeaders(preview));
  });

  app.all('*', (c) => invalid(c));
  return app;
}
