import type { SmsGateway } from '../gateway.ts';
import { type SpeedSmsOptions, sendSpeedSms } from './client.ts';
import { parseSpeedSmsCallback, verifySpeedSmsCallback } from './webhook.ts';

export type { SpeedSmsOptions } from './client.ts';

/** SpeedSMS.vn SMS Brandname (PROVIDERS.md §5.2). */
export function createSpeedSmsGateway(opts: SpeedSmsOptions): SmsGateway {
  return {
    provider: 'speedsms',
    account: opts.sender,
    send: (req) => sendSpeedSms(opts, req),
    verifyCallback: (req) => verifySpeedSmsCallback(req, opts.accessToken),
    parseCallback: parseSpeedSmsCallback,
  };
}
