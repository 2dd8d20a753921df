import '@mantine/charts/styles.css';
import { BarChart, FunnelChart } from '@mantine/charts';
import { Anchor, Grid, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { StatFigure } from '../components/stat-figure.tsx';
import { formatShort } from '../format.ts';
import { failureCodeLabels, formatCount, formatPercent, formatVnd } from './campaign-labels.ts';
import { funnelOf } from './campaign-progress.tsx';
import type { CampaignReport as Report } from './campaigns-api.ts';

function Counter({ id, ...figure }: { label: string; value: string; hint?: string; id: string }) {
  return <StatFigure testId={`report-${id}`} valueTestId={`report-${id}-value`} fz={24} lh={1.2} {...figure} />;
}

interface Props {
  report: Report;
  csvUrl: string;
}

/** The results of one campaign: counters, failures by provider code, the hourly series and the funnel. */
export function CampaignReport({ report, csvUrl }: Props) {
  const p = report.progress;
  const f = funnelOf(p);
  const of = (n: number, base: number) => (base > 0 ? formatPercent(n / base) : '—');
  const funnel = [
    { name: 'Đã gửi', value: f.sent, color: 'cyan.6' },
    { name: 'Đã nhận', value: f.delivered, color: 'teal.6' },
    { name: 'Đã xem', value: f.read, color: 'green.6' },
    { name: 'Nhấn link', value: p.clicked, color: 'yellow.6' },
    { name: 'Đặt lịch', value: p.booked, color: 'orange.6' },
  ];
  const series = report.series.map((s) => ({ ...s, label: formatShort(s.hour) }));

  return (
    <Stack gap="md" component="section" aria-label="Kết quả chiến dịch">
      <Group justify="space-between">
        <Title order={3}>Kết quả</Title>
        <Anchor href={csvUrl} download>
          Tải danh sách người nhận (CSV)
        </Anchor>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Counter id="sent" label="Đã gửi" value={formatCount(f.sent)} hint={`${of(f.sent, p.total)} người nhận`} />
        <Counter
          id="delivered"
          label="Đã nhận"
          value={formatCount(f.delivered)}
          hint={`${of(f.delivered, f.sent)} số đã gửi`}
        />
        <Counter
          id="failed"
          label="Thất bại"
          value={formatCount(f.failed)}
          hint={f.skipped > 0 ? `Bỏ qua: ${formatCount(f.skipped)}` : undefined}
        />
        <Counter id="read" label="Đã xem" value={formatCount(f.read)} hint={`${of(f.read, f.delivered)} số đã nhận`} />
        <Counter
          id="clicked"
          label="Nhấn link"
          value={formatCount(p.clicked)}
          hint={`${of(p.clicked, f.delivered)} số đã nhận`}
        />
        <Counter
          id="booked"
          label={`Đặt lịch trong ${report.bookedWithinDays} ngày`}
          value={formatCount(p.booked)}
          hint={`Tỉ lệ chuyển đổi ${formatPercent(report.conversionRate)}`}
        />
        <Counter
          id="cost"
          label="Chi phí"
          value={formatVnd(report.costVnd)}
          hint={f.sent > 0 ? `${formatVnd(report.costVnd / f.sent)}/tin đã gửi` : undefined}
        />
        <Counter id="total" label="Người nhận" value={formatCount(p.total)} />
      </SimpleGrid>

      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md">
            <Text fw={600} mb="sm">
              Theo giờ
            </Text>
            {series.length === 0 ? (
              <Text size="sm" c="dimmed">
                Chưa có tin nào được gửi.
              </Text>
            ) : (
              <BarChart
                h={260}
                data={series}
                dataKey="label"
                withLegend
                valueFormatter={formatCount}
                series={[
                  { name: 'sent', label: 'Đã gửi', color: 'cyan.6' },
                  { name: 'delivered', label: 'Đã nhận', color: 'teal.6' },
                  { name: 'read', label: 'Đã xem', color: 'green.6' },
                  { name: 'clicked', label: 'Nhấn link', color: 'yellow.6' },
                ]}
              />
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md">
            <Text fw={600} mb="sm">
              Phễu chuyển đổi
            </Text>
            <Group align="flex-start" wrap="nowrap">
              {f.sent > 0 && <FunnelChart data={funnel} size={170} withTooltip valueFormatter={formatCount} />}
              <Table aria-label="Phễu chuyển đổi" verticalSpacing={4}>
                <Table.Tbody>
                  {funnel.map((step, i) => (
                    <Table.Tr key={step.name}>
                      <Table.Td>{step.name}</Table.Td>
                      <Table.Td ta="right">{formatCount(step.value)}</Table.Td>
                      <Table.Td ta="right" c="dimmed">
                        {i === 0 ? '' : of(step.value, funnel[i - 1]!.value)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Group>
          </Paper>
        </Grid.Col>
      </Grid>

      {report.failuresByCode.length > 0 && (
        <Paper withBorder p="md">
          <Text fw={600} mb="sm">
            Thất bại theo mã lỗi của nhà cung cấp
          </Text>
          <Table aria-label="Thất bại theo mã lỗi" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Mã lỗi</Table.Th>
                <Table.Th ta="right">Số tin</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.failuresByCode.map((r) => (
                <Table.Tr key={r.code}>
                  <Table.Td>{failureCodeLabels[r.code] ? `${failureCodeLabels[r.code]} (${r.code})` : r.code}</Table.Td>
                  <Table.Td ta="right">{formatCount(r.count)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
