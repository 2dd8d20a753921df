import {
  Alert,
  Box,
  Button,
  Combobox,
  Group,
  Paper,
  SegmentedControl,
  Text,
  Textarea,
  useCombobox,
} from '@mantine/core';
import { Send, StickyNote } from 'lucide-react';
import { type KeyboardEvent, useRef, useState } from 'react';
import { ApiError, api, call, errorMessage } from '../api.ts';
import type { Agent, CannedResponse, ConversationDetail, Message } from './inbox-types.ts';
import { WindowMeter } from './window-meter.tsx';

type Mode = 'reply' | 'note';

interface Props {
  conversation: ConversationDetail;
  agents: Agent[];
  canReply: boolean;
  onSent(message: Message): void;
  /** the hub refused the reply (the window changed since it was loaded): show the conversation's current state */
  onRefused?(): void;
}

/** The @word being typed at the caret, if any. */
function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const m = /(^|\s)@([^\s@]{0,30})$/u.exec(text.slice(0, caret));
  if (!m) return null;
  return { start: caret - m[2]!.length - 1, query: m[2]!.toLocaleLowerCase('vi') };
}

const fold = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLocaleLowerCase('vi');

/**
 * Reply to the patient on the conversation's channel, or write a private note to colleagues (with @mentions).
 * The window meter says whether the provider would take a reply now; when it would not, sending is off and the
 * reason shows. Canned responses are filled in by the hub for this conversation.
 */
