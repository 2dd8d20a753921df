import { Alert, Anchor, Badge, Drawer, Paper, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { ResultDetail } from './result-detail.tsx';
import { kindLabels, orderStatusLabels, resultStatusInfo } from './result-labels.ts';
import type { ContactOrder } from './result-types.ts';

/** The contact page's "Chỉ định & kết quả": orders of the family's profiles, each with its result and release state. */
export function ContactOrders({ contactId, mayRelease }: { contactId: string; mayRelease: boolean }) {
  const [items, setItems] = useState<ContactOrder[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<ContactOrder | null>(null);
  const [round, setRound] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` reloads after a release
  useEffect(() => {
    call(api.results['by-contact'][':id'].$get({ param: { id: contactId } }))
      .then((r) => setItems(r.items))
      .catch((err: unknown) => setError(errorMessage(err)));
  }, [contactId, round]);

  return (
    <Paper withBorder p="md" component="section" aria-label="Chỉ định và kết quả">
      <Title order={3} fz="md" mb="xs">
        Chỉ định &amp; kết quả
      </Title>
      {error && (
        <Alert color="red" variant="light">
          {error}
        </Alert>
      )}
      {items && items.length === 0 && (
        <Text size="sm" c="dimmed">
          Chưa có chỉ định xét nghiệm hay chẩn đoán hình ảnh.
        </Text>
      )}
      {items && items.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table fz="sm" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Ngày</Table.Th>
                <Table.Th>Người bệnh</Table.Th>
                <Table.Th>Chỉ định</Table.Th>
                <Table.Th>Kết quả</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(o.placedAt)}
                  </Table.Td>
                  <Table.Td>{o.patient.fullName}</Table.Td>
                  <Table.Td>
                    {o.serviceName}{' '}
                    <Text span size="xs" c="dimmed">
                      ({kindLabels[o.kind]} · {orderStatusLabels[o.status] ?? o.status})
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {o.result ? (
                      <>
                        <Anchor component="button" size="sm" onClick={() => setOpen(o)}>
                          {resultStatusInfo[o.result.status]?.label ?? o.result.status}
                        </Anchor>{' '}
                        {o.result.abnormalCount > 0 && (
                          <Badge size="xs" color="red" variant="light">
                            {o.result.abnormalCount} bất thường
                          </Badge>
                        )}{' '}
                        <Badge size="xs" variant="light" color={o.result.releasedAt ? 'teal' : 'gray'}>
                          {o.result.releasedAt ? 'Đã trả' : 'Chờ duyệt'}
                        </Badge>
                      </>
                    ) : (
                      <Text span size="sm" c="dimmed">
                        Chưa có
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Drawer opened={open !== null} onClose={() => setOpen(null)} position="right" size="xl" title={open?.serviceName}>
        {open?.result && (
          <ResultDetail resultId={open.result.id} mayRelease={mayRelease} onReleased={() => setRound((n) => n + 1)} />
        )}
      </Drawer>
    </Paper>
  );
}
