import { createEsmsGateway, type EsmsOptions } from './esms/index.ts';
import { type SmsAdapter, smsAdapter } from './sms-adapter.ts';
import { createSpeedSmsGateway, type SpeedSmsOptions } from './speedsms/index.ts';

export { prepareSmsText, type SmsSegments, smsEncoding, smsSegments, stripDiacritics } from './content.ts';
export { callbackToken, type SmsGateway, withCallbackToken } from './gateway.ts';
export type { EsmsOptions, SmsAdapter, SpeedSmsOptions };
export { createEsmsGateway, createSpeedSmsGateway, smsAdapter };

export type SmsAdapterOptions =
  | { provider: 'esms'; esms: EsmsOptions }
  | { provider: 'speedsms'; speedsms: SpeedSmsOptions };

/**
 * SMS Brandname through the configured gateway (SMS_PROVIDER). Delivery reports: eSMS calls back with GET and query
 * parameters (hand the query string over as RawRequest.query), SpeedSMS with a JSON POST; both URLs carry the secret
 * `token` parameter — `callbackToken(secret, provider)`; SpeedSMS's URL is set in its dashboard by hand.
 */
export function createSmsAdapter(opts: SmsAdapterOptions): SmsAdapter {
  return smsAdapter(opts.provider === 'esms' ? createEsmsGateway(opts.esms) : createSpeedSmsGateway(opts.speedsms));
}
