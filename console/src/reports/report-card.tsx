import { BarChart, type BarChartProps, type BarChartSeries } from '@mantine/charts';
import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Download } from 'lucide-react';
import type { ReactNode } from 'react';
import { StatFigure } from '../components/stat-figure.tsx';
import type { Csv } from './report-types.ts';

/**
 * One report of the dashboard: a title, what it counts, its CSV downloads, then charts and tables. `id` names the
 * report as the hub does (/api/reports/<id>); `downloads` gives each of its tables a link label, in button order.
 */
export function ReportCard(props: {
  id: string;
  title: string;
  note: string;
  csv: Csv;
  downloads: Record<string, string>;
  children: ReactNode;
}) {
  const links = Object.entries(props.downloads).map(([table, label]) => ({ label, href: props.csv(props.id, table) }));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`report-${props.id}`} data-testid={props.id}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2} maw={720}>
            <Title order={3} id={`report-${props.id}`}>
              {props.title}
            </Title>
            <Text size="sm" c="dimmed">
              {props.note}
            </Text>
          </Stack>
          <Group gap="xs">
            {links.map((l) => (
              <Button
                key={l.href}
                component="a"
                href={l.href}
                download
                variant="default"
                size="xs"
                leftSection={<Download size={14} aria-hidden />}
              >
                {l.label}
              </Button>
            ))}
          </Group>
        </Group>
        {props.children}
      </Stack>
    </Paper>
  );
}

/** A figure of the dashboard: the console's big number on a light ground. */
export function Figure(props: { label: string; value: string; hint?: string }) {
  return <StatFigure bg="gray.0" lh={1.3} {...props} />;
}

/** The row of big numbers at the top of a report. */
export function Figures({ children }: { children: ReactNode }) {
  return <SimpleGrid cols={{ base: 2, sm: 4 }}>{children}</SimpleGrid>;
}

/** Bars by the `name` of each row, with their legend; `stacked` where the series add up to the whole. */
export function ReportBars(props: {
  data: BarChartProps['data'];
  series: BarChartSeries[];
  stacked?: boolean;
  h?: number;
}) {
  return (
    <BarChart
      h={props.h ?? 220}
      data={props.data}
      dataKey="name"
      type={props.stacked ? 'stacked' : 'default'}
      series={props.series}
      withLegend
    />
  );
}
