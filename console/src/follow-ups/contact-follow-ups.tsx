import { Alert, Badge, Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import { type FollowUp, formatDay, kindLabels } from './follow-up-labels.ts';

const clinicDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * On a contact's page: the person's open care tasks, and a task made from one of their re-marketing notes
 * ("gọi lại tư vấn gói tầm soát") with the date to call.
 */
export function ContactFollowUps({ contactId, mayWrite }: { contactId: string; mayWrite: boolean }) {
  const [tasks, setTasks] = useState<FollowUp[]>([]);
  const [notes, setNotes] = useState<{ value: string; label: string }[]>([]);
  const [noteId, setNoteId] = useState<string | null>(null);
  const [dueDate, setDueDate] = useState(() => clinicDay.format(new Date()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [open, recent] = await Promise.all([
        call(api['follow-ups'].$get({ query: { contactId, when: 'all', status: 'open', limit: '20' } })),
        call(api.contacts[':id'].notes.$get({ param: { id: contactId }, query: { limit: '50' } })),
      ]);
      setTasks(open.items);
      const remarketing = recent.items.filter((n) => n.kind === 'remarketing');
      setNotes(
        remarketing.map((n) => ({ value: n.id, label: n.body.length > 80 ? `${n.body.slice(0, 80)}…` : n.body })),
      );
      setNoteId((id) => id ?? remarketing[0]?.id ?? null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [contactId]);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async () => {
    if (!noteId) return;
    setBusy(true);
    setError(null);
    try {
      await call(api['follow-ups'].$post({ json: { contactId, noteId, dueDate, kind: 'remarketing' } }));
      await load();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-label="Chăm sóc sau khám">
      <Title order={3} fz="md" mb="xs">
        Chăm sóc sau khám
      </Title>
      <Stack gap={6}>
        {tasks.length === 0 && (
          <Text size="sm" c="dimmed">
            Không có việc chăm sóc đang mở.
          </Text>
        )}
        {tasks.map((t) => (
          <Group key={t.id} gap="xs" wrap="nowrap">
            <Badge variant="light" color="teal">
              {formatDay(t.dueDate)}
            </Badge>
            <Text size="sm">
              {kindLabels[t.kind] ?? t.kind}
              {t.assignee ? ` · ${t.assignee.fullName}` : ' · chưa giao'}
            </Text>
          </Group>
        ))}
        {mayWrite && notes.length > 0 && (
          <Group align="flex-end" gap="xs" mt="xs">
            <Select
              label="Từ ghi chú tái tiếp thị"
              data={notes}
              value={noteId}
              onChange={setNoteId}
              allowDeselect={false}
              style={{ flex: 1 }}
              size="xs"
            />
            <TextInput
              type="date"
              label="Hạn gọi"
              value={dueDate}
              onChange={(e) => setDueDate(e.currentTarget.value)}
              size="xs"
            />
            <Button size="xs" onClick={create} loading={busy} disabled={!noteId || !dueDate}>
              Tạo việc gọi lại
            </Button>
          </Group>
        )}
        {error && (
          <Alert color="red" variant="light">
            {error}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
