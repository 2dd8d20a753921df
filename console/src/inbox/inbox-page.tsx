import { Alert, Anchor, Badge, Box, Button, Group, Paper, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { PhoneCall } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import type { Me } from '../api.ts';
import { api, call } from '../api.ts';
import { type Booked, BookForCallerModal } from '../appointments/book-for-caller-modal.tsx';
import { formatVisit } from '../appointments/clinic-dates.ts';
import { navigate } from '../router.ts';
import { ConversationList, defaultFilters, type InboxFilters } from './conversation-list.tsx';
import { ConversationView } from './conversation-view.tsx';
import { HotlineCallModal } from './hotline-call-modal.tsx';
import { InboxStream, InboxStreamContext, useStreamStatus } from './inbox-stream.ts';
import type { Agent, Label, Team } from './inbox-types.ts';

function LiveBadge() {
  const status = useStreamStatus();
  const info = {
    live: { label: 'Trực tiếp', color: 'teal' },
    connecting: { label: 'Đang kết nối…', color: 'gray' },
    reconnecting: { label: 'Mất kết nối, đang thử lại…', color: 'orange' },
  }[status];
  return (
    <Badge variant="dot" color={info.color} data-testid="live-status" data-status={status}>
      {info.label}
    </Badge>
  );
}

/** /inbox and /inbox/:id: the list beside the open conversation (one or the other on a phone). */
export function InboxPage({ me, conversationId }: { me: Me; conversationId: string | null }) {
  const stream = useMemo(() => new InboxStream(), []);
  const [filters, setFilters] = useState<InboxFilters>(defaultFilters);
  const [agents, setAgents] = useState<Agent[]>([]);
  const [labels, setLabels] = useState<Label[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [hotlineOpen, setHotlineOpen] = useState(false);
  // the caller of a call just recorded, when the agent chose to book a visit for them
  const [bookFor, setBookFor] = useState<string | null>(null);
  const [booked, setBooked] = useState<Booked | null>(null);
  const phone = useMediaQuery('(max-width: 48em)');
  const mayRecordCalls = me.permissions.includes('inbox.reply');
  const mayBook = me.permissions.includes('booking.write');

  useEffect(() => {
    stream.start();
    return () => stream.stop();
  }, [stream]);

  useEffect(() => {
    document.title = 'Hộp thư — MediCRM';
    call(api.inbox.agents.$get())
      .then((r) => setAgents(r.items))
      .catch(() => {});
    call(api.inbox.labels.$get())
      .then((r) => setLabels(r.items))
      .catch(() => {});
    call(api.inbox.teams.$get())
      .then((r) => setTeams(r.items))
      .catch(() => {});
  }, []);

  const showList = !phone || !conversationId;
  const showConversation = !phone || conversationId;

  return (
    <InboxStreamContext.Provider value={stream}>
      <Box
        h="calc(100dvh - var(--app-shell-header-height, 64px) - 2 * var(--app-shell-padding, 16px))"
        style={{ display: 'flex', flexDirection: 'column', minHeight: 480 }}
      >
        <Group justify="space-between" mb="sm" gap="xs">
          <Group gap="sm">
            <Title order={2} fz="xl">
              Hộp thư
            </Title>
            <LiveBadge />
          </Group>
          {mayRecordCalls && (
            <Button
              size="xs"
              variant="light"
              leftSection={<PhoneCall size={14} />}
              onClick={() => setHotlineOpen(true)}
            >
              Ghi nhận cuộc gọi
            </Button>
          )}
        </Group>
        {booked && (
          <Alert color="teal" variant="light" withCloseButton onClose={() => setBooked(null)} mb="sm" py={6}>
            Đã đặt lịch {booked.bookingCode} lúc {formatVisit(booked.startsAt)}.{' '}
            <Anchor
              size="sm"
              href={`/appointments/${booked.id}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/appointments/${booked.id}`);
              }}
            >
              Xem lịch hẹn
            </Anchor>
          </Alert>
        )}
        <Group align="stretch" gap="md" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
          {showList && (
            <Box w={phone ? '100%' : 340} style={{ flexShrink: 0, minHeight: 0 }}>
              <ConversationList
                filters={filters}
                onFilters={setFilters}
                selectedId={conversationId}
                onSelect={(id) => navigate(`/inbox/${id}`)}
                labels={labels}
                teams={teams}
              />
            </Box>
          )}
          {showConversation && (
            <Paper withBorder p="sm" radius="md" style={{ flex: 1, minWidth: 0, minHeight: 0 }}>
              {conversationId ? (
                <ConversationView
                  id={conversationId}
                  me={me}
                  agents={agents}
                  labels={labels}
                  onBack={() => navigate('/inbox')}
                />
              ) : (
                <Text c="dimmed" ta="center" p="xl">
                  Chọn một hội thoại bên trái để xem và trả lời.
                </Text>
              )}
            </Paper>
          )}
        </Group>
      </Box>
      <HotlineCallModal
        opened={hotlineOpen}
        onClose={() => setHotlineOpen(false)}
        mayBook={mayBook}
        onRecorded={(id, _created, next) => {
          setHotlineOpen(false);
          navigate(`/inbox/${id}`);
          if (next.book) setBookFor(next.contactId);
        }}
      />
      {mayBook && (
        <BookForCallerModal
          opened={bookFor !== null}
          contactId={bookFor}
          onClose={() => setBookFor(null)}
          onBooked={(a) => {
            setBookFor(null);
            setBooked(a);
          }}
        />
      )}
    </InboxStreamContext.Provider>
  );
}
