import { Button, Group, Menu, MultiSelect, Popover, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import { formatDateTime, fromClinicInput, toClinicInput } from '../format.ts';
import { priorityInfo, statusInfo } from './inbox-labels.ts';
import type { Agent, ConversationDetail, ConversationStatus, Label, Priority } from './inbox-types.ts';

interface Props {
  conversation: ConversationDetail;
  agents: Agent[];
  labels: Label[];
  meId: string;
  permissions: readonly string[];
  onChanged(c: ConversationDetail): void;
  onError(message: string | null): void;
}

const hour = 3_600_000;

/** Snooze presets in clinic time: in an hour, this evening / tomorrow morning at 8:00, in three days. */
function snoozePresets(now = new Date()): { label: string; at: Date }[] {
  const tomorrow8 = new Date(
    fromClinicInput(`${toClinicInput(new Date(now.getTime() + 24 * hour)).slice(0, 10)}T08:00`)!,
  );
  return [
    { label: 'Sau 1 giờ', at: new Date(now.getTime() + hour) },
    { label: 'Sau 3 giờ', at: new Date(now.getTime() + 3 * hour) },
    { label: '8:00 sáng mai', at: tomorrow8 },
    { label: 'Sau 3 ngày', at: new Date(tomorrow8.getTime() + 2 * 24 * hour) },
  ];
}

/** Assignment, status (with snooze), priority and labels of one conversation. */
export function ConversationActions({ conversation: c, agents, labels, meId, permissions, onChanged, onError }: Props) {
  const [busy, setBusy] = useState<string | null>(null);
  const [snoozeOpen, setSnoozeOpen] = useState(false);
  const [snoozeAt, setSnoozeAt] = useState(() => toClinicInput(new Date(Date.now() + 2 * hour)));
  const mayManage = permissions.includes('inbox.assign');
  const mayReply = permissions.includes('inbox.reply');

  const run = async (what: string, fn: () => Promise<ConversationDetail>) => {
    setBusy(what);
    onError(null);
    try {
      onChanged(await fn());
    } catch (err) {
      onError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  const patch = (what: string, json: Parameters<(typeof api.inbox.conversations)[':id']['$patch']>[0]['json']) =>
    run(what, () => call(api.inbox.conversations[':id'].$patch({ param: { id: c.id }, json })));
  const assign = (staffId: string | null) =>
    run('assign', () =>
      call(
        api.inbox.conversations[':id'].assignment.$post({ param: { id: c.id }, json: { assigneeStaffId: staffId } }),
      ),
    );
  const setStatus = (status: Exclude<ConversationStatus, 'snoozed'>) => patch('status', { status });
  const snooze = (at: Date) => {
    setSnoozeOpen(false);
    return patch('status', { status: 'snoozed', snoozedUntil: at.toISOString() });
  };

  const agentOptions = agents.map((a) => ({
    value: a.staffId,
    label: `${a.fullName}${a.online ? ' · trực tuyến' : ''} (${a.activeConversations}/${a.capacity})`,
  }));
  const labelOptions = [...new Set([...labels.map((l) => l.name), ...c.labels])];
  const customAt = fromClinicInput(snoozeAt);

  return (
    <Group gap="xs" wrap="wrap" align="flex-end">
      {mayManage ? (
        <Select
          size="xs"
          w={220}
          label="Người phụ trách"
          placeholder="Chưa giao"
          data={agentOptions}
          value={c.assigneeStaffId}
          onChange={(v) => assign(v)}
          clearable
          searchable
          disabled={busy === 'assign'}
          nothingFoundMessage="Không có nhân viên"
        />
      ) : (
        <Stack gap={2}>
          <Text size="xs" fw={500}>
            Người phụ trách
          </Text>
          <Group gap={6}>
            <Text size="sm">{c.assigneeName ?? 'Chưa giao'}</Text>
            {mayReply && !c.assigneeStaffId && (
              <Button size="compact-xs" variant="light" loading={busy === 'assign'} onClick={() => assign(meId)}>
                Nhận xử lý
              </Button>
            )}
          </Group>
        </Stack>
      )}

      {mayReply && (
        <Stack gap={2}>
          <Text size="xs" fw={500}>
            Trạng thái
          </Text>
          <Group gap={4}>
            <Menu position="bottom-start" withinPortal>
              <Menu.Target>
                <Button size="xs" variant="light" color={statusInfo[c.status].color} loading={busy === 'status'}>
                  {c.status === 'snoozed' && c.snoozedUntil
                    ? `Tạm hoãn đến ${formatDateTime(c.snoozedUntil).slice(0, -3)}`
                    : statusInfo[c.status].label}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {(['open', 'pending', 'resolved'] as const).map((s) => (
                  <Menu.Item key={s} onClick={() => setStatus(s)} disabled={c.status === s}>
                    {statusInfo[s].label}
                  </Menu.Item>
                ))}
                <Menu.Divider />
                <Menu.Label>Tạm hoãn đến</Menu.Label>
                {snoozePresets().map((p) => (
                  <Menu.Item key={p.label} onClick={() => snooze(p.at)}>
                    {p.label}
                  </Menu.Item>
                ))}
                <Menu.Item onClick={() => setSnoozeOpen(true)}>Chọn ngày giờ…</Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Popover opened={snoozeOpen} onChange={setSnoozeOpen} position="bottom-start" withinPortal trapFocus>
              <Popover.Target>
                <span />
              </Popover.Target>
              <Popover.Dropdown>
                <Stack gap="xs">
                  <TextInput
                    type="datetime-local"
                    label="Mở lại lúc (giờ Việt Nam)"
                    value={snoozeAt}
                    min={toClinicInput(new Date())}
                    onChange={(e) => setSnoozeAt(e.currentTarget.value)}
                  />
                  <Group justify="flex-end" gap="xs">
                    <Button size="xs" variant="default" onClick={() => setSnoozeOpen(false)}>
                      Huỷ
                    </Button>
                    <Button
                      size="xs"
                      disabled={!customAt || new Date(customAt).getTime() <= Date.now()}
                      onClick={() => customAt && snooze(new Date(customAt))}
                    >
                      Tạm hoãn
                    </Button>
                  </Group>
                </Stack>
              </Popover.Dropdown>
            </Popover>
          </Group>
        </Stack>
      )}

      {mayReply && (
        <Select
          size="xs"
          w={130}
          label="Mức ưu tiên"
          data={Object.entries(priorityInfo).map(([value, p]) => ({ value, label: p.label }))}
          value={c.priority}
          onChange={(v) => v && patch('priority', { priority: v as Priority })}
          allowDeselect={false}
          disabled={busy === 'priority'}
        />
      )}

      {mayReply && (
        <MultiSelect
          size="xs"
          miw={180}
          maw={320}
          label="Nhãn"
          placeholder={c.labels.length ? undefined : 'Thêm nhãn'}
          data={labelOptions}
          value={c.labels}
          onChange={(v) => patch('labels', { labels: v })}
          searchable
          disabled={busy === 'labels'}
          nothingFoundMessage="Chưa có nhãn này"
        />
      )}
    </Group>
  );
}
