import {
  Alert,
  Badge,
  Button,
  Drawer,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { api, call, errorMessage, type Me } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { ResultDetail } from './result-detail.tsx';
import { kindLabels, resultStatusInfo } from './result-labels.ts';
import type { QueueItem } from './result-types.ts';
import { UnlinkedStudies } from './unlinked-studies.tsx';

type Kind = 'all' | 'lab' | 'imaging';

/** /results: results waiting for a clinician's release, oldest first; open one to review it and release it. */
export function ReleaseQueuePage({ me }: { me: Me }) {
  const [kind, setKind] = useState<Kind>('all');
  const [items, setItems] = useState<QueueItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<QueueItem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const mayRelease = me.permissions.includes('results.release');

  const load = useCallback(
    async (after?: string) => {
      setError(null);
      try {
        const page = await call(
          api.results['release-queue'].$get({
            query: { limit: '30', ...(kind === 'all' ? {} : { kind }), ...(after ? { cursor: after } : {}) },
          }),
        );
        setItems((prev) => (after ? [...(prev ?? []), ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (err) {
        setError(errorMessage(err));
      }
    },
    [kind],
  );
  useEffect(() => {
    document.title = 'Duyệt kết quả — MediCRM';
    setItems(null);
    void load();
  }, [load]);

  const released = (id: string) => {
    const item = items?.find((i) => i.id === id);
    setItems((list) => list?.filter((i) => i.id !== id) ?? null);
    setNotice(item ? `Đã trả kết quả ${item.title} cho ${item.patient.fullName}.` : 'Đã trả kết quả.');
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={2}>Duyệt kết quả</Title>
          <Text c="dimmed" size="sm">
            Kết quả xét nghiệm và chẩn đoán hình ảnh chỉ đến người bệnh sau khi bác sĩ duyệt (hoặc theo quy tắc tự
            động).
          </Text>
        </Stack>
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as Kind)}
          data={[
            { value: 'all', label: 'Tất cả' },
            { value: 'lab', label: 'Xét nghiệm' },
            { value: 'imaging', label: 'Hình ảnh' },
          ]}
        />
      </Group>
      {notice && (
        <Alert color="teal" variant="light" withCloseButton onClose={() => setNotice(null)} closeButtonLabel="Đóng">
          {notice}
        </Alert>
      )}
      {error && (
        <Alert color="red" variant="light" role="alert" title="Không tải được hàng chờ">
          {error}
        </Alert>
      )}
      <Paper withBorder p="md" component="section" aria-label="Kết quả chờ duyệt">
        {items === null ? (
          <Loader size="sm" />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            Không có kết quả nào chờ duyệt.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table highlightOnHover verticalSpacing="xs" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Người bệnh</Table.Th>
                  <Table.Th>Kết quả</Table.Th>
                  <Table.Th>Loại</Table.Th>
                  <Table.Th>Trạng thái</Table.Th>
                  <Table.Th>Bất thường</Table.Th>
                  <Table.Th>Nhận lúc</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Td>{i.patient.fullName}</Table.Td>
                    <Table.Td>{i.title}</Table.Td>
                    <Table.Td>
                      {kindLabels[i.kind]}
                      {i.modality ? ` · ${i.modality}` : ''}
                    </Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={resultStatusInfo[i.status]?.color}>
                        {resultStatusInfo[i.status]?.label ?? i.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {i.abnormalCount > 0 ? (
                        <Badge size="sm" color="red" variant="light">
                          {i.abnormalCount} chỉ số
                        </Badge>
                      ) : i.kind === 'imaging' ? (
                        `${i.previewCount} ảnh`
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td c="dimmed">{formatDateTime(i.createdAt)}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => setOpen(i)}
                        aria-label={`Xem ${i.title} của ${i.patient.fullName}`}
                      >
                        Xem
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {cursor && (
          <Group justify="center" mt="xs">
            <Button size="xs" variant="light" onClick={() => load(cursor)}>
              Tải thêm
            </Button>
          </Group>
        )}
      </Paper>
      <UnlinkedStudies />
      <Drawer opened={open !== null} onClose={() => setOpen(null)} position="right" size="xl" title={open?.title}>
        {open && <ResultDetail resultId={open.id} mayRelease={mayRelease} onReleased={released} />}
      </Drawer>
    </Stack>
  );
}
