import { Alert, Badge, Button, Drawer, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { attemptStateLabels, formatVnd, notifyChannelLabels, stateInfo, typeLabels } from './notify-labels.ts';
import type { NotificationDetail } from './notify-types.ts';

interface Props {
  id: string | null;
  onClose(): void;
  /** a parked notification was queued again */
  onReplayed(n: NotificationDetail): void;
}

/** One notification: its plan, every attempt with what the provider answered and charged, and replay when parked. */
export function NotificationDrawer({ id, onClose, onReplayed }: Props) {
  const [detail, setDetail] = useState<NotificationDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setDetail(null);
    setError(null);
    if (!id) return;
    call(api.notify.notifications[':id'].$get({ param: { id } }))
      .then(setDetail)
      .catch((err: unknown) => setError(errorMessage(err)));
  }, [id]);

  const replay = async () => {
    if (!detail) return;
    setBusy(true);
    setError(null);
    try {
      const n = await call(api.notify.notifications[':id'].replay.$post({ param: { id: detail.id } }));
      setDetail(n);
      onReplayed(n);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer opened={id !== null} onClose={onClose} position="right" size="xl" title="Chi tiết thông báo">
      {!detail && !error && <Loader size="sm" />}
      {error && (
        <Alert color="red" variant="light" role="alert" mb="sm">
          {error}
        </Alert>
      )}
      {detail && (
        <Stack gap="sm">
          <Group justify="space-between">
            <Stack gap={0}>
              <Text fw={600}>{typeLabels[detail.type] ?? detail.type}</Text>
              <Text size="sm" c="dimmed">
                {detail.contactName} · tạo lúc {formatDateTime(detail.createdAt)}
              </Text>
            </Stack>
            <Badge color={stateInfo[detail.state].color}>{stateInfo[detail.state].label}</Badge>
          </Group>
          <Text size="sm">
            Kế hoạch gửi: {detail.channelPlan.map((c) => notifyChannelLabels[c] ?? c).join(' → ')}
            {detail.state === 'pending' && ` · gửi lúc ${formatDateTime(detail.sendAfter)}`}
          </Text>
          {detail.lastError && (
            <Alert color={detail.state === 'failed' ? 'red' : 'yellow'} variant="light">
              {detail.lastError}
            </Alert>
          )}
          {detail.state === 'failed' && (
            <Group>
              <Button color="orange" onClick={replay} loading={busy}>
                Gửi lại
              </Button>
              <Text size="xs" c="dimmed">
                Gửi lại từ kênh đầu tiên; thao tác được ghi vào nhật ký.
              </Text>
            </Group>
          )}
          <Table fz="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Lúc</Table.Th>
                <Table.Th>Kênh</Table.Th>
                <Table.Th>Trạng thái</Table.Th>
                <Table.Th>Nhà cung cấp trả lời</Table.Th>
                <Table.Th>Chi phí</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {detail.attempts.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(a.createdAt)}</Table.Td>
                  <Table.Td>
                    {notifyChannelLabels[a.channel] ?? a.channel} #{a.attemptNo}
                  </Table.Td>
                  <Table.Td>{attemptStateLabels[a.state] ?? a.state}</Table.Td>
                  <Table.Td>
                    {a.errorCode ? `${a.errorMessage ?? ''} (${a.errorCode})` : (a.providerMessageId ?? '—')}
                  </Table.Td>
                  <Table.Td>{a.costVnd !== null ? formatVnd(a.costVnd) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {detail.attempts.length === 0 && (
            <Text size="sm" c="dimmed">
              Chưa có lần gửi nào.
            </Text>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
