import { CircleAlert, CircleCheck } from 'lucide-react';
import { useCallback } from 'react';
import { useSnackbar } from 'zmp-ui';

/**
 * zmp-ui's openSnackbar is untyped (FRONTEND.md §2.4) and its default icons come from the CDN icon font
 * (§3.2), so every snackbar goes through here, with an icon drawn from lucide.
 */
export function useNotify() {
  const { openSnackbar } = useSnackbar() as {
    openSnackbar(opts: { text: string; type?: string; prefixIcon?: React.ReactNode; duration?: number }): void;
  };
  return useCallback(
    (text: string, kind: 'success' | 'error' = 'success') =>
      openSnackbar({
        text,
        type: kind,
        duration: kind === 'error' ? 5000 : 3000,
        prefixIcon: kind === 'error' ? <CircleAlert size={20} /> : <CircleCheck size={20} />,
      }),
    [openSnackbar],
  );
}
