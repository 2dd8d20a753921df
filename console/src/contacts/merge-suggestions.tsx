import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { type MouseEvent, useCallback, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import { CursorPager, useCursorPages } from '../components/cursor-pager.tsx';
import { FailureAlert } from '../components/failure-alert.tsx';
import { formatDateTime } from '../format.ts';
import { channelLabel, mergeReasonLabels } from '../inbox/inbox-labels.ts';
import { navigate } from '../router.ts';
import { formatPhone } from './contact-labels.ts';
import type { ContactSummary, Suggestion } from './contact-types.ts';

const open = (to: string) => (e: MouseEvent<HTMLAnchorElement>) => {
  if (e.button !== 0 || e.metaKey || e.ctrlKey) return;
  e.preventDefault();
  navigate(to);
};

const pairKey = (s: Suggestion) => s.contacts.map((c) => c.id).join('|');

function ContactCard({ c, side }: { c: ContactSummary; side: string }) {
  return (
    <Stack gap={2} aria-label={`${side}: ${c.fullName}`}>
      <Anchor href={`/contacts/${c.id}`} onClick={open(`/contacts/${c.id}`)} fw={600} size="sm">
        {c.fullName}
      </Anchor>
      <Text size="xs">☎ {formatPhone(c.phone)}</Text>
      {c.email && <Text size="xs">✉ {c.email}</Text>}
      <Text size="xs" c="dimmed">
        {c.firstChannel ? `Liên hệ đầu tiên qua ${channelLabel(c.firstChannel)} · ` : ''}tạo lúc{' '}
        {formatDateTime(c.createdAt)}
      </Text>
      <Text size="xs" c="dimmed">
        Tương tác gần nhất: {formatDateTime(c.lastInteractionAt)}
      </Text>
      {c.tags.length > 0 && (
        <Group gap={4}>
          {c.tags.map((t) => (
            <Badge key={t} size="xs" variant="outline" color="gray">
              {t}
            </Badge>
          ))}
        </Group>
      )}
    </Stack>
  );
}

/**
 * Pairs of contacts that share a phone, an email or a Zalo account. A supervisor merges one into the other (which one
 * stays is their choice, confirmed before anything moves) or dismisses the pair as two different people.
 */
export function MergeSuggestions({ mayMerge }: { mayMerge: boolean }) {
  const load = useCallback(
    (cursor: string | undefined) =>
      call(api.contacts['merge-suggestions'].$get({ query: cursor ? { limit: '20', cursor } : { limit: '20' } })),
    [],
  );
  const pages = useCursorPages(load);
  const [merging, setMerging] = useState<{ s: Suggestion; keepId: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [modalError, setModalError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const startMerge = (s: Suggestion) => {
    setModalError(null);
    setNotice(null);
    // the older record usually carries more history; it is only the default choice
    const [a, b] = s.contacts as [ContactSummary, ContactSummary];
    setMerging({ s, keepId: a.createdAt <= b.createdAt ? a.id : b.id });
  };

  const confirmMerge = async () => {
    if (!merging) return;
    const keep = merging.s.contacts.find((c) => c.id === merging.keepId)!;
    const gone = merging.s.contacts.find((c) => c.id !== merging.keepId)!;
    setBusy(pairKey(merging.s));
    setModalError(null);
    try {
      await call(api.contacts[':id'].merge.$post({ param: { id: keep.id }, json: { sourceContactId: gone.id } }));
      setMerging(null);
      setNotice(`Đã gộp hồ sơ ${gone.fullName} vào hồ sơ ${keep.fullName}.`);
      pages.reload();
    } catch (err) {
      setModalError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const dismiss = async (s: Suggestion) => {
    setBusy(pairKey(s));
    setError(null);
    setNotice(null);
    try {
      await call(
        api.contacts['merge-suggestions'].dismiss.$post({ json: { contactIds: s.contacts.map((c) => c.id) } }),
      );
      setNotice(`Đã bỏ qua gợi ý: ${s.contacts.map((c) => c.fullName).join(' và ')} là hai người khác nhau.`);
      pages.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const keep = merging?.s.contacts.find((c) => c.id === merging.keepId);
  const gone = merging?.s.contacts.find((c) => c.id !== merging.keepId);

  return (
    <Stack gap="md">
      {notice && (
        <Alert color="teal" variant="light" withCloseButton onClose={() => setNotice(null)} closeButtonLabel="Đóng">
          {notice}
        </Alert>
      )}
      {(error || pages.error) && (
        <Alert color="red" variant="light" role="alert">
          {error ?? pages.error}
        </Alert>
      )}
      {pages.items === null && !pages.error && <Loader size="sm" />}
      {pages.items?.length === 0 && (
        <Text size="sm" c="dimmed">
          Không có gợi ý gộp nào: chưa thấy hai hồ sơ nào trùng số điện thoại, email hay tài khoản Zalo.
        </Text>
      )}
      {pages.items?.map((s) => {
        const [a, b] = s.contacts as [ContactSummary, ContactSummary];
        return (
          <Paper key={pairKey(s)} withBorder p="md" component="section" aria-label={`Gợi ý gộp ${a.fullName}`}>
            <Group justify="space-between" mb="xs">
              <Group gap={4}>
                {s.reasons.map((r) => (
                  <Badge key={r} color="orange" variant="light" size="sm">
                    {mergeReasonLabels[r] ?? r}
                  </Badge>
                ))}
              </Group>
              {mayMerge && (
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => dismiss(s)}
                    loading={busy === pairKey(s) && !merging}
                  >
                    Không phải một người
                  </Button>
                  <Button size="xs" color="orange" onClick={() => startMerge(s)}>
                    Gộp…
                  </Button>
                </Group>
              )}
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <ContactCard c={a} side="Hồ sơ 1" />
              <ContactCard c={b} side="Hồ sơ 2" />
            </SimpleGrid>
          </Paper>
        );
      })}
      <CursorPager pages={pages} label="Phân trang gợi ý gộp" />

      <Modal opened={merging !== null} onClose={() => setMerging(null)} title="Gộp hồ sơ khách hàng" size="lg">
        {merging && keep && gone && (
          <Stack gap="sm">
            <Radio.Group
              label="Giữ lại hồ sơ"
              value={merging.keepId}
              onChange={(keepId) => setMerging({ ...merging, keepId })}
            >
              <Stack gap={6} mt={6}>
                {merging.s.contacts.map((c) => (
                  <Radio
                    key={c.id}
                    value={c.id}
                    label={`${c.fullName} · ${formatPhone(c.phone)} · tạo lúc ${formatDateTime(c.createdAt)}`}
                  />
                ))}
              </Stack>
            </Radio.Group>
            <Text size="sm">
              Gộp hồ sơ <b>{gone.fullName}</b> vào hồ sơ <b>{keep.fullName}</b>? Định danh, hội thoại, người bệnh, đồng
              ý, lịch hẹn và ghi chú sẽ được chuyển sang hồ sơ được giữ lại. Hồ sơ kia được giữ ở trạng thái đã gộp
              (không mất dữ liệu); thao tác được ghi vào nhật ký.
            </Text>
            <FailureAlert message={modalError} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setMerging(null)}>
                Huỷ
              </Button>
              <Button color="orange" loading={busy !== null} onClick={confirmMerge}>
                Xác nhận gộp
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
