import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  Modal,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { type MouseEvent, useCallback, useEffect, useState } from 'react';
import type { Me } from '../api.ts';
import { api, call, errorMessage } from '../api.ts';
import { ContactAppointments } from '../appointments/contact-appointments.tsx';
import { FailureAlert } from '../components/failure-alert.tsx';
import { ContactFollowUps } from '../follow-ups/contact-follow-ups.tsx';
import { formatDateTime } from '../format.ts';
import { ChannelBadge } from '../inbox/channel-badge.tsx';
import { ContactPanel } from '../inbox/contact-panel.tsx';
import {
  channelLabel,
  mergeReasonLabels,
  statusInfo,
  timelineKindLabels,
  timelineSummary,
} from '../inbox/inbox-labels.ts';
import type { ContactDetail, ConversationStatus, MergeSuggestion, TimelineItem } from '../inbox/inbox-types.ts';
import { ConsentPanel } from '../notify/consent-panel.tsx';
import { ContactOrders } from '../results/contact-orders.tsx';
import { navigate } from '../router.ts';
import { ContactProfileEditor } from './contact-profile-editor.tsx';

const link = (to: string) => (e: MouseEvent<HTMLAnchorElement>) => {
  if (e.button !== 0 || e.metaKey || e.ctrlKey) return;
  e.preventDefault();
  navigate(to);
};

