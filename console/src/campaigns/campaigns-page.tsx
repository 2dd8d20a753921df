import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Pagination,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { type MouseEvent, useCallback, useEffect, useState } from 'react';
import { errorMessage, type Me } from '../api.ts';
import { FailureAlert } from '../components/failure-alert.tsx';
import { formatDateTime } from '../format.ts';
import { navigate } from '../router.ts';
import { formatCount, statusInfo } from './campaign-labels.ts';
import { CampaignProgressBar } from './campaign-progress.tsx';
import { type Campaign, type CampaignStatus, campaignsApi } from './campaigns-api.ts';

const pageSize = 20;
const statusOptions = Object.entries(statusInfo).map(([value, s]) => ({ value, label: s.label }));
const active = new Set<CampaignStatus>(['running', 'scheduled']);

const go = (to: string) => (e: MouseEvent<HTMLElement>) => {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(to);
};

/** /campaigns: every campaign with its state and progress, a page at a time; running ones refresh by themselves. */
export function CampaignsPage({ me }: { me: Me }) {
  const canManage = me.permissions.includes('campaigns.manage');
  const [status, setStatus] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: Campaign[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    () =>
      campaignsApi
        .list({ page, pageSize, ...(status ? { status: status as CampaignStatus } : {}) })
        .then((r) => {
          setData(r);
          setError(null);
          return r;
        })
        .catch((err: unknown) => {
          setError(errorMessage(err));
          return null;
        }),
    [page, status],
  );

  useEffect(() => {
    document.title = 'Chiến dịch — MediCRM';
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = async () => {
      const r = await load();
      // keep the bars of running campaigns moving; a list with nothing in flight is not polled
      if (!stopped && r?.items.some((c) => active.has(c.status))) timer = setTimeout(tick, 3_000);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [load]);

  const pages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={2}>Chiến dịch</Title>
          <Text c="dimmed" size="sm">
            Gửi ZNS tiếp thị tới một phân khúc khách hàng đã đồng ý nhận tin, theo dõi tiến độ và kết quả.
          </Text>
        </Stack>
        {canManage && (
          <Group gap="sm">
            <Button variant="default" component="a" href="/campaigns/segments" onClick={go('/campaigns/segments')}>
              Phân khúc
            </Button>
            <Button component="a" href="/campaigns/new" onClick={go('/campaigns/new')}>
              Tạo chiến dịch
            </Button>
          </Group>
        )}
      </Group>
      <Group>
        <Select
          label="Trạng thái"
          placeholder="Tất cả"
          data={statusOptions}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          clearable
          w={200}
        />
      </Group>
      <FailureAlert message={error} />
      <Paper withBorder>
        <Table.ScrollContainer minWidth={900}>
          <Table aria-label="Danh sách chiến dịch" verticalSpacing="sm" striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Chiến dịch</Table.Th>
                <Table.Th>Phân khúc</Table.Th>
                <Table.Th>Trạng thái</Table.Th>
                <Table.Th w={260}>Tiến độ</Table.Th>
                <Table.Th ta="right">Người nhận</Table.Th>
                <Table.Th>Thời gian</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(data?.items ?? []).map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor size="sm" fw={600} href={`/campaigns/${c.id}`} onClick={go(`/campaigns/${c.id}`)}>
                      {c.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{c.segmentName}</Table.Td>
                  <Table.Td>
                    <Badge color={statusInfo[c.status].color}>{statusInfo[c.status].label}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {c.progress.total > 0 ? (
                      <CampaignProgressBar progress={c.progress} />
                    ) : (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{c.totalRecipients === null ? '—' : formatCount(c.totalRecipients)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">
                      {c.status === 'scheduled'
                        ? `Hẹn ${formatDateTime(c.scheduledAt)}`
                        : formatDateTime(c.startedAt ?? c.createdAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {data === null && !error && (
          <Group justify="center" p="lg">
            <Loader size="sm" />
          </Group>
        )}
        {data?.items.length === 0 && (
          <Text ta="center" c="dimmed" size="sm" p="lg">
            {status ? 'Không có chiến dịch nào ở trạng thái này.' : 'Chưa có chiến dịch nào.'}
          </Text>
        )}
      </Paper>
      {pages > 1 && (
        <Group justify="center">
          <Pagination total={pages} value={page} onChange={setPage} aria-label="Trang" />
        </Group>
      )}
    </Stack>
  );
}
