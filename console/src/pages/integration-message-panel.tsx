import { Alert, Badge, Button, Code, Drawer, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { type IntegrationDetail, segmentsOf, statusInfo } from './integration-labels.ts';

interface Props {
  messageId: string | null;
  canReplay: boolean;
  onClose(): void;
  /** after a replay: the list refreshes */
  onReplayed(): void;
}

/** One message: its raw ER7 and the ACK side by side, what went wrong, and the replay of a parked message. */
export function IntegrationMessagePanel({ messageId, canReplay, onClose, onReplayed }: Props) {
  const [detail, setDetail] = useState<IntegrationDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [replaying, setReplaying] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    setDetail(null);
    setError(null);
    setNotice(null);
    if (!messageId) return;
    let cancelled = false;
    call(api.integration.messages[':id'].$get({ param: { id: messageId } }))
      .then((d) => !cancelled && setDetail(d))
      .catch((err: unknown) => !cancelled && setError(errorMessage(err)));
    return () => {
      cancelled = true;
    };
  }, [messageId]);

  const replay = async () => {
    if (!detail) return;
    setReplaying(true);
    setError(null);
    try {
      const r = await call(api.integration.messages[':id'].replay.$post({ param: { id: detail.id } }));
      setNotice(
        detail.direction === 'outbound'
          ? 'Đã đưa thông điệp vào hàng gửi lại với mã MSH-10 mới.'
          : r.status === 'processed'
            ? 'Đã xử lý lại thành công.'
            : 'Đã xử lý lại nhưng vẫn lỗi — xem lỗi bên dưới.',
      );
      setDetail(await call(api.integration.messages[':id'].$get({ param: { id: detail.id } })));
      onReplayed();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setReplaying(false);
    }
  };

  const s = detail ? statusInfo[detail.status] : undefined;
  return (
    <Drawer opened={!!messageId} onClose={onClose} position="right" size="80%" title="Chi tiết thông điệp HL7">
      {!detail && !error && <Loader size="sm" />}
      {error && (
        <Alert color="red" variant="light" role="alert" mb="md">
          {error}
        </Alert>
      )}
      {detail && (
        <Stack gap="md">
          <Group gap="sm" wrap="wrap">
            <Title order={4}>{detail.messageType}</Title>
            <Badge color={s?.color}>{s?.label}</Badge>
            <Badge variant="light">{detail.direction === 'outbound' ? 'Gửi đi' : 'Nhận về'}</Badge>
            <Text size="sm">Đối tác: {detail.peer}</Text>
            <Text size="sm">MSH-10: {detail.controlId}</Text>
            <Text size="sm">Lần gửi/nhận: {detail.attempts}</Text>
          </Group>
          <Text size="sm" c="dimmed">
            Tạo lúc {formatDateTime(detail.createdAt)}
            {detail.ackedAt ? ` · ACK lúc ${formatDateTime(detail.ackedAt)}` : ''}
            {detail.processedAt ? ` · xử lý lúc ${formatDateTime(detail.processedAt)}` : ''}
            {detail.patientName ? ` · Bệnh nhân: ${detail.patientName}` : ''}
          </Text>
          {detail.lastError && (
            <Alert color={detail.parked ? 'red' : 'yellow'} variant="light" title="Lỗi">
              {detail.lastError}
            </Alert>
          )}
          {detail.replacedById && <Text size="sm">Đã được gửi lại bằng một thông điệp mới.</Text>}
          {notice && (
            <Alert color="teal" variant="light">
              {notice}
            </Alert>
          )}
          {detail.parked && canReplay && (
            <Group>
              <Button color="orange" onClick={replay} loading={replaying}>
                {detail.direction === 'outbound' ? 'Gửi lại' : 'Xử lý lại'}
              </Button>
              <Text size="xs" c="dimmed">
                Thao tác được ghi vào nhật ký truy cập.
              </Text>
            </Group>
          )}
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Stack gap={4}>
              <Text fw={600} size="sm">
                Thông điệp
              </Text>
              <Code block style={{ whiteSpace: 'pre', overflowX: 'auto' }}>
                {segmentsOf(detail.payload)}
              </Code>
            </Stack>
            <Stack gap={4}>
              <Text fw={600} size="sm">
                ACK {detail.ackCode ? `(${detail.ackCode})` : ''}
              </Text>
              <Code block style={{ whiteSpace: 'pre', overflowX: 'auto' }}>
                {detail.ackPayload ? segmentsOf(detail.ackPayload) : 'Chưa có ACK'}
              </Code>
            </Stack>
          </SimpleGrid>
        </Stack>
      )}
    </Drawer>
  );
}
