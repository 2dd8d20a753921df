import { type MantineColor, type MantineFontSize, Paper, Text } from '@mantine/core';

export interface StatFigureProps {
  label: string;
  value: string;
  /** a line under the figure: what it is out of, or what it leaves out */
  hint?: string;
  testId?: string;
  /** on the value alone, for tests that read the figure without its label */
  valueTestId?: string;
  fz?: MantineFontSize | number;
  lh?: number;
  bg?: MantineColor;
}

/** A big number with its label, for totals and rates (reports, campaign results, a campaign's plan). */
export function StatFigure({ label, value, hint, testId, valueTestId, fz = 22, lh, bg }: StatFigureProps) {
  return (
    <Paper withBorder p="sm" bg={bg} data-testid={testId}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text fz={fz} fw={700} lh={lh} data-testid={valueTestId}>
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
