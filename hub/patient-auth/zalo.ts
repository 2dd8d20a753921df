import { createZaloGraphClient, type ZaloGraphClient, ZaloGraphError } from '../../adapters/zalo-graph/index.ts';
import type { Config } from '../config.ts';
import { DomainError, RateLimitedError } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';

/**
 * The Zalo Graph client for the configured app. Without real credentials and without SANDBOX there is nothing to
 * verify patients against: patient sign-in then answers 503 with a message naming the settings to add.
 */
export function zaloGraph(config: Config, logger: Logger): ZaloGraphClient {
  if (!config.ZALO_APP_SECRET) {
    logger.error('patient sign-in used but neither ZALO_APP_ID/ZALO_APP_SECRET nor SANDBOX=true is configured');
    throw new DomainError(
      'zalo_not_configured',
      'Đăng nhập qua Zalo Mini App chưa được cấu hình trên máy chủ (cần ZALO_APP_ID, ZALO_APP_SECRET hoặc SANDBOX=true)',
      503,
    );
  }
  return createZaloGraphClient({ baseUrl: config.ZALO_GRAPH_URL, appSecret: config.ZALO_APP_SECRET });
}

/** Turns a Zalo Graph failure into what the Mini App is told. */
export function fromZaloError(err: unknown, logger: Logger): never {
  if (!(err instanceof ZaloGraphError)) throw err;
  const detail = { reason: err.reason, providerCode: err.providerCode };
  switch (err.reason) {
    case 'invalid_token':
      throw new DomainError('zalo_token_invalid', 'Phiên đăng nhập Zalo đã hết hạn. Vui lòng mở lại Mini App.', 401);
    case 'invalid_code':
      throw new DomainError(
        'phone_token_invalid',
        'Mã xác nhận số điện thoại đã hết hạn hoặc đã dùng. Vui lòng cho phép chia sẻ số điện thoại lại.',
        400,
      );
    case 'rate_limited':
      throw new RateLimitedError(60, 'Zalo đang bận, vui lòng thử lại sau ít phút');
    case 'invalid_credentials':
      logger.error(detail, 'Zalo Graph refused the app credentials (ZALO_APP_SECRET)');
      throw new DomainError('zalo_unavailable', 'Không xác minh được với Zalo lúc này. Vui lòng thử lại sau.', 503);
    default:
      logger.warn(detail, 'Zalo Graph call failed');
      throw new DomainError('zalo_unavailable', 'Không xác minh được với Zalo lúc này. Vui lòng thử lại sau.', 503);
  }
}
