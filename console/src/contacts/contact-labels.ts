import type { IdentityChannel } from './contact-types.ts';

/** Ways a contact can be reached, as the list shows them. */
export const identityChannelInfo: Record<IdentityChannel, { label: string; color: string }> = {
  phone: { label: 'Điện thoại', color: 'teal' },
  email: { label: 'Email', color: 'orange' },
  zalo_oa: { label: 'Zalo OA', color: 'blue' },
  miniapp: { label: 'Zalo Mini App', color: 'cyan' },
  messenger: { label: 'Messenger', color: 'violet' },
};

export const identityChannels = Object.keys(identityChannelInfo) as IdentityChannel[];

/** 84912345678 → "0912 345 678" (landlines 842438264567 → "024 3826 4567"), the way staff read and dial. */
export function formatPhone(p84: string | null): string {
  if (!p84) return '—';
  if (!/^84\d{9,10}$/.test(p84)) return p84;
  const national = `0${p84.slice(2)}`;
  return national.length === 10
    ? `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`
    : `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
}
