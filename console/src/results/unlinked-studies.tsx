import { Alert, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { Previews } from './result-detail.tsx';
import { unlinkedReasonLabels } from './result-labels.ts';
import type { UnlinkedStudy } from './result-types.ts';

/** Studies on the PACS that match no order yet: kept and shown, so nobody's images go missing silently. */
export function UnlinkedStudies() {
  const [items, setItems] = useState<UnlinkedStudy[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call(api.results['unlinked-studies'].$get())
      .then((r) => setItems(r.items))
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);
  if (error)
    return (
      <Alert color="red" variant="light">
        {error}
      </Alert>
    );
  if (!items || items.length === 0) return null;
  return (
    <Paper withBorder p="md" component="section" aria-label="Ca chụp chưa khớp chỉ định">
      <Title order={3} fz="md" mb={4}>
        Ca chụp chưa khớp chỉ định ({items.length})
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        Hệ thống tự ghép lại khi chỉ định tương ứng được tạo; nếu phim ghi sai mã, hãy sửa trên PACS.
      </Text>
      <Stack gap="md">
        {items.map((s) => (
          <Stack key={s.id} gap={4}>
            <Group gap="xs">
              <Text size="sm" fw={600}>
                {s.description ?? 'Ca chụp'}
              </Text>
              {s.modalities.map((m) => (
                <Badge key={m} size="xs" variant="outline">
                  {m}
                </Badge>
              ))}
            </Group>
            <Text size="xs">
              {s.dicomPatientName ?? 'Không rõ tên'} · mã BN {s.dicomPatientId ?? '—'} · mã chỉ định{' '}
              {s.accessionNumber ?? '—'} · {s.studyDate ? s.studyDate.split('-').reverse().join('/') : ''}
            </Text>
            <Text size="xs" c="orange.8">
              {unlinkedReasonLabels[s.unlinkedReason ?? ''] ?? s.unlinkedReason} · nhận {formatDateTime(s.createdAt)}
            </Text>
            <Previews previews={s.previews} />
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
