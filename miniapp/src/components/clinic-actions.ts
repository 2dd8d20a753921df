import { useCallback } from 'react';
import { errorMessage } from '../api.ts';
import { useBridge } from './app-context.tsx';
import { useNotify } from './notify.tsx';

/** The clinic's Zalo Official Account, fixed per build (empty: follow and chat are not offered). */
export const clinicOaId = import.meta.env.VITE_ZALO_OA_ID ?? '';

/** Follow the clinic's OA and open a chat with it, through the Zalo bridge. */
export function useClinicOa() {
  const bridge = useBridge();
  const notify = useNotify();
  const follow = useCallback(async () => {
    try {
      await bridge.followOA(clinicOaId);
      notify('Bạn đã quan tâm Zalo OA của phòng khám');
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  }, [bridge, notify]);
  const chat = useCallback(
    async (message?: string) => {
      try {
        await bridge.openChat(clinicOaId, message);
      } catch (err) {
        notify(errorMessage(err), 'error');
      }
    },
    [bridge, notify],
  );
  return { available: clinicOaId !== '', follow, chat };
}
