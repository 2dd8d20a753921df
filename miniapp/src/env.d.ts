/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** "fake": the sandbox-backed bridge (tests, local preview); anything else: zmp-sdk. Set by vite.config.ts. */
  readonly VITE_ZALO_BRIDGE: string;
  /** "1": in-memory router, so the app renders at any path outside Zalo (FRONTEND.md §3.1). */
  readonly VITE_MEMORY_ROUTER: string;
  /** The hub's public address for the deployed Mini App (it runs on Zalo's origin); empty = same origin. */
  readonly VITE_HUB_URL?: string;
  /** The clinic's Zalo Official Account id (follow, chat); empty: those buttons are not shown. */
  readonly VITE_ZALO_OA_ID: string;
}

interface Window {
  APP_CONFIG?: unknown;
  APP_ID?: string;
}
