import { Alert, Anchor, Badge, Divider, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { type MouseEvent, useCallback, useEffect, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import { formatDateTime, formatShort } from '../format.ts';
import { navigate } from '../router.ts';
import {
  channelLabel,
  consentPurposeLabels,
  identityLabels,
  relationshipLabels,
  timelineKindLabels,
  timelineSummary,
} from './inbox-labels.ts';
import { useInboxEvents } from './inbox-stream.ts';
import type { ContactDetail, TimelineItem } from './inbox-types.ts';

const Section = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <Stack gap={4}>
    <Text size="xs" fw={700} c="dimmed" tt="uppercase">
      {title}
    </Text>
    {children}
  </Stack>
);

/**
 * Who the conversation is with: identities, family patients, consent, tags, notes and the latest interactions.
 * `embedded` (the contact page) leaves out the name, the link to the page and the short timeline the page shows itself.
 */
export function ContactPanel({ contactId, embedded = false }: { contactId: string; embedded?: boolean }) {
  const [contact, setContact] = useState<ContactDetail | null>(null);
  const [timeline, setTimeline] = useState<TimelineItem[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const [c, t] = await Promise.all([
        call(api.contacts[':id'].$get({ param: { id: contactId } })),
        call(api.contacts[':id'].timeline.$get({ param: { id: contactId }, query: { limit: '8' } })),
      ]);
      setContact(c);
      setTimeline(t.items);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [contactId]);

  useEffect(() => {
    setContact(null);
    void load();
  }, [load]);
  useInboxEvents((e) => {
    if (e.type === 'resync') void load();
  });

  if (error) {
    return (
      <Alert color="red" variant="light" role="alert" title="Không tải được hồ sơ">
        {error}
      </Alert>
    );
  }
  if (!contact) return <Loader size="sm" />;

  const open = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey) return;
    e.preventDefault();
    navigate(`/contacts/${contact.id}`);
  };

  return (
    <Stack gap="sm" aria-label="Hồ sơ khách hàng" component="section">
      {!embedded && (
        <Stack gap={0}>
          <Title order={3} fz="md">
            {contact.fullName}
          </Title>
          {contact.displayName && contact.displayName !== contact.fullName && (
            <Text size="xs" c="dimmed">
              Tên trên kênh: {contact.displayName}
            </Text>
          )}
          <Anchor size="xs" href={`/contacts/${contact.id}`} onClick={open}>
            Mở hồ sơ đầy đủ
          </Anchor>
        </Stack>
      )}

      <Section title="Liên hệ">
        {contact.phone && <Text size="sm">☎ {contact.phone}</Text>}
        {contact.email && <Text size="sm">✉ {contact.email}</Text>}
        {contact.identities.map((i) => (
          <Text key={i.id} size="xs" c="dimmed" truncate>
            {identityLabels[i.channel] ?? i.channel}: {i.externalId}
          </Text>
        ))}
      </Section>

      {contact.tags.length > 0 && (
        <Group gap={4}>
          {contact.tags.map((t) => (
            <Badge key={t} size="xs" variant="outline">
              {t}
            </Badge>
          ))}
        </Group>
      )}

      <Section title="Người bệnh">
        {contact.patients.length === 0 && (
          <Text size="xs" c="dimmed">
            Chưa có hồ sơ người bệnh.
          </Text>
        )}
        {contact.patients.map((p) => (
          <Text key={p.id} size="sm">
            {p.fullName}{' '}
            <Text span size="xs" c="dimmed">
              ({relationshipLabels[p.relationship] ?? p.relationship}
              {p.birthDate ? `, sinh ${p.birthDate.split('-').reverse().join('/')}` : ''}
              {p.hisMrn ? `, mã BN ${p.hisMrn}` : ''})
            </Text>
          </Text>
        ))}
      </Section>

      <Section title="Đồng ý">
        {contact.consents.length === 0 && (
          <Text size="xs" c="dimmed">
            Chưa ghi nhận.
          </Text>
        )}
        {contact.consents.map((c) => (
          <Text key={`${c.channel}-${c.purpose}`} size="xs">
            <Badge size="xs" color={c.status === 'granted' ? 'teal' : 'red'} variant="light" mr={4}>
              {c.status === 'granted' ? 'Đồng ý' : 'Đã rút'}
            </Badge>
            {consentPurposeLabels[c.purpose] ?? c.purpose} · {channelLabel(c.channel)}
          </Text>
        ))}
      </Section>

      {(contact.notes || contact.recentNotes.length > 0) && (
        <Section title="Ghi chú">
          {contact.notes && (
            <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
              {contact.notes}
            </Text>
          )}
          {contact.recentNotes.slice(0, 3).map((n) => (
            <Text key={n.id} size="xs">
              {n.kind === 'remarketing' && (
                <Badge size="xs" color="grape" variant="light" mr={4}>
                  Tái tiếp thị
                </Badge>
              )}
              {n.body}{' '}
              <Text span c="dimmed" size="xs">
                — {n.authorName ?? 'Hệ thống'}, {formatShort(n.createdAt)}
              </Text>
            </Text>
          ))}
        </Section>
      )}

      {!embedded && <Divider />}
      {!embedded && (
        <Section title="Dòng thời gian">
          {timeline.length === 0 && (
            <Text size="xs" c="dimmed">
              Chưa có tương tác.
            </Text>
          )}
          {timeline.map((t) => (
            <Text key={`${t.kind}-${t.id}`} size="xs" lineClamp={2}>
              <Text span c="dimmed" size="xs" title={formatDateTime(t.at)}>
                {formatShort(t.at)}
              </Text>{' '}
              <b>{timelineKindLabels[t.kind] ?? t.kind}</b>
              {t.channel ? ` · ${channelLabel(t.channel)}` : ''}
              {timelineSummary(t) ? `: ${timelineSummary(t)}` : ''}
            </Text>
          ))}
        </Section>
      )}
    </Stack>
  );
}
