import { Button, Group, Modal, Paper, Select, Stack, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { ApiError, api, call, errorMessage, type Me } from '../api.ts';
import { FailureAlert } from '../components/failure-alert.tsx';
import type { CannedResponse, Team } from '../inbox/inbox-types.ts';
import { previewCanned, variablesIn } from './canned-preview.ts';

const ALL_TEAMS = 'all';
const shortcutRule = /^[a-z0-9][a-z0-9_-]{0,39}$/;

const today = () =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date());

/** Example values for the preview; the hub fills the real ones for each conversation. */
function sampleValues(me: Me, variables: Record<string, string>): Record<string, string> {
  const samples: Record<string, string> = {
    'contact.name': 'Nguyễn Thị Thu Hương',
    'contact.firstName': 'Hương',
    'contact.phone': '0912345678',
    'agent.name': me.fullName,
    'clinic.name': 'Phòng khám',
    today: today(),
  };
  return Object.fromEntries(Object.entries(variables).map(([k, what]) => [k, samples[k] ?? `[${what}]`]));
}

interface Fields {
  shortcut: string;
  title: string;
  body: string;
  team: string;
}
type FieldErrors = Partial<Record<keyof Fields, string>>;

const fieldsOf = (c: CannedResponse | 'new' | null): Fields =>
  c && c !== 'new'
    ? { shortcut: c.shortcut, title: c.title, body: c.body, team: c.teamId ?? ALL_TEAMS }
    : { shortcut: '', title: '', body: '', team: ALL_TEAMS };

/** Add or edit one canned response, with its variables one click away and a preview with example values. */
export function CannedEditor({
  me,
  teams,
  variables,
  editing,
  onClose,
  onSaved,
}: {
  me: Me;
  teams: Team[];
  /** the variables the hub supports, with what each stands for */
  variables: Record<string, string>;
  editing: CannedResponse | 'new' | null;
  onClose(): void;
  onSaved(saved: CannedResponse, created: boolean): void;
}) {
  const [f, setF] = useState<Fields>(fieldsOf(editing));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const bodyRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    setF(fieldsOf(editing));
    setErrors({});
    setError(null);
  }, [editing]);

  const unknown = variablesIn(f.body).filter((v) => !(v in variables));
  const set = (k: keyof Fields) => (value: string) => {
    setF((prev) => ({ ...prev, [k]: value }));
    setErrors((prev) => ({ ...prev, [k]: undefined }));
  };

  const insert = (name: string) => {
    const el = bodyRef.current;
    const token = `{{${name}}}`;
    const start = el?.selectionStart ?? f.body.length;
    const end = el?.selectionEnd ?? start;
    set('body')(`${f.body.slice(0, start)}${token}${f.body.slice(end)}`);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!shortcutRule.test(f.shortcut.trim()))
      e.shortcut = 'Lối tắt chỉ gồm chữ thường không dấu, số, - và _ (tối đa 40 ký tự)';
    if (!f.title.trim()) e.title = 'Vui lòng nhập tiêu đề';
    if (!f.body.trim()) e.body = 'Vui lòng nhập nội dung';
    else if (unknown.length) e.body = `Biến không hỗ trợ: ${unknown.map((v) => `{{${v}}}`).join(', ')}`;
    return e;
  };

  const save = async () => {
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length) return;
    setBusy(true);
    setError(null);
    const json = {
      shortcut: f.shortcut.trim(),
      title: f.title.trim(),
      body: f.body.trim(),
      teamId: f.team === ALL_TEAMS ? null : f.team,
    };
    try {
      const saved =
        editing && editing !== 'new'
          ? await call(api.inbox['canned-responses'][':id'].$put({ param: { id: editing.id }, json }))
          : await call(api.inbox['canned-responses'].$post({ json }));
      onSaved(saved, editing === 'new');
    } catch (err) {
      if (err instanceof ApiError && err.code === 'canned_shortcut_taken') setErrors({ shortcut: err.message });
      else if (err instanceof ApiError && err.issues.length) {
        setErrors(Object.fromEntries(err.issues.map((i) => [i.path === 'teamId' ? 'team' : i.path, i.message])));
      } else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const preview = previewCanned(f.body, sampleValues(me, variables));

  return (
    <Modal
      opened={editing !== null}
      onClose={onClose}
      title={editing === 'new' ? 'Thêm mẫu trả lời' : 'Sửa mẫu trả lời'}
      size="lg"
    >
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput
            label="Lối tắt"
            description="Gõ /lối-tắt trong khung soạn tin"
            placeholder="datlich"
            leftSection={<Text size="sm">/</Text>}
            value={f.shortcut}
            onChange={(e) => set('shortcut')(e.currentTarget.value)}
            error={errors.shortcut}
            withAsterisk
          />
          <Select
            label="Dùng cho nhóm"
            description="Nhóm khác không thấy mẫu này"
            data={[
              { value: ALL_TEAMS, label: 'Mọi nhóm' },
              ...teams.map((t) => ({ value: t.teamId, label: t.teamName })),
            ]}
            value={f.team}
            onChange={(v) => set('team')(v ?? ALL_TEAMS)}
            allowDeselect={false}
            error={errors.team}
          />
        </Group>
        <TextInput
          label="Tiêu đề"
          value={f.title}
          onChange={(e) => set('title')(e.currentTarget.value)}
          error={errors.title}
          maxLength={120}
          withAsterisk
        />
        <Textarea
          ref={bodyRef}
          label="Nội dung"
          autosize
          minRows={3}
          maxRows={10}
          maxLength={2000}
          value={f.body}
          onChange={(e) => set('body')(e.currentTarget.value)}
          error={errors.body}
          withAsterisk
        />
        <Group gap={6} aria-label="Chèn biến">
          <Text size="xs" c="dimmed">
            Chèn biến:
          </Text>
          {Object.entries(variables).map(([name, what]) => (
            <Tooltip key={name} label={what} withinPortal>
              <Button size="compact-xs" variant="light" onClick={() => insert(name)} aria-label={`Chèn {{${name}}}`}>
                {`{{${name}}}`}
              </Button>
            </Tooltip>
          ))}
        </Group>
        <Paper withBorder p="sm" bg="gray.0" aria-label="Xem trước">
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={4}>
            Xem trước (giá trị ví dụ)
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="canned-preview">
            {preview.length === 0 && (
              <Text span c="dimmed" size="sm">
                Nội dung sẽ hiện ở đây.
              </Text>
            )}
            {preview.map((p, i) =>
              p.kind === 'text' ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity beyond their position
                <span key={i}>{p.text}</span>
              ) : (
                <Text
                  // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity beyond their position
                  key={i}
                  span
                  size="sm"
                  fw={600}
                  c={p.kind === 'value' ? 'teal.8' : 'red.7'}
                  title={p.kind === 'unknown' ? 'Biến không hỗ trợ' : undefined}
                >
                  {p.text}
                </Text>
              ),
            )}
          </Text>
        </Paper>
        <FailureAlert message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Huỷ
          </Button>
          <Button onClick={save} loading={busy}>
            {editing === 'new' ? 'Thêm mẫu' : 'Lưu mẫu'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
