import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Search } from 'lucide-react';
import { type FormEvent, type MouseEvent, useCallback, useEffect, useState } from 'react';
import { api, call, type Me } from '../api.ts';
import { CursorPager, useCursorPages } from '../components/cursor-pager.tsx';
import { formatDateTime } from '../format.ts';
import { navigate } from '../router.ts';
import { formatPhone, identityChannelInfo, identityChannels } from './contact-labels.ts';
import type { ContactListItem, ContactListQuery, ContactTag, IdentityChannel } from './contact-types.ts';
import { MergeSuggestions } from './merge-suggestions.tsx';

const PAGE_SIZE = '25';

const channelOptions = identityChannels.map((c) => ({ value: c, label: identityChannelInfo[c].label }));

const open = (to: string) => (e: MouseEvent<HTMLElement>) => {
  if (e.button !== 0 || e.metaKey || e.ctrlKey) return;
  e.preventDefault();
  navigate(to);
};

interface Filters {
  q: string;
  tag: string | null;
  channel: IdentityChannel | null;
  hasSuggestion: boolean;
}

/** /contacts (the list) and /contacts/merge-suggestions (pairs that may be one person), as two tabs. */
export function ContactsListPage({ me, view }: { me: Me; view: 'list' | 'suggestions' }) {
  useEffect(() => {
    document.title = view === 'list' ? 'Khách hàng — MediCRM' : 'Gợi ý gộp hồ sơ — MediCRM';
  }, [view]);

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2}>Khách hàng</Title>
        <Text c="dimmed" size="sm">
          Mọi người đã liên hệ phòng khám trên mọi kênh. Tìm theo tên, số điện thoại, email hoặc mã Zalo.
        </Text>
      </Stack>
      <Tabs
        value={view}
        onChange={(v) => navigate(v === 'suggestions' ? '/contacts/merge-suggestions' : '/contacts')}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="list">Danh sách</Tabs.Tab>
          <Tabs.Tab value="suggestions">Gợi ý gộp hồ sơ</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list" pt="md">
          <ContactsList />
        </Tabs.Panel>
        <Tabs.Panel value="suggestions" pt="md">
          <MergeSuggestions mayMerge={me.permissions.includes('contacts.merge')} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function ContactsList() {
  const [draft, setDraft] = useState('');
  const [filters, setFilters] = useState<Filters>({ q: '', tag: null, channel: null, hasSuggestion: false });
  const [tags, setTags] = useState<ContactTag[]>([]);

  useEffect(() => {
    // The tag filter still works typed by hand if the list cannot be loaded.
    call(api.contacts.tags.$get())
      .then((t) => setTags(t.items))
      .catch(() => setTags([]));
  }, []);

  const load = useCallback(
    (cursor: string | undefined) => {
      const query: ContactListQuery = { limit: PAGE_SIZE };
      if (filters.q) query.q = filters.q;
      if (filters.tag) query.tag = filters.tag;
      if (filters.channel) query.channel = filters.channel;
      if (filters.hasSuggestion) query.hasSuggestion = 'true';
      if (cursor) query.cursor = cursor;
      return call(api.contacts.$get({ query }));
    },
    [filters],
  );
  const pages = useCursorPages(load);

  const search = (e: FormEvent) => {
    e.preventDefault();
    setFilters((f) => ({ ...f, q: draft.trim() }));
  };
  const filtered = filters.q || filters.tag || filters.channel || filters.hasSuggestion;

  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Stack gap="sm">
          <form onSubmit={search} aria-label="Tìm kiếm">
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                flex={1}
                label="Tìm khách hàng"
                placeholder="Tên, số điện thoại (0912 345 678 hoặc +84…), email, mã Zalo"
                value={draft}
                onChange={(e) => setDraft(e.currentTarget.value)}
                leftSection={<Search size={16} aria-hidden />}
              />
              <Button type="submit">Tìm</Button>
            </Group>
          </form>
          <Group gap="sm" align="flex-end">
            <Select
              label="Nhãn"
              placeholder="Mọi nhãn"
              data={tags.map((t) => ({ value: t.tag, label: `${t.tag} (${t.count})` }))}
              value={filters.tag}
              onChange={(v) => setFilters((f) => ({ ...f, tag: v }))}
              searchable
              clearable
              w={220}
            />
            <Select
              label="Kênh"
              placeholder="Mọi kênh"
              data={channelOptions}
              value={filters.channel}
              onChange={(v) => setFilters((f) => ({ ...f, channel: v as IdentityChannel | null }))}
              clearable
              w={200}
            />
            <Switch
              label="Chỉ khách có gợi ý gộp"
              checked={filters.hasSuggestion}
              onChange={(e) => {
                const hasSuggestion = e.currentTarget.checked;
                setFilters((f) => ({ ...f, hasSuggestion }));
              }}
              mb={8}
            />
            {filtered && (
              <Button
                variant="subtle"
                size="xs"
                mb={4}
                onClick={() => {
                  setDraft('');
                  setFilters({ q: '', tag: null, channel: null, hasSuggestion: false });
                }}
              >
                Xoá bộ lọc
              </Button>
            )}
          </Group>
        </Stack>
      </Paper>

      {pages.error && (
        <Alert color="red" variant="light" role="alert" title="Không tải được danh sách khách hàng">
          <Group gap="sm">
            <Text size="sm">{pages.error}</Text>
            <Button size="xs" variant="white" color="red" onClick={pages.reload}>
              Thử lại
            </Button>
          </Group>
        </Alert>
      )}

      <Paper withBorder>
        {pages.items === null ? (
          !pages.error && (
            <Group justify="center" p="xl">
              <Loader size="sm" />
              <Text size="sm" c="dimmed">
                Đang tải danh sách…
              </Text>
            </Group>
          )
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" highlightOnHover aria-label="Danh sách khách hàng" aria-busy={pages.loading}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Họ tên</Table.Th>
                  <Table.Th>Số điện thoại</Table.Th>
                  <Table.Th>Kênh</Table.Th>
                  <Table.Th>Nhãn</Table.Th>
                  <Table.Th>Tương tác gần nhất</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pages.items.map((c) => (
                  <ContactRow key={c.id} contact={c} />
                ))}
              </Table.Tbody>
            </Table>
            {pages.items.length === 0 && (
              <Text size="sm" c="dimmed" p="md" ta="center">
                {filtered ? 'Không có khách hàng nào khớp với tìm kiếm.' : 'Chưa có khách hàng.'}
              </Text>
            )}
          </Table.ScrollContainer>
        )}
      </Paper>
      <CursorPager pages={pages} label="Phân trang khách hàng" />
    </Stack>
  );
}

