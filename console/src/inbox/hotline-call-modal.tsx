import { Button, Checkbox, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useRef, useState } from 'react';
import { ApiError, api, call, errorMessage } from '../api.ts';
import { FailureAlert } from '../components/failure-alert.tsx';
import { kindLabels, priorityInfo } from './inbox-labels.ts';
import type { ConversationKind, Priority } from './inbox-types.ts';

interface Props {
  opened: boolean;
  onClose(): void;
  /** the new ticket, to open it; `book`: the agent asked to book a visit for the caller next */
  onRecorded(conversationId: string, contactCreated: boolean, next: { contactId: string; book: boolean }): void;
  /** offer "save and book" (the agent holds booking.write) */
  mayBook?: boolean;
}

/** An agent writes down a phone call: the caller becomes (or is matched to) a contact, the call a ticket. */
export function HotlineCallModal({ opened, onClose, onRecorded, mayBook = false }: Props) {
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [reason, setReason] = useState<ConversationKind>('inquiry');
  const [priority, setPriority] = useState<Priority>('normal');
  const [notes, setNotes] = useState('');
  const [resolved, setResolved] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  // which of the two submit buttons was pressed
  const bookAfter = useRef(false);

  const reset = () => {
    setPhone('');
    setName('');
    setReason('inquiry');
    setPriority('normal');
    setNotes('');
    setResolved(false);
    setError(null);
    setFieldErrors({});
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    setFieldErrors({});
    try {
      const out = await call(
        api.inbox['hotline-calls'].$post({
          json: {
            callerPhone: phone.trim(),
            ...(name.trim() ? { callerName: name.trim().normalize('NFC') } : {}),
            reason,
            priority,
            notes: notes.normalize('NFC'),
            resolved,
          },
        }),
      );
      reset();
      onRecorded(out.conversationId, out.contactCreated, { contactId: out.contactId, book: bookAfter.current });
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) {
        setFieldErrors(Object.fromEntries(err.issues.map((i) => [i.path, i.message])));
      }
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Ghi nhận cuộc gọi tổng đài" size="lg">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput
              label="Số điện thoại người gọi"
              placeholder="0912 345 678"
              required
              value={phone}
              onChange={(e) => setPhone(e.currentTarget.value)}
              error={fieldErrors.callerPhone}
              inputMode="tel"
            />
            <TextInput
              label="Tên người gọi"
              placeholder="Không bắt buộc"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fieldErrors.callerName}
            />
          </Group>
          <Group grow>
            <Select
              label="Lý do gọi"
              data={Object.entries(kindLabels).map(([value, label]) => ({ value, label }))}
              value={reason}
              onChange={(v) => v && setReason(v as ConversationKind)}
              allowDeselect={false}
            />
            <Select
              label="Mức ưu tiên"
              data={Object.entries(priorityInfo).map(([value, p]) => ({ value, label: p.label }))}
              value={priority}
              onChange={(v) => v && setPriority(v as Priority)}
              allowDeselect={false}
            />
          </Group>
          <Textarea
            label="Nội dung cuộc gọi"
            required
            autosize
            minRows={3}
            maxRows={8}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            error={fieldErrors.notes}
          />
          <Checkbox
            label="Đã giải quyết xong trong cuộc gọi"
            checked={resolved}
            onChange={(e) => setResolved(e.currentTarget.checked)}
          />
          <FailureAlert message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Huỷ
            </Button>
            {mayBook && (
              <Button type="submit" variant="light" loading={saving} onClick={() => (bookAfter.current = true)}>
                Lưu và đặt lịch khám
              </Button>
            )}
            <Button type="submit" loading={saving} onClick={() => (bookAfter.current = false)}>
              Ghi nhận
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
