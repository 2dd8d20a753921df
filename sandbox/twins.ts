import { esmsTwin } from './esms/index.ts';
import { hisTwin } from './his/index.ts';
import { landingTwin } from './landing/index.ts';
import { messengerTwin } from './messenger/index.ts';
import { miniAppNotifyTwin } from './miniapp-notify/index.ts';
import { phoneTwin } from './phone/index.ts';
import type { SandboxOptions, Twin } from './server.ts';
import { smtpTwin } from './smtp/index.ts';
import { speedSmsTwin } from './speedsms/index.ts';
import { sandboxZaloApp, zaloGraphTwin } from './zalo-graph/index.ts';
import { sandboxOa, zaloOaTwin } from './zalo-oa/index.ts';
import { oaTokenAuthority, zaloOauthTwin } from './zalo-oauth/index.ts';
import { znsTwin } from './zns/index.ts';

/** Every provider twin the sandbox serves. A new twin adds its line here. */
export function sandboxTwins(opts: SandboxOptions): Twin[] {
  const smtp = smtpTwin({
    smtpPort: opts.smtpPort ?? 2526,
    // read when mail is sent: the hub's listener may start after the sandbox
    get hubSmtp() {
      return opts.hubSmtp;
    },
    clinicAddress: opts.clinicEmail,
  });
  const hisPeer = hisTwin({
    mllpPort: opts.hisMllpPort ?? 0,
    get hubMllp() {
      return opts.hubMllp;
    },
  });
  const his = { app: hisPeer.app, start: hisPeer.start, stop: hisPeer.stop };
  const callbacks = {
    hubUrl: opts.hubUrl,
    deliveryDelayMs: opts.deliveryDelayMs,
    retryDelaysMs: opts.webhookRetryDelaysMs,
  };
  // one OA, one set of tokens: the OAuth twin issues them, the OA and ZNS twins check them
  const oaTokens = oaTokenAuthority({ appId: sandboxOa.appId, oaId: sandboxOa.oaId, appSecret: sandboxZaloApp.secret });
  return [
    { prefix: '/zalo-graph', title: 'Zalo Graph (Mini App: người dùng, số điện thoại)', app: zaloGraphTwin() },
    {
      prefix: '/zalo-oa',
      title: 'Zalo Official Account API (tin tư vấn, webhook)',
      app: zaloOaTwin({ ...callbacks, tokens: oaTokens }),
    },
    { prefix: '/zalo-oauth', title: 'Zalo OAuth v4 (làm mới access token của OA)', app: zaloOauthTwin(oaTokens) },
    {
      prefix: '/zns',
      title: 'ZNS / ZBS theo số điện thoại (mẫu, hạn mức, báo nhận)',
      app: znsTwin({ ...callbacks, tokens: oaTokens }),
    },
    { prefix: '/esms', title: 'eSMS.vn SMS Brandname (báo cáo gửi)', app: esmsTwin(callbacks) },
    { prefix: '/speedsms', title: 'SpeedSMS.vn SMS Brandname (báo cáo gửi)', app: speedSmsTwin(callbacks) },
    { prefix: '/miniapp-notify', title: 'Thông báo Zalo Mini App', app: miniAppNotifyTwin() },
    { prefix: '/messenger', title: 'Messenger Send API (webhook trang)', app: messengerTwin(callbacks) },
    { prefix: '/smtp', title: 'Máy chủ email (SMTP, báo phát DSN)', app: smtp.app, start: smtp.start, stop: smtp.stop },
    { prefix: '/his', title: 'HIS bệnh viện (HL7: lịch hẹn, mã bệnh nhân, kết quả xét nghiệm)', ...his },
    { prefix: '/phone', title: 'Điện thoại bệnh nhân (Zalo, Messenger, email)', app: phoneTwin() },
    { prefix: '/landing', title: 'Trang đích với form đặt lịch nhúng được', app: landingTwin({ hubUrl: opts.hubUrl }) },
  ];
}
