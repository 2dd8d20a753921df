import type { SmsGateway } from '../gateway.ts';
import { type EsmsOptions, sendEsms } from './client.ts';
import { parseEsmsCallback, verifyEsmsCallback } from './webhook.ts';

export type { EsmsOptions } from './client.ts';

/** eSMS.vn (ViHAT) SMS Brandname (PROVIDERS.md §5.1). */
export function createEsmsGateway(opts: EsmsOptions): SmsGateway {
  return {
    provider: 'esms',
    account: opts.brandname,
    send: (req) => sendEsms(opts, req),
    verifyCallback: (req) => verifyEsmsCallback(req, opts.secretKey),
    parseCallback: parseEsmsCallback,
  };
}
