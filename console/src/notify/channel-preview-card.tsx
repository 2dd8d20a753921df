import { Badge, Code, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { formatVnd, notifyChannelLabels } from './notify-labels.ts';
import type { ChannelPreview } from './notify-types.ts';

/** One channel's rendering of a template, as the patient would get it, with its cost (and SMS segments). */
export function ChannelPreviewCard({ p }: { p: ChannelPreview }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={`Bản xem trước ${notifyChannelLabels[p.channel]}`}>
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Text fw={600}>{notifyChannelLabels[p.channel]}</Text>
          {p.planPosition !== null ? (
            <Badge size="sm" variant="light">
              Thứ tự gửi {p.planPosition}
            </Badge>
          ) : (
            <Badge size="sm" variant="outline" color="gray">
              Không dùng trong kế hoạch
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          Chi phí ước tính: <b>{formatVnd(p.costVnd)}</b>
        </Text>
      </Group>
      {p.zns && (
        <Stack gap={4}>
          <Text size="sm">
            Mã mẫu ZNS: <Code>{p.zns.templateId}</Code>
          </Text>
          <Table fz="sm" withRowBorders={false}>
            <Table.Tbody>
              {Object.entries(p.zns.templateData).map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Td w={180}>
                    <Code>{k}</Code>
                  </Table.Td>
                  <Table.Td>{v}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
      {p.sms && (
        <Stack gap={4}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="sms-text">
            {p.sms.text}
          </Text>
          <Text size="xs" c="dimmed" data-testid="sms-segments">
            {p.sms.segments} phần tin · {p.sms.units} ký tự (
            {p.sms.encoding === 'gsm7' ? 'không dấu, GSM-7' : 'có dấu, Unicode'}, {p.sms.perSegment} ký tự/phần) · còn{' '}
            {p.sms.remaining} ký tự trong phần cuối
          </Text>
        </Stack>
      )}
      {p.email && (
        <Stack gap={4}>
          <Text size="sm">
            Tiêu đề: <b>{p.email.subject}</b>
          </Text>
          <iframe
            title={`Nội dung email ${p.channel}`}
            sandbox=""
            srcDoc={p.email.html}
            style={{ width: '100%', minHeight: 220, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}
          />
        </Stack>
      )}
      {p.text && (
        <Stack gap={4}>
          {p.text.title && <Text fw={600}>{p.text.title}</Text>}
          <Text size="sm">{p.text.body}</Text>
          {p.text.link && (
            <Text size="xs" c="dimmed">
              Liên kết: {p.text.link}
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}
