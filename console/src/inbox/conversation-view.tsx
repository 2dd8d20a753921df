import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Drawer,
  Group,
  Loader,
  ScrollArea,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { ArrowLeft, User } from 'lucide-react';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Me } from '../api.ts';
import { api, call, errorMessage } from '../api.ts';
import { ChannelBadge } from './channel-badge.tsx';
import { Composer } from './composer.tsx';
import { ContactPanel } from './contact-panel.tsx';
import { ConversationActions } from './conversation-actions.tsx';
import { kindLabels } from './inbox-labels.ts';
import { useInboxEvents } from './inbox-stream.ts';
import type { Agent, ConversationDetail, Label, Message } from './inbox-types.ts';
import { MessageThread } from './message-thread.tsx';
import { SlaBadge } from './sla-badge.tsx';

interface Props {
  id: string;
  me: Me;
  agents: Agent[];
  labels: Label[];
  onBack(): void;
}

const pageSize = 50;

function ConversationBadges({ conv }: { conv: ConversationDetail }) {
  return (
    <>
      <ChannelBadge channel={conv.channel} />
      <Badge size="sm" variant="outline" color="gray" style={{ flexShrink: 0 }}>
        {kindLabels[conv.kind]}
      </Badge>
      <SlaBadge conversation={conv} />
    </>
  );
}

