export {
  appSecretProof,
  createZaloGraphClient,
  type ZaloGraphClient,
  type ZaloGraphConfig,
  type ZaloUser,
} from './client.ts';
export { PermanentError, RateLimitError, TransientError, ZaloGraphError, type ZaloGraphReason } from './errors.ts';
