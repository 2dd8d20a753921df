import {
  Alert,
  Avatar,
  Badge,
  Box,
  Button,
  Group,
  Loader,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import { formatShort } from '../format.ts';
import { ChannelBadge } from './channel-badge.tsx';
import { channelInfo, channels, statusInfo } from './inbox-labels.ts';
import { useInboxEvents } from './inbox-stream.ts';
import type { Channel, Conversation, Counts, Label, Team } from './inbox-types.ts';
import { SlaBadge } from './sla-badge.tsx';

export type AssigneeFilter = 'me' | 'unassigned' | 'all';
export interface InboxFilters {
  assignee: AssigneeFilter;
  /** 'active' = open + pending, 'any' = every status, or one status */
  status: 'active' | 'any' | Conversation['status'];
  channel: Channel | null;
  label: string | null;
  teamId: string | null;
}

export const defaultFilters: InboxFilters = {
  assignee: 'all',
  status: 'active',
  channel: null,
  label: null,
  teamId: null,
};

const pageSize = 30;

const statusOptions = [
  { value: 'active', label: 'Cần xử lý' },
  ...Object.entries(statusInfo).map(([value, s]) => ({ value, label: s.label })),
  { value: 'any', label: 'Mọi trạng thái' },
];
const channelOptions = channels.map((c) => ({ value: c, label: channelInfo[c].label }));

function queryOf(f: InboxFilters, extra: { cursor?: string; limit: number }) {
  return {
    assignee: f.assignee,
    limit: String(extra.limit),
    ...(f.status === 'active' ? { status: 'open,pending' } : f.status === 'any' ? {} : { status: f.status }),
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.label ? { label: f.label } : {}),
    ...(f.teamId ? { teamId: f.teamId } : {}),
    ...(extra.cursor ? { cursor: extra.cursor } : {}),
  };
}

interface Props {
  filters: InboxFilters;
  onFilters(f: InboxFilters): void;
  selectedId: string | null;
  onSelect(id: string): void;
  labels: Label[];
  teams: Team[];
}

/** The inbox list: filters, unread counts, newest activity first, 30 at a time; kept current by the live stream. */
export function ConversationList({ filters, onFilters, selectedId, onSelect, labels, teams }: Props) {
  const [items, setItems] = useState<Conversation[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [loading, setLoading] = useState<'first' | 'more' | null>('first');
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const loaded = useRef(0);

  const loadCounts = useCallback(() => {
    call(api.inbox.counts.$get())
      .then(setCounts)
      .catch(() => {});
  }, []);

  /** First page (or, when refreshing live, as many rows as are on screen), replacing the list. */
  const reload = useCallback(
    async (mode: 'first' | 'refresh') => {
      const mine = ++generation.current;
      if (mode === 'first') setLoading('first');
      setError(null);
      try {
        const limit = mode === 'refresh' ? Math.min(100, Math.max(pageSize, loaded.current)) : pageSize;
        const page = await call(api.inbox.conversations.$get({ query: queryOf(filters, { limit }) }));
        if (mine !== generation.current) return;
        setItems(page.items);
        loaded.current = page.items.length;
        setNextCursor(page.nextCursor);
      } catch (err) {
        if (mine === generation.current) setError(errorMessage(err));
      } finally {
        if (mine === generation.current) setLoading(null);
      }
    },
    [filters],
  );

  const loadMore = async () => {
    if (!nextCursor) return;
    const mine = generation.current;
    setLoading('more');
    try {
      const page = await call(
        api.inbox.conversations.$get({ query: queryOf(filters, { limit: pageSize, cursor: nextCursor }) }),
      );
      if (mine !== generation.current) return;
      setItems((prev) => {
        const seen = new Set(prev.map((c) => c.id));
        const next = [...prev, ...page.items.filter((c) => !seen.has(c.id))];
        loaded.current = next.length;
        return next;
      });
      setNextCursor(page.nextCursor);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(null);
    }
  };

  useEffect(() => {
    void reload('first');
    loadCounts();
  }, [reload, loadCounts]);

  // Live: several events often arrive together (a message and its conversation update), so refetch once per burst.
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(pending.current), []);
  useInboxEvents((e) => {
    if (e.type === 'presence' || e.type === 'mention') {
      if (e.type === 'mention') loadCounts();
      return;
    }
    clearTimeout(pending.current);
    pending.current = setTimeout(() => {
      void reload('refresh');
      loadCounts();
    }, 120);
  });

  const set = (patch: Partial<InboxFilters>) => onFilters({ ...filters, ...patch });
  const scopeLabel = (key: AssigneeFilter, text: string) => {
    const c = counts?.[key === 'me' ? 'mine' : key];
    return (
      <Group gap={4} wrap="nowrap" justify="center">
        <span>{text}</span>
        {c && c.open > 0 && (
          <Badge
            size="xs"
            variant={c.unread > 0 ? 'filled' : 'light'}
            color={c.unread > 0 ? 'red' : 'gray'}
            circle={false}
          >
            {c.unread > 0 ? `${c.unread}/${c.open}` : c.open}
          </Badge>
        )}
      </Group>
    );
  };

  return (
    <Stack gap="xs" h="100%" style={{ minHeight: 0 }}>
      <SegmentedControl
        aria-label="Phạm vi hội thoại"
        fullWidth
        size="xs"
        value={filters.assignee}
        onChange={(v) => set({ assignee: v as AssigneeFilter })}
        data={[
          { value: 'me', label: scopeLabel('me', 'Của tôi') },
          { value: 'unassigned', label: scopeLabel('unassigned', 'Chưa giao') },
          { value: 'all', label: scopeLabel('all', 'Tất cả') },
        ]}
      />
      <SimpleGrid cols={2} spacing={6} verticalSpacing={6}>
        <Select
          aria-label="Trạng thái"
          size="xs"
          data={statusOptions}
          value={filters.status}
          onChange={(v) => set({ status: (v ?? 'active') as InboxFilters['status'] })}
          allowDeselect={false}
        />
        <Select
          aria-label="Kênh"
          size="xs"
          placeholder="Mọi kênh"
          data={channelOptions.map((o) => {
            const n = counts?.byChannel[o.value]?.unread ?? 0;
            return n > 0 ? { ...o, label: `${o.label} (${n} chưa đọc)` } : o;
          })}
          value={filters.channel}
          onChange={(v) => set({ channel: v as Channel | null })}
          clearable
        />
        <Select
          aria-label="Nhãn"
          size="xs"
          placeholder="Mọi nhãn"
          data={labels.map((l) => ({ value: l.name, label: l.name }))}
          value={filters.label}
          onChange={(v) => set({ label: v })}
          clearable
          searchable
          nothingFoundMessage="Chưa có nhãn"
        />
        <Select
          aria-label="Nhóm"
          size="xs"
          placeholder="Mọi nhóm"
          data={teams.map((t) => ({ value: t.teamId, label: t.teamName }))}
          value={filters.teamId}
          onChange={(v) => set({ teamId: v })}
          clearable
        />
      </SimpleGrid>

      {error && (
        <Alert color="red" variant="light" role="alert" p="xs">
          {error}
        </Alert>
      )}

      <ScrollArea style={{ flex: 1, minHeight: 0 }} type="auto" offsetScrollbars>
        <Stack gap={4} component="ul" aria-label="Danh sách hội thoại" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((c) => (
            <li key={c.id}>
              <ConversationRow conversation={c} selected={c.id === selectedId} onSelect={() => onSelect(c.id)} />
            </li>
          ))}
        </Stack>
        {loading === 'first' && (
          <Group justify="center" p="md">
            <Loader size="sm" />
            <Text size="sm" c="dimmed">
              Đang tải hội thoại…
            </Text>
          </Group>
        )}
        {loading !== 'first' && items.length === 0 && !error && (
          <Text ta="center" c="dimmed" size="sm" p="md">
            Không có hội thoại nào khớp bộ lọc.
          </Text>
        )}
        {nextCursor && (
          <Group justify="center" p="xs">
            <Button variant="light" size="xs" onClick={loadMore} loading={loading === 'more'}>
              Tải thêm
            </Button>
          </Group>
        )}
      </ScrollArea>
    </Stack>
  );
}

