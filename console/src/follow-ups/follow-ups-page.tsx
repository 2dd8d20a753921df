import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { api, call, errorMessage, type Me } from '../api.ts';
import { navigate } from '../router.ts';
import { CloseTaskModal } from './close-task-modal.tsx';
import { type FollowUp, formatDay, kindLabels, sourceLabels } from './follow-up-labels.ts';
import { RulesPanel } from './rules-panel.tsx';

type View = 'due' | 'upcoming' | 'done';
type Who = 'all' | 'me' | 'unassigned';

/** /follow-ups "Chăm sóc sau khám": calls due after visits and from re-marketing notes; take, give, close them. */
export function FollowUpsPage({ me }: { me: Me }) {
  const [view, setView] = useState<View>('due');
  const [who, setWho] = useState<Who>('all');
  const [items, setItems] = useState<FollowUp[] | null>(null);
  const [today, setToday] = useState('');
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [agents, setAgents] = useState<{ value: string; label: string }[]>([]);
  const [closing, setClosing] = useState<{ task: FollowUp; action: 'complete' | 'cancel' } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const supervises = me.permissions.includes('inbox.assign');
  const mayWrite = me.permissions.includes('contacts.write');

  const load = useCallback(
    async (after?: string) => {
      setError(null);
      try {
        const page = await call(
          api['follow-ups'].$get({
            query: {
              status: view === 'done' ? 'done' : 'open',
              when: view === 'done' ? 'all' : view,
              limit: '30',
              ...(who === 'all' ? {} : { assignee: who }),
              ...(after ? { cursor: after } : {}),
            },
          }),
        );
        setToday(page.today);
        setItems((prev) => (after ? [...(prev ?? []), ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (err) {
        setError(errorMessage(err));
      }
    },
    [view, who],
  );

  useEffect(() => {
    document.title = 'Chăm sóc sau khám — MediCRM';
    setItems(null);
    void load();
  }, [load]);

  useEffect(() => {
    if (!supervises) return;
    call(api.inbox.agents.$get())
      .then((r) => setAgents(r.items.map((a) => ({ value: a.staffId, label: a.fullName }))))
      .catch(() => setAgents([]));
  }, [supervises]);

  const replace = (task: FollowUp) => setItems((list) => list?.map((t) => (t.id === task.id ? task : t)) ?? null);
  const assign = async (task: FollowUp, staffId: string | null) => {
    setError(null);
    try {
      replace(await call(api['follow-ups'][':id'].assign.$post({ param: { id: task.id }, json: { staffId } })));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={2}>Chăm sóc sau khám</Title>
          <Text c="dimmed" size="sm">
            Cuộc gọi hỏi thăm tự tạo khi hoàn tất lượt khám (theo gói khám hoặc chuyên khoa) và việc tạo từ ghi chú tái
            tiếp thị. Việc quá hạn hiện trước.
          </Text>
        </Stack>
        <Group gap="sm" align="flex-end">
          <SegmentedControl
            value={view}
            onChange={(v) => setView(v as View)}
            data={[
              { value: 'due', label: 'Đến hạn' },
              { value: 'upcoming', label: 'Sắp tới' },
              { value: 'done', label: 'Đã xong' },
            ]}
          />
          <Select
            label="Người phụ trách"
            value={who}
            onChange={(v) => setWho((v ?? 'all') as Who)}
            data={[
              { value: 'all', label: 'Tất cả' },
              { value: 'me', label: 'Của tôi' },
              { value: 'unassigned', label: 'Chưa giao' },
            ]}
            allowDeselect={false}
            w={160}
          />
        </Group>
      </Group>
      {notice && (
        <Alert color="teal" withCloseButton onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {error && <Alert color="red">{error}</Alert>}
      {items === null && !error && <Loader aria-label="Đang tải" />}
      {items?.length === 0 && (
        <Text c="dimmed">{view === 'done' ? 'Chưa có việc nào hoàn tất.' : 'Không có việc nào cần làm. 🎉'}</Text>
      )}
      {items && items.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing="sm" aria-label="Việc chăm sóc">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Hạn</Table.Th>
                <Table.Th>Khách hàng</Table.Th>
                <Table.Th>Việc</Table.Th>
                <Table.Th>Lượt khám</Table.Th>
                <Table.Th>Phụ trách</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td>
                    <Text size="sm">{formatDay(t.dueDate)}</Text>
                    {t.status === 'open' && t.dueDate < today && (
                      <Badge color="red" variant="light" size="sm">
                        Quá hạn
                      </Badge>
                    )}
                    {t.status === 'open' && t.dueDate === today && (
                      <Badge color="orange" variant="light" size="sm">
                        Hôm nay
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Anchor
                      href={`/contacts/${t.contact.id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(`/contacts/${t.contact.id}`);
                      }}
                    >
                      {t.contact.fullName}
                    </Anchor>
                    {t.patient && t.patient.fullName !== t.contact.fullName && (
                      <Text size="xs" c="dimmed">
                        Bệnh nhân: {t.patient.fullName}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td maw={320}>
                    <Text size="sm" fw={500}>
                      {kindLabels[t.kind] ?? t.kind}
                    </Text>
                    {t.note && <Text size="sm">{t.note}</Text>}
                    <Text size="xs" c="dimmed">
                      {sourceLabels[t.source]}
                    </Text>
                    {t.outcome && (
                      <Text size="sm" c="teal.8">
                        Kết quả: {t.outcome}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {t.appointment ? (
                      <>
                        <Text size="sm">{t.appointment.bookingCode}</Text>
                        {t.appointment.packageName && (
                          <Text size="xs" c="dimmed">
                            {t.appointment.packageName}
                          </Text>
                        )}
                      </>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td miw={180}>
                    {supervises && t.status === 'open' ? (
                      <Select
                        aria-label={`Người phụ trách: ${t.contact.fullName}`}
                        placeholder="Chưa giao"
                        data={agents}
                        value={t.assignee?.id ?? null}
                        onChange={(v) => void assign(t, v)}
                        clearable
                        size="xs"
                      />
                    ) : (
                      <Text size="sm">{t.assignee?.fullName ?? 'Chưa giao'}</Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {t.status === 'open' && mayWrite && (
                      <Group gap={6} wrap="nowrap">
                        {!t.assignee && !supervises && (
                          <Button size="xs" variant="light" onClick={() => void assign(t, me.id)}>
                            Nhận việc
                          </Button>
                        )}
                        {(!t.assignee || t.assignee.id === me.id || supervises) && (
                          <>
                            <Button size="xs" color="teal" onClick={() => setClosing({ task: t, action: 'complete' })}>
                              Đã xong
                            </Button>
                            <Button
                              size="xs"
                              variant="subtle"
                              color="gray"
                              onClick={() => setClosing({ task: t, action: 'cancel' })}
                            >
                              Huỷ
                            </Button>
                          </>
                        )}
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {cursor && (
        <Group justify="center">
          <Button variant="default" onClick={() => void load(cursor)}>
            Xem thêm
          </Button>
        </Group>
      )}
      {supervises && <RulesPanel />}
      {closing && (
        <CloseTaskModal
          task={closing.task}
          action={closing.action}
          onClose={() => setClosing(null)}
          onDone={(task) => {
            setClosing(null);
            setItems((list) => list?.filter((x) => x.id !== task.id) ?? null);
            setNotice(
              task.status === 'done'
                ? `Đã hoàn tất việc chăm sóc ${task.contact.fullName}.`
                : `Đã huỷ việc chăm sóc ${task.contact.fullName}.`,
            );
          }}
        />
      )}
    </Stack>
  );
}
