import { Badge, Group, Loader, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { FailureAlert } from '../components/failure-alert.tsx';
import { consentChannelLabels, consentChannels, formatCount, formatPercent } from './campaign-labels.ts';
import type { SegmentPreview } from './campaigns-api.ts';

interface Props {
  preview: SegmentPreview | null;
  loading: boolean;
  error: string | null;
}

/** The live count of the segment being edited, how many of them accept marketing on each channel, and a sample. */
export function SegmentCountPanel({ preview, loading, error }: Props) {
  return (
    <Paper withBorder p="md" component="section" aria-label="Số khách hàng phù hợp">
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Title order={4}>Số khách hàng phù hợp</Title>
          {loading && <Loader size="xs" aria-label="Đang đếm" />}
        </Group>
        <FailureAlert message={error} />
        <Text
          fz={36}
          fw={700}
          lh={1.1}
          data-testid="segment-count"
          aria-live="polite"
          c={loading ? 'dimmed' : undefined}
        >
          {preview ? formatCount(preview.count) : '…'}
        </Text>
        <Text size="sm" c="dimmed">
          khách hàng khớp mọi điều kiện
        </Text>
        {preview && (
          <Table aria-label="Đồng ý nhận tin theo kênh" verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Kênh</Table.Th>
                <Table.Th ta="right">Đồng ý nhận tin</Table.Th>
                <Table.Th w="35%" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {consentChannels.map((ch) => {
                const n = preview.withConsent[ch] ?? 0;
                const share = preview.count > 0 ? n / preview.count : 0;
                return (
                  <Table.Tr key={ch} data-testid={`consent-${ch}`}>
                    <Table.Td>{consentChannelLabels[ch]}</Table.Td>
                    <Table.Td ta="right">{formatCount(n)}</Table.Td>
                    <Table.Td>
                      <Progress value={share * 100} size="sm" aria-label={`${formatPercent(share)} có đồng ý`} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        {preview && preview.sample.length > 0 && (
          <Stack gap={4}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              Ví dụ
            </Text>
            {preview.sample.map((s) => (
              <Group key={s.contactId} justify="space-between" gap="xs">
                <Text size="sm">{s.displayName}</Text>
                {s.phoneMasked && (
                  <Badge variant="outline" color="gray">
                    {s.phoneMasked}
                  </Badge>
                )}
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
