import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type AuditEntry, api, call, errorMessage } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { actionLabel, actionLabels, describeDetail, outcomeInfo } from '../labels.ts';

const pageSize = 50;
type Outcome = 'success' | 'failure' | 'denied';

const outcomeFilters = [
  { value: '', label: 'Tất cả' },
  ...Object.entries(outcomeInfo).map(([value, o]) => ({ value, label: o.label })),
];
const actionOptions = Object.entries(actionLabels).map(([value, label]) => ({ value, label }));

/** Who did what and when, newest first, 50 at a time. */
export function AuditPage() {
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [action, setAction] = useState<string | null>(null);
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [loading, setLoading] = useState<'first' | 'more' | null>('first');
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const load = useCallback(
    async (before: number | null) => {
      const mine = before === null ? ++generation.current : generation.current;
      setLoading(before === null ? 'first' : 'more');
      setError(null);
      try {
        const page = await call(
          api.admin.audit.$get({
            query: {
              limit: String(pageSize),
              ...(outcome ? { outcome } : {}),
              ...(action ? { action } : {}),
              ...(before !== null ? { before: String(before) } : {}),
            },
          }),
        );
        if (mine !== generation.current) return; // a newer filter has replaced this request
        setItems((prev) => (before === null ? page.items : [...prev, ...page.items]));
        setNextBefore(page.nextBefore);
      } catch (err) {
        if (mine === generation.current) setError(errorMessage(err));
      } finally {
        if (mine === generation.current) setLoading(null);
      }
    },
    [outcome, action],
  );

  useEffect(() => {
    document.title = 'Nhật ký truy cập — MediCRM';
    void load(null);
  }, [load]);

  const actor = (e: AuditEntry) => {
    if (e.actorStaffId) return e.actorName ?? `#${e.actorStaffId.slice(0, 8)}`;
    return e.actorKind === 'system' ? 'Hệ thống' : '—';
  };
  const detail = (e: AuditEntry) =>
    [e.subjectName && `Tài khoản: ${e.subjectName}`, describeDetail(e)].filter(Boolean).join(' · ') || '—';

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2}>Nhật ký truy cập</Title>
        <Text c="dimmed" size="sm">
          Đăng nhập, đăng xuất, truy cập bị chặn và thay đổi tài khoản, mới nhất trước. Giờ hiển thị theo giờ Việt Nam.
        </Text>
      </Stack>

      <Group gap="md" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="audit-outcome-label">
            Kết quả
          </Text>
          <SegmentedControl
            aria-labelledby="audit-outcome-label"
            data={outcomeFilters}
            value={outcome}
            onChange={(v) => setOutcome(v as Outcome | '')}
          />
        </Stack>
        <Select
          label="Hành động"
          placeholder="Tất cả hành động"
          data={actionOptions}
          value={action}
          onChange={setAction}
          clearable
          w={260}
        />
      </Group>

      {error && (
        <Alert color="red" variant="light" role="alert" title="Không tải được nhật ký">
          {error}
        </Alert>
      )}

      <Paper withBorder>
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="xs" striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Thời gian</Table.Th>
                <Table.Th>Hành động</Table.Th>
                <Table.Th>Kết quả</Table.Th>
                <Table.Th>Người thực hiện</Table.Th>
                <Table.Th>Chi tiết</Table.Th>
                <Table.Th>IP</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => {
                const o = outcomeInfo[e.outcome];
                return (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                        {formatDateTime(e.at)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{actionLabel(e.action)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={o?.color ?? 'gray'}>{o?.label ?? e.outcome}</Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{actor(e)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {detail(e)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {e.ip ?? '—'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {loading === 'first' && (
          <Group justify="center" p="lg">
            <Loader size="sm" />
            <Text size="sm" c="dimmed">
              Đang tải nhật ký…
            </Text>
          </Group>
        )}
        {loading !== 'first' && items.length === 0 && !error && (
          <Text ta="center" c="dimmed" size="sm" p="lg">
            Không có mục nào khớp bộ lọc.
          </Text>
        )}
      </Paper>

      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {items.length > 0 && `Đang hiển thị ${items.length} mục${nextBefore === null ? ' (đã hết)' : ''}.`}
        </Text>
        {nextBefore !== null && (
          <Button variant="light" onClick={() => load(nextBefore)} loading={loading === 'more'}>
            Tải thêm
          </Button>
        )}
      </Group>
    </Stack>
  );
}
