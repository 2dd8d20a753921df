import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, call, errorMessage, type Me } from '../api.ts';
import { formatDateTime } from '../format.ts';
import {
  type IntegrationCounts,
  type IntegrationMessage,
  type IntegrationStatus,
  statusInfo,
  typeOptions,
} from './integration-labels.ts';
import { IntegrationMessagePanel } from './integration-message-panel.tsx';

const pageSize = 30;
const statusOptions = Object.entries(statusInfo).map(([value, s]) => ({ value, label: s.label }));
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every HL7 message in and out, newest first, with counts by status; a parked one can be replayed. */
export function IntegrationPage({ me }: { me: Me }) {
  const [type, setType] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [peer, setPeer] = useState<string | null>(null);
  const [direction, setDirection] = useState<string | null>(null);
  const [patientId, setPatientId] = useState('');
  const [parked, setParked] = useState(false);
  const [items, setItems] = useState<IntegrationMessage[]>([]);
  const [counts, setCounts] = useState<IntegrationCounts | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState<'first' | 'more' | null>('first');
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const generation = useRef(0);
  const patient = uuid.test(patientId.trim()) ? patientId.trim() : undefined;

  const load = useCallback(
    async (after: string | null) => {
      const mine = after === null ? ++generation.current : generation.current;
      setLoading(after === null ? 'first' : 'more');
      setError(null);
      const filters = {
        ...(type ? { type } : {}),
        ...(peer ? { peer } : {}),
        ...(direction ? { direction: direction as 'inbound' | 'outbound' } : {}),
        ...(patient ? { patientId: patient } : {}),
      };
      try {
        const [page, c] = await Promise.all([
          call(
            api.integration.messages.$get({
              query: {
                ...filters,
                limit: String(pageSize),
                ...(status ? { status: status as IntegrationStatus } : {}),
                ...(parked ? { parked: 'true' as const } : {}),
                ...(after ? { cursor: after } : {}),
              },
            }),
          ),
          after === null ? call(api.integration.counts.$get({ query: filters })) : Promise.resolve(null),
        ]);
        if (mine !== generation.current) return;
        setItems((prev) => (after === null ? page.items : [...prev, ...page.items]));
        setCursor(page.nextCursor);
        if (c) setCounts(c);
      } catch (err) {
        if (mine === generation.current) setError(errorMessage(err));
      } finally {
        if (mine === generation.current) setLoading(null);
      }
    },
    [type, status, peer, direction, patient, parked],
  );

  useEffect(() => {
    document.title = 'Giám sát tích hợp HL7 — MediCRM';
    void load(null);
  }, [load]);

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2}>Giám sát tích hợp HL7</Title>
        <Text c="dimmed" size="sm">
          Mọi thông điệp trao đổi với HIS, LIS và RIS, mới nhất trước. Thông điệp bị từ chối hoặc lỗi được giữ lại để
          kiểm tra và gửi lại.
        </Text>
      </Stack>

      {counts && (
        <Group gap="xs" wrap="wrap" aria-label="Số thông điệp theo trạng thái">
          {Object.entries(statusInfo).map(([key, s]) => (
            <Badge key={key} color={s.color} variant={status === key ? 'filled' : 'light'} size="lg">
              {s.label}: {counts.byStatus[key] ?? 0}
            </Badge>
          ))}
          <Badge color="red" variant={parked ? 'filled' : 'outline'} size="lg">
            Đang bị giữ lại: {counts.parked}
          </Badge>
        </Group>
      )}

      <Group gap="md" align="flex-end" wrap="wrap">
        <Select
          label="Loại"
          placeholder="Tất cả"
          data={typeOptions}
          value={type}
          onChange={setType}
          clearable
          w={220}
        />
        <Select
          label="Trạng thái"
          placeholder="Tất cả"
          data={statusOptions}
          value={status}
          onChange={setStatus}
          clearable
          w={200}
        />
        <Select
          label="Chiều"
          placeholder="Cả hai"
          data={[
            { value: 'outbound', label: 'Gửi đi' },
            { value: 'inbound', label: 'Nhận về' },
          ]}
          value={direction}
          onChange={setDirection}
          clearable
          w={140}
        />
        <Select
          label="Đối tác"
          placeholder="Tất cả"
          data={counts?.peers ?? []}
          value={peer}
          onChange={setPeer}
          clearable
          w={200}
        />
        <TextInput
          label="Mã hồ sơ bệnh nhân"
          placeholder="UUID hồ sơ"
          value={patientId}
          onChange={(e) => setPatientId(e.currentTarget.value)}
          error={patientId.trim() && !patient ? 'Mã hồ sơ không hợp lệ' : undefined}
          w={320}
        />
        <Switch
          label="Chỉ thông điệp bị giữ lại"
          checked={parked}
          onChange={(e) => setParked(e.currentTarget.checked)}
        />
      </Group>

      {error && (
        <Alert color="red" variant="light" role="alert" title="Không tải được danh sách">
          {error}
        </Alert>
      )}

      <Paper withBorder>
        <Table.ScrollContainer minWidth={1000}>
          <Table verticalSpacing="xs" striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Thời gian</Table.Th>
                <Table.Th>Chiều</Table.Th>
                <Table.Th>Loại</Table.Th>
                <Table.Th>Đối tác</Table.Th>
                <Table.Th>MSH-10</Table.Th>
                <Table.Th>Trạng thái</Table.Th>
                <Table.Th>Bệnh nhân</Table.Th>
                <Table.Th>Lỗi</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((m) => {
                const s = statusInfo[m.status];
                return (
                  <Table.Tr key={m.id} onClick={() => setOpen(m.id)} style={{ cursor: 'pointer' }}>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {formatDateTime(m.createdAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{m.direction === 'outbound' ? 'Gửi đi' : 'Nhận về'}</Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {m.messageType}
                      </Text>
                    </Table.Td>
                    <Table.Td>{m.peer}</Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {m.controlId}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={s.color}>{m.replacedById ? 'Đã gửi lại' : s.label}</Badge>
                    </Table.Td>
                    <Table.Td>{m.patientName ?? '—'}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed" lineClamp={2}>
                        {m.lastError ?? ''}
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
              Đang tải thông điệp…
            </Text>
          </Group>
        )}
        {loading !== 'first' && items.length === 0 && !error && (
          <Text ta="center" c="dimmed" size="sm" p="lg">
            Không có thông điệp nào khớp bộ lọc.
          </Text>
        )}
      </Paper>

      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {items.length > 0 && `Đang hiển thị ${items.length} thông điệp${cursor === null ? ' (đã hết)' : ''}.`}
        </Text>
        {cursor !== null && (
          <Button variant="light" onClick={() => load(cursor)} loading={loading === 'more'}>
            Tải thêm
          </Button>
        )}
      </Group>

      <IntegrationMessagePanel
        messageId={open}
        canReplay={me.permissions.includes('integration.manage')}
        onClose={() => setOpen(null)}
        onReplayed={() => void load(null)}
      />
    </Stack>
  );
}