/** /contacts/:id: the whole contact, one timeline across channels, notes, and merge suggestions. */
export function ContactPage({ me, contactId }: { me: Me; contactId: string }) {
  const [contact, setContact] = useState<ContactDetail | null>(null);
  const [timeline, setTimeline] = useState<TimelineItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [suggestions, setSuggestions] = useState<MergeSuggestion[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [merging, setMerging] = useState<MergeSuggestion | null>(null);
  const [mergeBusy, setMergeBusy] = useState(false);
  const [mergeError, setMergeError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [noteKind, setNoteKind] = useState<'general' | 'remarketing'>('general');
  const [note, setNote] = useState('');
  const [noteBusy, setNoteBusy] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  const mayMerge = me.permissions.includes('contacts.merge');
  const mayWrite = me.permissions.includes('contacts.write');

  const load = useCallback(async () => {
    setError(null);
    try {
      const [c, t, s] = await Promise.all([
        call(api.contacts[':id'].$get({ param: { id: contactId } })),
        call(api.contacts[':id'].timeline.$get({ param: { id: contactId }, query: { limit: '30' } })),
        call(api.contacts[':id']['merge-suggestions'].$get({ param: { id: contactId }, query: {} })),
      ]);
      setContact(c);
      document.title = `${c.fullName} — MediCRM`;
      setTimeline(t.items);
      setCursor(t.nextCursor);
      setSuggestions(s.items);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [contactId]);

  useEffect(() => {
    void load();
  }, [load]);

  const more = async () => {
    if (!cursor) return;
    try {
      const t = await call(
        api.contacts[':id'].timeline.$get({ param: { id: contactId }, query: { limit: '30', cursor } }),
      );
      setTimeline((prev) => [...prev, ...t.items]);
      setCursor(t.nextCursor);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const other = (s: MergeSuggestion) => s.contacts.find((c) => c.id !== contactId) ?? s.contacts[1]!;

  const confirmMerge = async () => {
    if (!merging) return;
    setMergeBusy(true);
    setMergeError(null);
    try {
      const out = await call(
        api.contacts[':id'].merge.$post({ param: { id: contactId }, json: { sourceContactId: other(merging).id } }),
      );
      const moved = Object.entries(out.moved)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ');
      setNotice(`Đã gộp hồ sơ ${other(merging).fullName} vào hồ sơ này${moved ? ` (${moved})` : ''}.`);
      setMerging(null);
      setReloadKey((k) => k + 1);
      await load();
    } catch (err) {
      setMergeError(errorMessage(err));
    } finally {
      setMergeBusy(false);
    }
  };

  const addNote = async () => {
    if (!note.trim()) return;
    setNoteBusy(true);
    try {
      await call(api.contacts[':id'].notes.$post({ param: { id: contactId }, json: { kind: noteKind, body: note } }));
      setNote('');
      setReloadKey((k) => k + 1);
      await load();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setNoteBusy(false);
    }
  };

  if (error && !contact) {
    return (
      <Alert color="red" variant="light" role="alert" title="Không tải được hồ sơ">
        {error}
      </Alert>
    );
  }
  if (!contact) return <Loader size="sm" />;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={2}>{contact.fullName}</Title>
          <Text size="sm" c="dimmed">
            Hồ sơ khách hàng · tạo lúc {formatDateTime(contact.createdAt)}
            {contact.mergedIntoId && ' · đã được gộp vào hồ sơ khác'}
          </Text>
        </Stack>
        {contact.mergedIntoId && (
          <Button
            variant="light"
            component="a"
            href={`/contacts/${contact.mergedIntoId}`}
            onClick={link(`/contacts/${contact.mergedIntoId}`)}
          >
            Mở hồ sơ đã gộp
          </Button>
        )}
      </Group>
      {notice && (
        <Alert color="teal" variant="light" withCloseButton onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      <FailureAlert message={error} />

      {suggestions.length > 0 && (
        <Paper withBorder p="md" aria-label="Gợi ý gộp hồ sơ" component="section">
          <Title order={3} fz="md" mb="xs">
            Có thể trùng với
          </Title>
          <Stack gap="xs">
            {suggestions.map((s) => {
              const o = other(s);
              return (
                <Group key={o.id} justify="space-between" wrap="wrap">
                  <Text size="sm">
                    <Anchor href={`/contacts/${o.id}`} onClick={link(`/contacts/${o.id}`)}>
                      {o.fullName}
                    </Anchor>{' '}
                    <Text span c="dimmed" size="sm">
                      ({[o.phone, o.email].filter(Boolean).join(' · ') || 'không có số điện thoại/email'}) —{' '}
                      {s.reasons.map((r) => mergeReasonLabels[r] ?? r).join(', ')}
                    </Text>
                  </Text>
                  {mayMerge && (
                    <Button size="xs" variant="light" color="orange" onClick={() => setMerging(s)}>
                      Gộp vào hồ sơ này
                    </Button>
                  )}
                </Group>
              );
            })}
          </Stack>
        </Paper>
      )}

      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Paper withBorder p="md">
              <ContactPanel key={reloadKey} contactId={contactId} embedded />
            </Paper>
            <ContactProfileEditor
              contact={contact}
              mayWrite={mayWrite && !contact.mergedIntoId}
              onSaved={(updated) => {
                setContact(updated);
                setReloadKey((k) => k + 1);
              }}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <ContactAppointments me={me} contactId={contactId} />

            <Paper withBorder p="md" component="section" aria-label="Hội thoại">
              <Title order={3} fz="md" mb="xs">
                Hội thoại
              </Title>
              {contact.conversations.length === 0 && (
                <Text size="sm" c="dimmed">
                  Chưa có hội thoại.
                </Text>
              )}
              <Stack gap={4}>
                {contact.conversations.map((c) => (
                  <Group key={c.id} gap="xs">
                    <ChannelBadge channel={c.channel} size="xs" />
                    <Anchor size="sm" href={`/inbox/${c.id}`} onClick={link(`/inbox/${c.id}`)}>
                      {formatDateTime(c.lastMessageAt ?? c.createdAt)}
                    </Anchor>
                    <Badge
                      size="xs"
                      variant="outline"
                      color={statusInfo[c.status as ConversationStatus]?.color ?? 'gray'}
                    >
                      {statusInfo[c.status as ConversationStatus]?.label ?? c.status}
                    </Badge>
                  </Group>
                ))}
              </Stack>
            </Paper>

            <ConsentPanel contactId={contactId} mayWrite={mayWrite} />

            <ContactFollowUps key={reloadKey} contactId={contactId} mayWrite={mayWrite} />

            {me.permissions.includes('results.read') && (
              <ContactOrders contactId={contactId} mayRelease={me.permissions.includes('results.release')} />
            )}

            {mayWrite && (
              <Paper withBorder p="md" component="section" aria-label="Thêm ghi chú">
                <Group justify="space-between" mb="xs">
                  <Title order={3} fz="md">
                    Thêm ghi chú
                  </Title>
                  <SegmentedControl
                    size="xs"
                    value={noteKind}
                    onChange={(v) => setNoteKind(v as 'general' | 'remarketing')}
                    data={[
                      { value: 'general', label: 'Ghi chú chung' },
                      { value: 'remarketing', label: 'Tái tiếp thị' },
                    ]}
                  />
                </Group>
                <Textarea
                  aria-label="Nội dung ghi chú"
                  autosize
                  minRows={2}
                  value={note}
                  onChange={(e) => setNote(e.currentTarget.value)}
                />
                <Group justify="flex-end" mt="xs">
                  <Button size="xs" onClick={addNote} loading={noteBusy} disabled={!note.trim()}>
                    Lưu ghi chú
                  </Button>
                </Group>
              </Paper>
            )}

            <Paper withBorder p="md" component="section" aria-label="Dòng thời gian">
              <Title order={3} fz="md" mb="xs">
                Dòng thời gian
              </Title>
              <Table.ScrollContainer minWidth={560}>
                <Table verticalSpacing={4} fz="sm">
                  <Table.Tbody>
                    {timeline.map((t) => (
                      <Table.Tr key={`${t.kind}-${t.id}`}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }} c="dimmed">
                          {formatDateTime(t.at)}
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          {timelineKindLabels[t.kind] ?? t.kind}
                          {t.channel ? ` · ${channelLabel(t.channel)}` : ''}
                          {t.direction === 'in' ? ' (khách gửi)' : t.direction === 'out' ? ' (phòng khám gửi)' : ''}
                        </Table.Td>
                        <Table.Td>
                          {t.conversationId ? (
                            <Anchor
                              size="sm"
                              href={`/inbox/${t.conversationId}`}
                              onClick={link(`/inbox/${t.conversationId}`)}
                            >
                              {timelineSummary(t) ?? 'Mở hội thoại'}
                            </Anchor>
                          ) : (
                            (timelineSummary(t) ?? '—')
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {timeline.length === 0 && (
                <Text size="sm" c="dimmed">
                  Chưa có tương tác.
                </Text>
              )}
              {cursor && (
                <Group justify="center" mt="xs">
                  <Button size="xs" variant="light" onClick={more}>
                    Tải thêm
                  </Button>
                </Group>
              )}
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>

      <Modal opened={merging !== null} onClose={() => setMerging(null)} title="Gộp hồ sơ khách hàng">
        {merging && (
          <Stack gap="sm">
            <Text size="sm">
              Gộp hồ sơ <b>{other(merging).fullName}</b> vào hồ sơ <b>{contact.fullName}</b>? Định danh, hội thoại,
              người bệnh, đồng ý, lịch hẹn và ghi chú sẽ được chuyển sang hồ sơ này. Hồ sơ cũ được giữ lại ở trạng thái
              đã gộp; thao tác được ghi vào nhật ký.
            </Text>
            <FailureAlert message={mergeError} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setMerging(null)}>
                Huỷ
              </Button>
              <Button color="orange" loading={mergeBusy} onClick={confirmMerge}>
                Xác nhận gộp
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