export function Composer({ conversation, agents, canReply, onSent, onRefused }: Props) {
  const [mode, setMode] = useState<Mode>(canReply ? 'reply' : 'note');
  const [text, setText] = useState('');
  const [cannedId, setCannedId] = useState<string | null>(null);
  const [mentioned, setMentioned] = useState<Map<string, string>>(new Map());
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [canned, setCanned] = useState<CannedResponse[] | null>(null);
  const [cannedQuery, setCannedQuery] = useState('');
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const cannedBox = useCombobox({ onDropdownClose: () => setCannedQuery('') });

  const w = conversation.window;
  const replyBlocked = mode === 'reply' && (!canReply || !w.canReply);

  const openCanned = async () => {
    cannedBox.toggleDropdown();
    if (canned) return;
    try {
      const list = await call(api.inbox['canned-responses'].$get({ query: {} }));
      setCanned(list.items);
    } catch (err) {
      setError(errorMessage(err));
      setCanned([]);
    }
  };

  const pickCanned = async (id: string) => {
    cannedBox.closeDropdown();
    setError(null);
    try {
      const { text: rendered } = await call(
        api.inbox['canned-responses'][':id'].render.$post({
          param: { id },
          json: { conversationId: conversation.id },
        }),
      );
      setText((prev) => (prev.trim() ? `${prev.trimEnd()}\n${rendered}` : rendered));
      setCannedId(id);
      area.current?.focus();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const onChange = (value: string, caret: number) => {
    setText(value);
    if (!value.trim()) setCannedId(null);
    setMention(mode === 'note' ? mentionAt(value, caret) : null);
  };

  const mentionOptions = mention
    ? agents.filter((a) => fold(a.fullName).includes(fold(mention.query))).slice(0, 6)
    : [];

  const pickMention = (a: Agent) => {
    if (!mention) return;
    const caret = area.current?.selectionStart ?? text.length;
    const next = `${text.slice(0, mention.start)}@${a.fullName} ${text.slice(caret)}`;
    setText(next);
    setMentioned((prev) => new Map(prev).set(a.staffId, a.fullName));
    setMention(null);
    area.current?.focus();
  };

  const send = async () => {
    const body = text.trim();
    if (!body || sending || replyBlocked) return;
    setSending(true);
    setError(null);
    try {
      const msg =
        mode === 'reply'
          ? await call(
              api.inbox.conversations[':id'].replies.$post({
                param: { id: conversation.id },
                json: { body, ...(cannedId ? { cannedResponseId: cannedId } : {}) },
              }),
            )
          : await call(
              api.inbox.conversations[':id'].notes.$post({
                param: { id: conversation.id },
                json: {
                  body,
                  // only the people still named in the text
                  mentions: [...mentioned].filter(([, name]) => body.includes(`@${name}`)).map(([id]) => id),
                },
              }),
            );
      setText('');
      setCannedId(null);
      setMentioned(new Map());
      onSent(msg);
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError && err.status === 409) onRefused?.();
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (mentionOptions.length > 0 && (e.key === 'Enter' || e.key === 'Tab')) {
      e.preventDefault();
      pickMention(mentionOptions[0]!);
      return;
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  };

  const shownCanned = (canned ?? []).filter((c) => {
    const q = fold(cannedQuery.trim());
    return !q || fold(`${c.shortcut} ${c.title}`).includes(q);
  });

  return (
    <Paper withBorder p="xs" radius="md" bg={mode === 'note' ? 'yellow.0' : undefined} aria-label="Soạn tin">
      <Group justify="space-between" mb={6} gap="xs">
        <SegmentedControl
          size="xs"
          aria-label="Loại tin"
          value={mode}
          onChange={(v) => {
            setMode(v as Mode);
            setMention(null);
          }}
          data={[
            { value: 'reply', label: 'Trả lời khách', disabled: !canReply },
            { value: 'note', label: 'Ghi chú nội bộ' },
          ]}
        />
        {mode === 'reply' && (
          <Combobox store={cannedBox} onOptionSubmit={pickCanned} width={340} position="top-end" withinPortal>
            <Combobox.Target>
              <Button size="xs" variant="default" onClick={openCanned} disabled={replyBlocked}>
                Mẫu trả lời
              </Button>
            </Combobox.Target>
            <Combobox.Dropdown>
              <Combobox.Search
                value={cannedQuery}
                onChange={(e) => setCannedQuery(e.currentTarget.value)}
                placeholder="Tìm theo lối tắt hoặc tiêu đề"
                aria-label="Tìm mẫu trả lời"
              />
              <Combobox.Options mah={260} style={{ overflowY: 'auto' }}>
                {canned === null && <Combobox.Empty>Đang tải…</Combobox.Empty>}
                {canned !== null && shownCanned.length === 0 && <Combobox.Empty>Không có mẫu phù hợp</Combobox.Empty>}
                {shownCanned.map((c) => (
                  <Combobox.Option value={c.id} key={c.id} aria-label={c.title}>
                    <Text size="sm" fw={600}>
                      {c.title}{' '}
                      <Text span size="xs" c="dimmed">
                        /{c.shortcut}
                      </Text>
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {c.body}
                    </Text>
                  </Combobox.Option>
                ))}
              </Combobox.Options>
            </Combobox.Dropdown>
          </Combobox>
        )}
      </Group>

      {mode === 'reply' && <WindowMeter window={w} />}
      {mode === 'reply' && !canReply && (
        <Text size="xs" c="red.8" mt={4}>
          Bạn không có quyền trả lời khách.
        </Text>
      )}

      <Box pos="relative" mt={6}>
        <Textarea
          ref={area}
          aria-label={mode === 'reply' ? 'Nội dung trả lời' : 'Nội dung ghi chú'}
          placeholder={
            mode === 'reply'
              ? replyBlocked
                ? 'Không thể gửi tin trả lời lúc này'
                : 'Nhập tin trả lời… (Ctrl+Enter để gửi)'
              : 'Ghi chú chỉ nhân viên thấy; gõ @ để nhắc tên đồng nghiệp'
          }
          autosize
          minRows={2}
          maxRows={6}
          value={text}
          disabled={replyBlocked}
          onChange={(e) =>
            onChange(e.currentTarget.value, e.currentTarget.selectionStart ?? e.currentTarget.value.length)
          }
          onKeyDown={onKeyDown}
        />
        {mentionOptions.length > 0 && (
          <Paper
            withBorder
            shadow="sm"
            p={4}
            pos="absolute"
            bottom="100%"
            left={0}
            style={{ zIndex: 10 }}
            role="listbox"
            aria-label="Nhắc tên đồng nghiệp"
          >
            {mentionOptions.map((a) => (
              <Button
                key={a.staffId}
                role="option"
                aria-selected={false}
                variant="subtle"
                size="xs"
                fullWidth
                justify="flex-start"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pickMention(a)}
              >
                @{a.fullName}
              </Button>
            ))}
          </Paper>
        )}
      </Box>

      {error && (
        <Alert color="red" variant="light" role="alert" mt={6} p={6}>
          <Text size="sm">{error}</Text>
        </Alert>
      )}

      <Group justify="flex-end" mt={6}>
        <Button
          size="xs"
          color={mode === 'note' ? 'yellow' : 'teal'}
          leftSection={mode === 'note' ? <StickyNote size={14} aria-hidden /> : <Send size={14} aria-hidden />}
          onClick={send}
          loading={sending}
          disabled={!text.trim() || replyBlocked}
        >
          {mode === 'reply' ? 'Gửi' : 'Lưu ghi chú'}
        </Button>
      </Group>
    </Paper>
  );
}
