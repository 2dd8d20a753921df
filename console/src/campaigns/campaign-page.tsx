import { Alert, Anchor, Badge, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { errorMessage, type Me } from '../api.ts';
import { FailureAlert } from '../components/failure-alert.tsx';
import { formatDateTime } from '../format.ts';
import { navigate } from '../router.ts';
import { CampaignActions } from './campaign-actions.tsx';
import { formatCount, statusInfo } from './campaign-labels.ts';
import { CampaignPlanner } from './campaign-planner.tsx';
import { CampaignProgressBar } from './campaign-progress.tsx';
import { CampaignReport } from './campaign-report.tsx';
import { type Campaign, campaignsApi, type CampaignReport as Report } from './campaigns-api.ts';
import { useLiveCampaign } from './use-live-campaign.ts';

const reportEveryMs = 10_000;
const modeLabels = { stream: 'Cập nhật trực tiếp', polling: 'Cập nhật mỗi 2 giây', idle: '' } as const;

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}

/** "Còn khoảng 12 phút" from the recipients still waiting and the throttle (none without a throttle). */
function eta(c: Campaign): string | null {
  const waiting = c.progress.pending + c.progress.queued;
  if (waiting === 0 || c.throttlePerMinute <= 0) return null;
  const minutes = Math.ceil(waiting / c.throttlePerMinute);
  if (minutes < 60) return `Còn khoảng ${minutes} phút với tốc độ ${formatCount(c.throttlePerMinute)} tin/phút`;
  const hours = Math.floor(minutes / 60);
  return `Còn khoảng ${hours} giờ ${minutes % 60} phút với tốc độ ${formatCount(c.throttlePerMinute)} tin/phút`;
}

/** /campaigns/:id: a draft opens in the planner; a launched campaign shows its live progress, controls and report. */
export function CampaignPage({ id, me }: { id: string; me: Me }) {
  const canManage = me.permissions.includes('campaigns.manage');
  const { campaign, setCampaign, error, mode, reload } = useLiveCampaign(id);
  const [report, setReport] = useState<Report | null>(null);
  const [reportError, setReportError] = useState<string | null>(null);
  const [templateNames, setTemplateNames] = useState<Record<string, string>>({});
  const status = campaign?.status;

  useEffect(() => {
    if (campaign) document.title = `${campaign.name} — Chiến dịch — MediCRM`;
  }, [campaign]);

  useEffect(() => {
    if (!canManage) return;
    campaignsApi
      .templates()
      .then((t) => setTemplateNames(Object.fromEntries(t.items.map((x) => [x.key, x.name]))))
      .catch(() => {}); // the key is shown instead
  }, [canManage]);

  // the report follows each change of state (the last one after completion carries the final figures), and is read
  // again now and then while sending, as delivery reports come in
  useEffect(() => {
    if (!status || status === 'draft' || status === 'scheduled') return;
    let cancelled = false;
    const load = () =>
      campaignsApi
        .report(id)
        .then((r) => !cancelled && setReport(r))
        .catch((err: unknown) => !cancelled && setReportError(errorMessage(err)));
    void load();
    const timer = status === 'running' ? setInterval(load, reportEveryMs) : undefined;
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [id, status]);

  if (error && !campaign) {
    return (
      <Alert color="red" variant="light" role="alert">
        {error}
      </Alert>
    );
  }
  if (!campaign) {
    return (
      <Group justify="center" p="xl">
        <Loader />
      </Group>
    );
  }
  if (campaign.status === 'draft' && canManage) return <CampaignPlanner draft={campaign} />;

  const info = statusInfo[campaign.status];
  const refresh = async () => {
    setReportError(null);
    await reload();
    campaignsApi
      .report(id)
      .then(setReport)
      .catch((err: unknown) => setReportError(errorMessage(err)));
  };

  return (
    <Stack gap="lg">
      <Anchor
        size="sm"
        href="/campaigns"
        onClick={(e) => {
          e.preventDefault();
          navigate('/campaigns');
        }}
      >
        ← Tất cả chiến dịch
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>{campaign.name}</Title>
            <Badge size="lg" color={info.color} data-testid="campaign-status">
              {info.label}
            </Badge>
          </Group>
          {campaign.description && (
            <Text c="dimmed" size="sm">
              {campaign.description}
            </Text>
          )}
        </Stack>
        {canManage && <CampaignActions campaign={campaign} onChanged={setCampaign} />}
      </Group>
      {error && (
        <Alert color="orange" variant="light">
          {error}
        </Alert>
      )}

      <Paper withBorder p="md" component="section" aria-label="Tiến độ gửi">
        <Stack gap="sm">
          <Group justify="space-between">
            <Text fw={600}>Tiến độ</Text>
            {mode !== 'idle' && (
              <Text size="xs" c="dimmed" data-testid="live-mode">
                {modeLabels[mode]}
              </Text>
            )}
          </Group>
          {campaign.status === 'scheduled' ? (
            <Text size="sm">Chiến dịch sẽ bắt đầu gửi lúc {formatDateTime(campaign.scheduledAt)} (giờ Việt Nam).</Text>
          ) : (
            <CampaignProgressBar progress={campaign.progress} size="xl" withLabel />
          )}
          {campaign.status === 'running' && eta(campaign) && (
            <Text size="sm" c="dimmed" data-testid="eta">
              {eta(campaign)}
            </Text>
          )}
          <SimpleGrid cols={{ base: 2, sm: 4 }} mt="xs">
            <Fact label="Phân khúc" value={campaign.segmentName} />
            <Fact label="Mẫu ZNS" value={templateNames[campaign.templateKey] ?? campaign.templateKey} />
            <Fact label="Tốc độ" value={`${formatCount(campaign.throttlePerMinute)} tin/phút`} />
            <Fact label="SMS dự phòng" value={campaign.smsFallbackText ? 'Có' : 'Không'} />
            <Fact label="Tạo lúc" value={formatDateTime(campaign.createdAt)} />
            <Fact label="Bắt đầu" value={formatDateTime(campaign.startedAt)} />
            <Fact label="Kết thúc" value={formatDateTime(campaign.completedAt)} />
            <Fact label="Ghi nhận đặt lịch" value={`${campaign.attributionDays} ngày sau khi nhận tin`} />
          </SimpleGrid>
        </Stack>
      </Paper>

      <FailureAlert message={reportError} />
      {report && <CampaignReport report={report} csvUrl={campaignsApi.csvUrl(id)} />}
      {report && (
        <Group justify="flex-end">
          <Button variant="default" onClick={refresh}>
            Làm mới kết quả
          </Button>
        </Group>
      )}
    </Stack>
  );
}
