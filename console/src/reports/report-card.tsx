import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Download } from 'lucide-react';
import type { ReactNode } from 'react';

export interface CsvLink {
  label: string;
  href: string;
}

/** One figure of the dashboard: a title, what it counts, its CSV downloads, then charts and tables. */
export function ReportCard(props: { id: string; title: string; note: string; csv: CsvLink[]; children: ReactNode }) {
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
            {props.csv.map((l) => (
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

/** A big number with its label, for rates and totals. */
export function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder p="sm" bg="gray.0">
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text fz={22} fw={700} lh={1.3}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}
