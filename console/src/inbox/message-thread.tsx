import { Anchor, Badge, Box, Group, Image, Paper, Stack, Text } from '@mantine/core';
import { Paperclip, StickyNote } from 'lucide-react';
import { formatShort } from '../format.ts';
import { deliveryInfo } from './inbox-labels.ts';
import type { Attachment, Message } from './inbox-types.ts';

/** The hub's own attachment route answers inline for images when asked; provider URLs are used as they are. */
const hubAttachment = (url: string) => url.startsWith('/api/inbox/attachments/');

function AttachmentView({ a }: { a: Attachment }) {
  if (a.kind === 'image' || a.kind === 'sticker') {
    const src = hubAttachment(a.url) ? `${a.url}?inline=1` : (a.thumbnailUrl ?? a.url);
    return (
      <Anchor href={hubAttachment(a.url) ? `${a.url}?inline=1` : a.url} target="_blank" rel="noopener noreferrer">
        <Image src={src} alt={a.name ?? 'Ảnh đính kèm'} maw={240} mah={240} fit="contain" radius="sm" />
      </Anchor>
    );
  }
  if (a.kind === 'location' && a.latitude !== undefined && a.longitude !== undefined) {
    return (
      <Anchor
        size="sm"
        href={`https://www.openstreetmap.org/?mlat=${a.latitude}&mlon=${a.longitude}#map=17/${a.latitude}/${a.longitude}`}
        target="_blank"
        rel="noopener noreferrer"
      >
        Vị trí: {a.latitude.toFixed(5)}, {a.longitude.toFixed(5)}
      </Anchor>
    );
  }
  const size = a.sizeBytes ? ` (${Math.max(1, Math.round(a.sizeBytes / 1024))} KB)` : '';
  return (
    <Anchor
      size="sm"
      href={a.url}
      target="_blank"
      rel="noopener noreferrer"
      download={hubAttachment(a.url) || undefined}
    >
      <Group gap={4} wrap="nowrap" component="span">
        <Paperclip size={14} aria-hidden />
        <span>
          {a.name ?? (a.kind === 'link' ? a.url : 'Tệp đính kèm')}
          {size}
        </span>
      </Group>
    </Anchor>
  );
}

/** Where an outbound message is in the provider's hands; a failure says why. */
export function DeliveryState({ message }: { message: Message }) {
  if (message.direction !== 'out' || !message.deliveryState) return null;
  const info = deliveryInfo[message.deliveryState];
  return (
    <Group gap={4} justify="flex-end" data-testid="delivery-state" data-state={message.deliveryState}>
      <Badge size="xs" variant={message.deliveryState === 'failed' ? 'filled' : 'light'} color={info.color}>
        {info.label}
      </Badge>
      {message.deliveryState === 'failed' && (message.failureReason || message.failureCode) && (
        <Text size="xs" c="red.8">
          {message.failureReason ?? message.failureCode}
        </Text>
      )}
    </Group>
  );
}

function Bubble({ m }: { m: Message }) {
  const note = m.direction === 'note';
  const out = m.direction === 'out';
  const who = note
    ? `Ghi chú nội bộ · ${m.authorName ?? 'Nhân viên'}`
    : out
      ? m.echo
        ? 'Gửi từ trang quản trị của kênh'
        : (m.authorName ?? (m.authorKind === 'bot' ? 'Trả lời tự động' : 'Phòng khám'))
      : 'Khách hàng';
  return (
    <Group justify={note ? 'center' : out ? 'flex-end' : 'flex-start'} wrap="nowrap">
      <Paper
        data-direction={m.direction}
        p="xs"
        px="sm"
        radius="md"
        maw={note ? '92%' : '78%'}
        withBorder={note || !out}
        bg={note ? 'yellow.0' : out ? 'teal.0' : 'white'}
        style={note ? { borderColor: 'var(--mantine-color-yellow-5)', borderStyle: 'dashed' } : undefined}
      >
        <Group gap={6} justify="space-between" wrap="nowrap" mb={2}>
          <Group gap={4} wrap="nowrap">
            {note && <StickyNote size={12} aria-hidden color="var(--mantine-color-yellow-8)" />}
            <Text size="xs" fw={600} c={note ? 'yellow.9' : 'dimmed'}>
              {who}
            </Text>
            {m.messagingTag && (
              <Badge size="xs" variant="outline" color="violet">
                {m.messagingTag}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {formatShort(m.createdAt)}
          </Text>
        </Group>
        {m.subject && (
          <Text size="xs" fw={600}>
            Tiêu đề: {m.subject}
          </Text>
        )}
        {m.body && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {m.body}
          </Text>
        )}
        {!m.body && m.attachments.length === 0 && (
          <Text size="sm" c="dimmed" fs="italic">
            [{m.contentType}]
          </Text>
        )}
        {m.attachments.length > 0 && (
          <Stack gap={4} mt={m.body ? 6 : 0}>
            {m.attachments.map((a) => (
              <AttachmentView key={a.url} a={a} />
            ))}
          </Stack>
        )}
        <Box mt={4}>
          <DeliveryState message={m} />
        </Box>
      </Paper>
    </Group>
  );
}

/** The conversation's messages, oldest first: the patient left, the clinic right, private notes set apart. */
export function MessageThread({ messages }: { messages: Message[] }) {
  return (
    <Stack gap="xs" component="ol" aria-label="Tin nhắn" p={0} m={0} style={{ listStyle: 'none' }}>
      {messages.map((m) => (
        <li key={m.id} data-message={m.id}>
          <Bubble m={m} />
        </li>
      ))}
    </Stack>
  );
}