function ConversationRow({
  conversation: c,
  selected,
  onSelect,
}: {
  conversation: Conversation;
  selected: boolean;
  onSelect(): void;
}) {
  const name = c.contact.displayName || c.contact.fullName;
  const unread = c.unreadCount > 0;
  return (
    <UnstyledButton
      onClick={onSelect}
      w="100%"
      p="xs"
      aria-current={selected ? 'true' : undefined}
      data-conversation={c.id}
      style={{
        borderRadius: 'var(--mantine-radius-md)',
        background: selected ? 'var(--mantine-color-teal-light)' : 'var(--mantine-color-body)',
        border: `1px solid ${selected ? 'var(--mantine-color-teal-4)' : 'var(--mantine-color-gray-3)'}`,
      }}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Avatar name={name} color="initials" size="md" radius="xl" src={c.contact.avatarUrl} aria-hidden />
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Group gap={4} justify="space-between" wrap="nowrap">
            <Text size="sm" fw={unread ? 700 : 500} truncate>
              {name}
            </Text>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
              {formatShort(c.lastMessageAt ?? c.createdAt)}
            </Text>
          </Group>
          <Group gap={4} justify="space-between" wrap="nowrap">
            <Text size="xs" c={unread ? undefined : 'dimmed'} fw={unread ? 600 : 400} truncate>
              {c.lastMessagePreview ?? c.subject ?? '—'}
            </Text>
            {unread && (
              <Badge size="sm" color="red" circle aria-label={`${c.unreadCount} tin chưa đọc`}>
                {c.unreadCount}
              </Badge>
            )}
          </Group>
          <Group gap={4} mt={4}>
            <ChannelBadge channel={c.channel} size="xs" />
            {c.status !== 'open' && (
              <Badge size="xs" variant="outline" color={statusInfo[c.status].color}>
                {statusInfo[c.status].label}
              </Badge>
            )}
            <SlaBadge conversation={c} />
            <Text size="xs" c="dimmed" truncate>
              {c.assigneeName ?? 'Chưa giao'}
            </Text>
          </Group>
        </Box>
      </Group>
    </UnstyledButton>
  );
}
