import { Alert, Badge, Button, Group, Paper, Select, Stack, TagsInput, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import type { Agent, ContactDetail } from '../inbox/inbox-types.ts';
import type { ContactUpdate } from './contact-types.ts';

const sameTags = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/** Tags and the agent who looks after the person: what staff change most often on a contact. */
export function ContactProfileEditor({
  contact,
  mayWrite,
  onSaved,
}: {
  contact: ContactDetail;
  mayWrite: boolean;
  onSaved(updated: ContactDetail): void;
}) {
  const [tags, setTags] = useState<string[]>(contact.tags);
  const [known, setKnown] = useState<string[]>([]);
  const [agents, setAgents] = useState<Agent[] | null>(null);
  const [busy, setBusy] = useState<'tags' | 'owner' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => setTags(contact.tags), [contact.tags]);
  useEffect(() => {
    // Suggestions only: without them the fields still work (the owner then shows as an id-less "—").
    call(api.contacts.tags.$get())
      .then((t) => setKnown(t.items.map((x) => x.tag)))
      .catch(() => setKnown([]));
    call(api.inbox.agents.$get())
      .then((a) => setAgents(a.items))
      .catch(() => setAgents([]));
  }, []);

  const save = async (what: 'tags' | 'owner', json: ContactUpdate, done: string) => {
    setBusy(what);
    setError(null);
    setNotice(null);
    try {
      const updated = await call(api.contacts[':id'].$patch({ param: { id: contact.id }, json }));
      onSaved(updated);
      setNotice(done);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const owner = agents?.find((a) => a.staffId === contact.ownerStaffId);
  const ownerOptions = (agents ?? []).map((a) => ({ value: a.staffId, label: a.fullName }));
  if (contact.ownerStaffId && agents && !owner) {
    ownerOptions.unshift({ value: contact.ownerStaffId, label: 'Nhân viên khác (không trả lời hộp thư)' });
  }
  const tagsChanged = !sameTags(tags, contact.tags);

  return (
    <Paper withBorder p="md" component="section" aria-label="Nhãn và người phụ trách">
      <Title order={3} fz="md" mb="xs">
        Nhãn và người phụ trách
      </Title>
      <Stack gap="sm">
        {notice && (
          <Alert color="teal" variant="light" p={8} withCloseButton onClose={() => setNotice(null)}>
            <Text size="sm">{notice}</Text>
          </Alert>
        )}
        {error && (
          <Alert color="red" variant="light" role="alert" p={8}>
            <Text size="sm">{error}</Text>
          </Alert>
        )}
        {mayWrite ? (
          <>
            <TagsInput
              label="Nhãn"
              description="Gõ rồi Enter để thêm; bấm × để bỏ"
              placeholder={tags.length ? '' : 'Ví dụ: khám định kỳ'}
              data={known}
              value={tags}
              onChange={setTags}
              maxTags={30}
              clearable
            />
            {tagsChanged && (
              <Group justify="flex-end" gap="xs">
                <Button size="xs" variant="default" onClick={() => setTags(contact.tags)}>
                  Huỷ
                </Button>
                <Button
                  size="xs"
                  loading={busy === 'tags'}
                  onClick={() => save('tags', { tags }, 'Đã lưu nhãn của khách hàng.')}
                >
                  Lưu nhãn
                </Button>
              </Group>
            )}
            <Select
              label="Người phụ trách"
              placeholder="Chưa có"
              data={ownerOptions}
              value={contact.ownerStaffId}
              onChange={(v) => {
                if (v === contact.ownerStaffId) return;
                const name = agents?.find((a) => a.staffId === v)?.fullName;
                void save(
                  'owner',
                  { ownerStaffId: v },
                  v ? `Đã giao khách hàng cho ${name ?? 'nhân viên đã chọn'}.` : 'Đã bỏ người phụ trách.',
                );
              }}
              disabled={busy === 'owner' || agents === null}
              searchable
              clearable
            />
          </>
        ) : (
          <>
            <Group gap={4}>
              {contact.tags.length === 0 && (
                <Text size="sm" c="dimmed">
                  Chưa có nhãn.
                </Text>
              )}
              {contact.tags.map((t) => (
                <Badge key={t} size="sm" variant="outline">
                  {t}
                </Badge>
              ))}
            </Group>
            <Text size="sm">Người phụ trách: {owner?.fullName ?? '—'}</Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}
