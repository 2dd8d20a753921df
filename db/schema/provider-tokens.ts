import { pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt, timestamptz, updatedAt } from './columns.ts';

/**
 * The current OAuth token pair of each provider account (today: each Zalo OA, provider 'zalo_oa', account the OA id).
 * Zalo's refresh tokens are single-use and rotate, so the pair lives here, not in the configuration: a refresh
 * replaces both in one UPDATE … WHERE refresh_token = <the one used> (hub/providers).
 */
export const providerTokens = pgTable(
  'provider_tokens',
  {
    provider: text('provider').notNull(),
    account: text('account').notNull(),
    accessToken: text('access_token').notNull(),
    refreshToken: text('refresh_token').notNull(),
    /** unknown for a pair taken from the configuration */
    accessExpiresAt: timestamptz('access_expires_at'),
    refreshExpiresAt: timestamptz('refresh_expires_at'),
    /** SHA-256 of the configured pair the row started from: a new pair in the configuration replaces the row */
    seedFingerprint: text('seed_fingerprint').notNull(),
    refreshedAt: timestamptz('refreshed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ name: 'provider_tokens_pk', columns: [t.provider, t.account] })],
);

export type ProviderToken = typeof providerTokens.$inferSelect;
