import { landingTwin } from './landing/index.ts';
import { messengerTwin } from './messenger/index.ts';
import { phoneTwin } from './phone/index.ts';
import type { SandboxOptions, Twin } from './server.ts';
import { smtpTwin } from './smtp/index.ts';
import { zaloGraphTwin } from './zalo-graph/index.ts';
import { zaloOaTwin } from './zalo-oa/index.ts';

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
  const callbacks = {
    hubUrl: opts.hubUrl,
    deliveryDelayMs: opts.deliveryDelayMs,
    retryDelaysMs: opts.webhookRetryDelaysMs,
  };
  return [
    { prefix: '/zalo-graph', title: 'Zalo Graph (Mini App: người dùng, số điện thoại)', app: zaloGraphTwin() },
    { prefix: '/zalo-oa', title: 'Zalo Official Account API (tin tư vấn, webhook)', app: zaloOaTwin(callbacks) },
    { prefix: '/messenger', title: 'Messenger Send API (webhook trang)', app: messengerTwin(callbacks) },
    { prefix: '/smtp', title: 'Máy chủ email (SMTP, báo phát DSN)', app: smtp.app, start: smtp.start, stop: smtp.stop },
    { prefix: '/phone', title: 'Điện thoại bệnh nhân (Zalo, Messenger, email)', app: phoneTwin() },
    { prefix: '/landing', title: 'Trang đích với form đặt lịch nhúng được', app: landingTwin({ hubUrl: opts.hubUrl }) },
  ];
}
