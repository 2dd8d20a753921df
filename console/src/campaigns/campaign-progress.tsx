import { Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { formatCount, formatPercent } from './campaign-labels.ts';
import type { CampaignProgress } from './campaigns-api.ts';

/**
 * A recipient is in exactly one state (pending → queued → sent → delivered → read, or failed / skipped), so the
 * funnel's figures are cumulative sums of those states; clicked and booked are counted on their own.
 */
export function funnelOf(p: CampaignProgress) {
  const delivered = p.delivered + p.read;
  const sent = p.sent + delivered;
  const done = sent + p.failed + p.skipped;
  return { sent, delivered, read: p.read, failed: p.failed, skipped: p.skipped, done, waiting: p.pending + p.queued };
}

/** Share of the audience already handled (sent, failed or skipped), 0..1. */
export function doneShare(p: CampaignProgress): number {
  return p.total > 0 ? Math.min(1, funnelOf(p).done / p.total) : 0;
}

interface Props {
  progress: CampaignProgress;
  size?: 'sm' | 'md' | 'xl';
  /** the label under the bar ("1.234 / 5.000 người nhận") */
  withLabel?: boolean;
}

/** One bar: delivered and read in teal, sent but not yet delivered in cyan, failed in red, skipped in grey. */
export function CampaignProgressBar({ progress, size = 'sm', withLabel = false }: Props) {
  const f = funnelOf(progress);
  const total = Math.max(progress.total, 1);
  const pct = (n: number) => (n / total) * 100;
  const share = doneShare(progress);
  const label = `${formatCount(f.done)} / ${formatCount(progress.total)} người nhận (${formatPercent(share)})`;
  return (
    <Stack gap={4}>
      <Progress.Root
        size={size}
        role="progressbar"
        aria-label="Tiến độ gửi"
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={f.done}
        aria-valuetext={label}
        data-done={f.done}
        data-total={progress.total}
      >
        <Tooltip label={`Đã nhận: ${formatCount(f.delivered)}`}>
          <Progress.Section withAria={false} value={pct(f.delivered)} color="teal" />
        </Tooltip>
        <Tooltip label={`Đã gửi, chờ xác nhận: ${formatCount(progress.sent)}`}>
          <Progress.Section withAria={false} value={pct(progress.sent)} color="cyan" />
        </Tooltip>
        <Tooltip label={`Thất bại: ${formatCount(f.failed)}`}>
          <Progress.Section withAria={false} value={pct(f.failed)} color="red" />
        </Tooltip>
        <Tooltip label={`Bỏ qua: ${formatCount(f.skipped)}`}>
          <Progress.Section withAria={false} value={pct(f.skipped)} color="gray.4" />
        </Tooltip>
      </Progress.Root>
      {withLabel && (
        <Group justify="space-between" gap="xs">
          <Text size="sm" data-testid="progress-label">
            {label}
          </Text>
          {f.waiting > 0 && (
            <Text size="sm" c="dimmed">
              Đang chờ: {formatCount(f.waiting)}
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );
}
