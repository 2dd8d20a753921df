import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { contacts } from '../../db/schema/index.ts';
import { escapeHtml as escapeHtmlText } from '../../templates/index.ts';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { notifyEngine } from './engine-registry.ts';
import { type OptOutClaim, readOptOutToken } from './opt-out-links.ts';
import { recordConsent } from './record-consent.ts';

const purposeText = {
  care: 'tin nhắc lịch và chăm sóc sức khoẻ',
  marketing: 'thông tin ưu đãi, chương trình khuyến mãi',
};
const channelText: Record<OptOutClaim['channel'], string> = {
  email: 'email',
  sms: 'tin nhắn SMS',
  zns: 'tin Zalo (ZNS)',
  zalo_oa: 'tin Zalo OA',
  miniapp: 'thông báo Mini App',
};

function page(title: string, body: string, status: 200 | 404 = 200) {
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtmlText(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1a1b1e;line-height:1.5}button{background:#0c8599;color:#fff;border:0;border-radius:6px;padding:.7rem 1.2rem;font-size:1rem;cursor:pointer}</style></head><body><h1>${escapeHtmlText(title)}</h1>${body}</body></html>`;
  return new Response(html, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/**
 * The opt-out link of non-transactional mail: GET shows a page with one button (a link scanner that fetches it
 * changes nothing), POST records the opt-out: the RFC 8058 one-click POST from the mail client
 * ("List-Unsubscribe=One-Click") and the page's button alike. Recorded in the consent ledger with the link's
 * notification as evidence; repeating it changes nothing.
 */
export function unsubscribeRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const claimOf = (token: string) => readOptOutToken(notifyEngine(deps).settings.linkSecret, token);
  const invalid = () =>
    page(
      'Liên kết không hợp lệ',
      '<p>Liên kết huỷ nhận tin này không đúng hoặc đã bị thay đổi. Vui lòng dùng liên kết trong thư gần nhất.</p>',
      404,
    );

  app.get('/:token', (c) => {
    const claim = claimOf(c.req.param('token'));
    if (!claim) return invalid();
    const what = `${purposeText[claim.purpose]} qua ${channelText[claim.channel]}`;
    return page(
      'Huỷ nhận tin',
      `<p>Bạn sẽ không nhận ${escapeHtmlText(what)} từ ${escapeHtmlText(deps.config.CLINIC_NAME)} nữa. Thông báo về lịch hẹn và kết quả khám của bạn vẫn được gửi.</p><form method="post"><input type="hidden" name="confirm" value="1"><button type="submit">Xác nhận huỷ nhận tin</button></form>`,
    );
  });

  app.post('/:token', async (c) => {
    const claim = claimOf(c.req.param('token'));
    if (!claim) return invalid();
    const body = (await c.req.text()).slice(0, 200);
    const oneClick = body.includes('List-Unsubscribe=One-Click');
    // a contact merged since the mail went out: the decision belongs to the contact it was merged into
    const [contact] = await deps.db
      .select({ id: contacts.id, mergedIntoId: contacts.mergedIntoId })
      .from(contacts)
      .where(eq(contacts.id, claim.contactId));
    if (!contact) return invalid();
    await deps.db.transaction((tx) =>
      recordConsent(tx, {
        contactId: contact.mergedIntoId ?? contact.id,
        channel: claim.channel,
        purpose: claim.purpose,
        status: 'revoked',
        source: 'email_link',
        evidence: { via: oneClick ? 'one_click' : 'page', notificationId: claim.notificationId ?? null },
      }),
    );
    if (oneClick) return c.text('Đã huỷ nhận tin', 200);
    return page(
      'Đã huỷ nhận tin',
      `<p>Bạn sẽ không nhận ${escapeHtmlText(purposeText[claim.purpose])} qua ${escapeHtmlText(channelText[claim.channel])} nữa. Nếu đổi ý, hãy báo cho phòng khám.</p>`,
    );
  });
  return app;
}
