import { Anchor, Badge, Button, Group, Loader, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import { FailureAlert } from '../components/failure-alert.tsx';
import { formatDateTime } from '../format.ts';
import { NotificationDrawer } from '../notify/notification-drawer.tsx';
import { formatVnd, notifyChannelLabels, stateInfo, typeLabels } from '../notify/notify-labels.ts';
import type { NotificationState, NotificationSummary } from '../notify/notify-types.ts';
import { navigate } from '../router.ts';

type Query = NonNullable<Parameters<typeof api.notify.notifications.$get>[0]>['query'];
type Channel = NonNullable<Query['channel']>;
type Type = NonNullable<Query['type']>;

const stateOptions = Object.entries(stateInfo).map(([value, s]) => ({ value, label: s.label }));
const channelOptions = ['zns', 'sms', 'email', 'zalo_oa', 'miniapp'].map((value) => ({
  value,
  label: notifyChannelLabels[value]!,
}));
const typeOptions = Object.entries(typeLabels).map(([value, label]) => ({ value, label }));

/** The channel a notification went out on, or the one it is on now. */
const channelOf = (n: NotificationSummary) => n.deliveredVia ?? n.channelPlan[n.planIndex] ?? null;

/** /notify: every notification with its state, channel and cost; parked ones show their error and can be replayed. */
export function NotificationsPage() {
  const [state, setState] = useState<string | null>(null);
  const [channel, setChannel] = useState<string | null>(null);
  const [type, setType] = useState<string | null>(null);
  const [items, setItems] = useState<NotificationSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState<'first' | 'more' | null>('first');
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [replaying, setReplaying] = useState<string | null>(null);
  const generation = useRef(0);

  const load = useCallback(
    async (after: string | null) => {
      const mine = after === null ? ++generation.current : generation.current;
      setLoading(after === null ? 'first' : 'more');
      setError(null);
      try {
        const page = await call(
          api.notify.notifications.$get({
            query: {
              limit: '50',
              ...(state ? { state: state as NotificationState } : {}),
              ...(channel ? { channel: channel as Channel } : {}),
              ...(type ? { type: type as Type } : {}),
              ...(after ? { cursor: after } : {}),
            },
          }),
        );
        if (mine !== generation.current) return;
        setItems((prev) => (after === null ? page.items : [...prev, ...page.items]));
        setCursor(page.nextCursor);
      } catch (err) {
        if (mine === generation.current) setError(errorMessage(err));
      } finally {
        if (mine === generation.current) setLoading(null);
      }
    },
    [state, channel, type],
  );

  useEffect(() => {
    document.title = 'Thông báo đã gửi — MediCRM';
    void load(null);
  }, [load]);

  const replace = (n: NotificationSummary) => setItems((prev) => prev.map((x) => (x.id === n.id ? n : x)));
  const replay = async (n: NotificationSummary) => {
    setReplaying(n.id);
    setError(null);
    try {
      replace(await call(api.notify.notifications[':id'].replay.$post({ param: { id: n.id } })));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setReplaying(null);
    }
  };

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2}>Thông báo đã gửi</Title>
        <Text c="dimmed" size="sm">
          Nhắc lịch, xác nhận, kết quả và chiến dịch: kênh đã dùng, trạng thái, chi phí. Thông báo thất bại hiện lý do
          và có thể gửi lại.
        </Text>
      </Stack>
      <Group gap="md" align="flex-end" wrap="wrap">
        <Select
          label="Trạng thái"
          placeholder="Tất cả"
          data={stateOptions}
          value={state}
          onChange={setState}
          clearable
          w={200}
        />
        <Select
          label="Kênh"
          placeholder="Tất cả"
          data={channelOptions}
          value={channel}
          onChange={setChannel}
          clearable
          w={160}
        />
        <Select
          label="Loại"
          placeholder="Tất cả"
          data={typeOptions}
          value={type}
          onChange={setType}
          clearable
          w={220}
        />
      </Group>
      <FailureAlert message={error} />
      <Paper withBorder>
        <Table.ScrollContainer minWidth={960}>
          <Table verticalSpacing="xs" striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Tạo lúc</Table.Th>
                <Table.Th>Khách hàng</Table.Th>
                <Table.Th>Loại</Table.Th>
                <Table.Th>Kênh</Table.Th>
                <Table.Th>Trạng thái</Table.Th>
                <Table.Th>Chi phí</Table.Th>
                <Table.Th>Lỗi gần nhất</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((n) => {
                const ch = channelOf(n);
                return (
                  <Table.Tr key={n.id} style={{ cursor: 'pointer' }} onClick={() => setOpenId(n.id)}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(n.createdAt)}</Table.Td>
                    <Table.Td>
                      <Anchor
                        size="sm"
                        href={`/contacts/${n.contactId}`}
                        onClick={(e) => {
                          e.preventDefault();
                          e.stopPropagation();
                          navigate(`/contacts/${n.contactId}`);
                        }}
                      >
                        {n.contactName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{typeLabels[n.type] ?? n.type}</Table.Td>
                    <Table.Td>{ch ? (notifyChannelLabels[ch] ?? ch) : '—'}</Table.Td>
                    <Table.Td>
                      <Badge color={stateInfo[n.state].color}>{stateInfo[n.state].label}</Badge>
                    </Table.Td>
                    <Table.Td>{formatVnd(n.costVnd)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed" lineClamp={2}>
                        {n.lastError ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {n.state === 'failed' && (
                        <Button
                          size="xs"
                          color="orange"
                          variant="light"
                          loading={replaying === n.id}
                          onClick={(e) => {
                            e.stopPropagation();
                            void replay(n);
                          }}
                        >
                          Gửi lại
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {loading === 'first' && (
          <Group justify="center" p="lg">
            <Loader size="sm" />
          </Group>
        )}
        {loading !== 'first' && items.length === 0 && !error && (
          <Text ta="center" c="dimmed" size="sm" p="lg">
            Không có thông báo nào khớp bộ lọc.
          </Text>
        )}
      </Paper>
      {cursor && (
        <Group justify="center">
          <Button variant="light" onClick={() => load(cursor)} loading={loading === 'more'}>
            Tải thêm
          </Button>
        </Group>
      )}
      <NotificationDrawer id={openId} onClose={() => setOpenId(null)} onReplayed={replace} />
    </Stack>
  );
}
