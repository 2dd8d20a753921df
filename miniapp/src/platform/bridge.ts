/**
 * The one door to the Zalo platform. App code talks to this interface only; `zmp-bridge.ts` implements it over
 * zmp-sdk (the only file importing zmp-sdk) and `fake-bridge.ts` over the sandbox twin of Zalo, for tests and local
 * preview. Which one a build gets is fixed at build time (`index.ts`).
 */

/** The Zalo user as the Mini App sees them; `id` is the app-scoped id (the hub re-checks it against Graph /me). */
export interface ZaloUser {
  id: string;
  name: string;
  avatar: string;
}

/** What the user has allowed this Mini App to read. */
export interface ZaloPermissions {
  userInfo: boolean;
  phoneNumber: boolean;
}

export type ZaloScope = 'userInfo' | 'phoneNumber';

/** denied: the user said no (or "never ask again"); unavailable: the API cannot run here; failed: anything else. */
export type BridgeErrorKind = 'denied' | 'unavailable' | 'failed';

export class BridgeError extends Error {
  readonly kind: BridgeErrorKind;
  readonly api: string;
  constructor(kind: BridgeErrorKind, api: string, message: string) {
    super(message);
    this.name = 'BridgeError';
    this.kind = kind;
    this.api = api;
  }
}

export interface ZaloBridge {
  /** Which implementation this is; the UI says so when it is the local fake. */
  readonly kind: 'zalo' | 'fake';
  /** The Zalo access token the hub verifies server-side (Graph /me with appsecret_proof). */
  getAccessToken(): Promise<string>;
  getSetting(): Promise<ZaloPermissions>;
  /** Asks the user for the scopes not granted yet; resolves with what is granted afterwards. */
  authorize(scopes: ZaloScope[]): Promise<ZaloPermissions>;
  /** Name and avatar; needs the userInfo scope. */
  getUserInfo(): Promise<ZaloUser>;
  /** A single-use token (2 minutes) the hub exchanges for the number; the number itself never reaches the app. */
  getPhoneNumberToken(): Promise<string>;
  followOA(oaId: string): Promise<void>;
  openChat(oaId: string, message?: string): Promise<void>;
  /** Opt-in to Mini App notifications. */
  requestSendNotification(): Promise<void>;
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}
