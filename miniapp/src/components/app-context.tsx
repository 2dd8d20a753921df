import { createContext, type ReactNode, useContext } from 'react';
import type { HubApi } from '../api.ts';
import type { ZaloBridge } from '../platform/index.ts';

/**
 * The two doors to the outside, handed down instead of imported: the Zalo bridge chosen at build time and the hub's
 * typed client. Component tests hand in their own.
 */
const BridgeContext = createContext<ZaloBridge | null>(null);
const ApiContext = createContext<HubApi | null>(null);

export function AppServices({ bridge, api, children }: { bridge: ZaloBridge; api: HubApi; children: ReactNode }) {
  return (
    <BridgeContext.Provider value={bridge}>
      <ApiContext.Provider value={api}>{children}</ApiContext.Provider>
    </BridgeContext.Provider>
  );
}

export function useBridge(): ZaloBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge outside <AppServices>');
  return bridge;
}

export function useApi(): HubApi['client'] {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <AppServices>');
  return api.client;
}

export function useHubApi(): HubApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useHubApi outside <AppServices>');
  return api;
}