/** One conversation: header with actions, the thread, the composer, and the contact beside it. */
export function ConversationView({ id, me, agents, labels, onBack }: Props) {
  const [conv, setConv] = useState<ConversationDetail | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [older, setOlder] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [contactOpen, setContactOpen] = useState(false);
  const wide = useMediaQuery('(min-width: 90em)');
  const phone = useMediaQuery('(max-width: 48em)');
  const viewport = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const canContacts = me.permissions.includes('contacts.read');

  const markRead = useCallback(() => {
    void call(api.inbox.conversations[':id'].read.$post({ param: { id } })).catch(() => {});
  }, [id]);

  const loadConversation = useCallback(async () => {
    try {
      setConv(await call(api.inbox.conversations[':id'].$get({ param: { id } })));
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [id]);

  /** The newest page, merged with any older pages already shown. */
  const loadLatest = useCallback(async () => {
    try {
      const page = await call(
        api.inbox.conversations[':id'].messages.$get({ param: { id }, query: { limit: String(pageSize) } }),
      );
      setMessages((prev) => {
        const fresh = new Set(page.items.map((m) => m.id));
        const firstFresh = page.items[0]?.createdAt ?? '';
        const kept = prev.filter((m) => !fresh.has(m.id) && m.createdAt < firstFresh);
        return [...kept, ...page.items];
      });
      setOlder((prev) => (prev === null ? page.nextCursor : prev));
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [id]);

  const loadOlder = async () => {
    if (!older) return;
    try {
      const page = await call(
        api.inbox.conversations[':id'].messages.$get({
          param: { id },
          query: { limit: String(pageSize), before: older },
        }),
      );
      stickToBottom.current = false;
      setMessages((prev) => [...page.items.filter((m) => !prev.some((p) => p.id === m.id)), ...prev]);
      setOlder(page.nextCursor);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  useEffect(() => {
    setConv(null);
    setMessages([]);
    setOlder(null);
    setError(null);
    setActionError(null);
    stickToBottom.current = true;
    void loadConversation();
    void loadLatest();
    markRead();
  }, [loadConversation, loadLatest, markRead]);

  useInboxEvents((e) => {
    if (e.type === 'resync') {
      void loadConversation();
      void loadLatest();
      return;
    }
    if (!('conversationId' in e) || e.conversationId !== id) return;
    if (e.type === 'message.created' || e.type === 'message.updated') {
      stickToBottom.current = e.type === 'message.created' || stickToBottom.current;
      void loadLatest();
      if (e.type === 'message.created') {
        void loadConversation();
        if (e.direction === 'in') markRead();
      }
    } else if (e.type !== 'mention') {
      void loadConversation();
    }
  });

  useLayoutEffect(() => {
    const el = viewport.current;
    if (el && stickToBottom.current && messages.length > 0) el.scrollTop = el.scrollHeight;
  }, [messages]);

  if (error && !conv) {
    return (
      <Alert color="red" variant="light" role="alert" title="Không mở được hội thoại">
        {error}
      </Alert>
    );
  }
  if (!conv) {
    return (
      <Group justify="center" p="xl">
        <Loader size="sm" />
      </Group>
    );
  }

  const name = conv.contact.displayName || conv.contact.fullName;
  const onSent = (m: Message) => {
    stickToBottom.current = true;
    setMessages((prev) => (prev.some((p) => p.id === m.id) ? prev : [...prev, m]));
    void loadConversation();
  };

  const main = (
    <Stack gap="xs" h="100%" style={{ minHeight: 0, flex: 1, minWidth: 0 }}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
            {phone && (
              <ActionIcon variant="subtle" onClick={onBack} aria-label="Quay lại danh sách">
                <ArrowLeft size={18} />
              </ActionIcon>
            )}
            <Title order={2} fz="lg" lineClamp={1} style={{ minWidth: 0 }}>
              {name}
            </Title>
            {!phone && <ConversationBadges conv={conv} />}
          </Group>
          {canContacts && !wide && (
            <Button
              size="xs"
              variant="default"
              leftSection={<User size={14} />}
              onClick={() => setContactOpen(true)}
              style={{ flexShrink: 0 }}
            >
              Hồ sơ khách
            </Button>
          )}
        </Group>
        {phone && (
          <Group gap="xs">
            <ConversationBadges conv={conv} />
          </Group>
        )}
        {conv.subject && (
          <Text size="sm" c="dimmed" truncate>
            {conv.subject}
          </Text>
        )}
        <ConversationActions
          conversation={conv}
          agents={agents}
          labels={labels}
          meId={me.id}
          permissions={me.permissions}
          onChanged={setConv}
          onError={setActionError}
        />
        {actionError && (
          <Alert color="red" variant="light" role="alert" p={6}>
            <Text size="sm">{actionError}</Text>
          </Alert>
        )}
      </Stack>

      <ScrollArea
        viewportRef={viewport}
        style={{ flex: 1, minHeight: 120 }}
        type="auto"
        bg="gray.0"
        p="xs"
        onScrollPositionChange={({ y }) => {
          const el = viewport.current;
          if (el) stickToBottom.current = el.scrollHeight - el.clientHeight - y < 40;
        }}
      >
        {older && (
          <Group justify="center" mb="xs">
            <Button size="compact-xs" variant="subtle" onClick={loadOlder}>
              Xem tin cũ hơn
            </Button>
          </Group>
        )}
        <MessageThread messages={messages} />
        {messages.length === 0 && (
          <Text ta="center" c="dimmed" size="sm" p="md">
            Chưa có tin nhắn.
          </Text>
        )}
      </ScrollArea>

      <Composer
        key={conv.id}
        conversation={conv}
        agents={agents}
        canReply={me.permissions.includes('inbox.reply')}
        onSent={onSent}
        onRefused={() => void loadConversation()}
      />
    </Stack>
  );

  return (
    <Group gap="md" align="stretch" wrap="nowrap" h="100%" style={{ minHeight: 0 }}>
      {main}
      {canContacts && wide && (
        <Box w={300} style={{ flexShrink: 0, overflowY: 'auto' }} pl="md" className="contact-column">
          <ContactPanel contactId={conv.contact.id} />
        </Box>
      )}
      {canContacts && !wide && (
        <Drawer
          opened={contactOpen}
          onClose={() => setContactOpen(false)}
          position="right"
          size="sm"
          title="Hồ sơ khách hàng"
        >
          <ContactPanel contactId={conv.contact.id} />
        </Drawer>
      )}
    </Group>
  );
}
