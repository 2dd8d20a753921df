import type { ZaloBridge } from './bridge.ts';

export type { BridgeErrorKind, ZaloBridge, ZaloPermissions, ZaloScope, ZaloUser } from './bridge.ts';
export { BridgeError } from './bridge.ts';

/**
 * Picks the bridge at build time. VITE_ZALO_BRIDGE is a constant Vite writes into the bundle, so in a production
 * build the fake branch is dead code and the fake module is never emitted (a test greps the bundle to prove it).
 * Both are dynamic imports: the fake build must not load zmp-sdk either, whose import calls login().
 */
export async function loadBridge(): Promise<ZaloBridge> {
  if (import.meta.env.VITE_ZALO_BRIDGE === 'fake') {
    const { createFakeBridge } = await import('./fake-bridge.ts');
    return createFakeBridge();
  }
  const { zmpBridge } = await import('./zmp-bridge.ts');
  return zmpBridge;
}
