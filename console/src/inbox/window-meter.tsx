import { Alert, Text } from '@mantine/core';
import { formatDateTime } from '../format.ts';
import type { MessagingWindow } from './inbox-types.ts';

/** Whether a free reply is possible on this channel now, until when, and why not when it is not. */
export function windowTone(w: MessagingWindow): { color: string; title: string } {
  if (!w.canReply) return { color: 'red', title: 'Không thể trả lời trên kênh này lúc này' };
  if (w.canReplyFree) return { color: 'teal', title: 'Có thể trả lời miễn phí' };
  if (w.messagingTag) return { color: 'yellow', title: `Trả lời kèm thẻ ${w.messagingTag}` };
  return { color: 'yellow', title: 'Trả lời có tính phí' };
}

export function WindowMeter({ window: w }: { window: MessagingWindow }) {
  const tone = windowTone(w);
  return (
    <Alert
      data-testid="window-meter"
      role="status"
      data-reason={w.reason}
      color={tone.color}
      variant="light"
      p={6}
      px="sm"
    >
      <Text size="xs">
        <Text span size="xs" fw={700}>
          {tone.title}:
        </Text>{' '}
        {w.message}
        {w.until && ` · đến ${formatDateTime(w.until)}`}
      </Text>
    </Alert>
  );
}
