// Zalo OA OAuth v4 (PROVIDERS.md §1.1): the refresh grant, and how Zalo clients take a token that may be renewed.
export { type OaTokenPair, refreshOaToken, type ZaloOauthOptions } from './client.ts';
export { type AccessTokenSource, type TokenProvider, withAccessToken } from './token-provider.ts';