function ContactRow({ contact: c }: { contact: ContactListItem }) {
  const href = `/contacts/${c.id}`;
  return (
    <Table.Tr onClick={open(href)} style={{ cursor: 'pointer' }} data-contact={c.id}>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Anchor href={href} onClick={open(href)} fw={500} size="sm">
            {c.fullName}
          </Anchor>
          {c.hasMergeSuggestion && (
            <Badge size="xs" color="orange" variant="light" style={{ flexShrink: 0 }}>
              Có thể trùng
            </Badge>
          )}
        </Group>
        {c.displayName && c.displayName !== c.fullName && (
          <Text size="xs" c="dimmed">
            Tên trên kênh: {c.displayName}
          </Text>
        )}
        {c.email && (
          <Text size="xs" c="dimmed">
            {c.email}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{formatPhone(c.phone)}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {c.channels.map((ch) => (
            <Badge key={ch} size="xs" variant="light" color={identityChannelInfo[ch].color}>
              {identityChannelInfo[ch].label}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {c.tags.map((t) => (
            <Badge key={t} size="xs" variant="outline" color="gray">
              {t}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" c={c.lastInteractionAt ? undefined : 'dimmed'}>
          {c.lastInteractionAt ? formatDateTime(c.lastInteractionAt) : 'Chưa tương tác'}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
