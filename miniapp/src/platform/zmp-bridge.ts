import {
  authorize,
  followOA,
  getAccessToken,
  getPhoneNumber,
  getSetting,
  getStorage,
  getUserInfo,
  openChat,
  removeStorage,
  requestSendNotification,
  setStorage,
} from 'zmp-sdk/apis';
import { BridgeError, type ZaloBridge, type ZaloPermissions, type ZaloScope } from './bridge.ts';

// The only file that imports zmp-sdk (FRONTEND.md §5): importing it calls login() as a side effect.

const scopeNames: Record<ZaloScope, 'scope.userInfo' | 'scope.userPhonenumber'> = {
  userInfo: 'scope.userInfo',
  phoneNumber: 'scope.userPhonenumber',
};

/** zmp-sdk error codes meaning "the user said no" (PROVIDERS.md §3.1). */
const deniedCodes = new Set([-201, -202, -1401, -2002]);

function normalise(api: string, err: unknown): BridgeError {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'number' && deniedCodes.has(code)) {
    return new BridgeError('denied', api, 'Bạn chưa cho phép quyền này trên Zalo.');
  }
  if (code === -1404) {
    return new BridgeError('unavailable', api, 'Phiên bản Zalo của bạn chưa hỗ trợ tính năng này. Hãy cập nhật Zalo.');
  }
  return new BridgeError('failed', api, 'Zalo chưa thực hiện được yêu cầu. Vui lòng thử lại.');
}

async function guarded<T>(api: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw normalise(api, err);
  }
}

function permissions(auth: Partial<Record<string, boolean>>): ZaloPermissions {
  return { userInfo: auth['scope.userInfo'] === true, phoneNumber: auth['scope.userPhonenumber'] === true };
}

export const zmpBridge: ZaloBridge = {
  kind: 'zalo',
  getAccessToken: () => guarded('getAccessToken', () => getAccessToken()),
  getSetting: () => guarded('getSetting', async () => permissions((await getSetting()).authSetting)),
  authorize: (scopes) =>
    guarded('authorize', async () => {
      const granted = await authorize({ scopes: scopes.map((s) => scopeNames[s]) });
      return permissions(granted as Partial<Record<string, boolean>>);
    }),
  getUserInfo: () =>
    guarded('getUserInfo', async () => {
      const { userInfo } = await getUserInfo({ avatarType: 'normal' });
      return { id: userInfo.id, name: userInfo.name, avatar: userInfo.avatar };
    }),
  getPhoneNumberToken: () =>
    guarded('getPhoneNumber', async () => {
      const { token } = await getPhoneNumber();
      if (!token) throw new BridgeError('failed', 'getPhoneNumber', 'Zalo không trả về mã số điện thoại.');
      return token;
    }),
  followOA: (oaId) => guarded('followOA', () => followOA({ id: oaId, showDialogConfirm: true })),
  openChat: (oaId, message) => guarded('openChat', () => openChat({ type: 'oa', id: oaId, message })),
  requestSendNotification: () => guarded('requestSendNotification', () => requestSendNotification()),
  getItem: (key) =>
    guarded('getStorage', async () => {
      const found = (await getStorage({ keys: [key] })) as Record<string, unknown>;
      const value = found[key];
      return typeof value === 'string' ? value : null;
    }),
  setItem: (key, value) =>
    guarded('setStorage', async () => {
      await setStorage({ data: { [key]: value } });
    }),
  removeItem: (key) =>
    guarded('removeStorage', async () => {
      await removeStorage({ keys: [key] });
    }),
};
