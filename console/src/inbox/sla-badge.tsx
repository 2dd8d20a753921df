import { Badge } from '@mantine/core';
import { formatShort } from '../format.ts';
import type { Conversation } from './inbox-types.ts';

/** The most urgent service-level promise of a conversation: breached first, then the next due time. */
export function slaOf(c: Conversation, now = new Date()): { label: string; color: string } | null {
  if (c.status === 'resolved') return null;
  if (c.firstResponseBreachedAt && !c.firstRespondedAt) return { label: 'Quá hạn phản hồi', color: 'red' };
  if (c.resolutionBreachedAt) return { label: 'Quá hạn xử lý', color: 'red' };
  const due = !c.firstRespondedAt ? c.firstResponseDueAt : c.resolutionDueAt;
  if (!due) return null;
  const what = !c.firstRespondedAt ? 'Phản hồi' : 'Xử lý';
  const left = new Date(due).getTime() - now.getTime();
  if (left <= 0) return { label: `Quá hạn ${what.toLowerCase()}`, color: 'red' };
  return { label: `${what} trước ${formatShort(due, now)}`, color: left < 30 * 60_000 ? 'orange' : 'gray' };
}

export function SlaBadge({ conversation }: { conversation: Conversation }) {
  const sla = slaOf(conversation);
  if (!sla) return null;
  return (
    <Badge size="xs" variant={sla.color === 'red' ? 'filled' : 'light'} color={sla.color}>
      {sla.label}
    </Badge>
  );
}
