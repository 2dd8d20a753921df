import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import { type FollowUp, kindLabels } from './follow-up-labels.ts';

interface Props {
  task: FollowUp;
  action: 'complete' | 'cancel';
  onClose(): void;
  onDone(task: FollowUp): void;
}

/** Closes a task with what came of it: "Đã gọi, bệnh nhân ổn" or why it is no longer needed. */
export function CloseTaskModal({ task, action, onClose, onDone }: Props) {
  const [outcome, setOutcome] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const done = action === 'complete';

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = { param: { id: task.id }, json: outcome.trim() ? { outcome: outcome.trim() } : {} };
      const updated = done
        ? await call(api['follow-ups'][':id'].complete.$post(body))
        : await call(api['follow-ups'][':id'].cancel.$post(body));
      onDone(updated);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={done ? 'Hoàn tất việc chăm sóc' : 'Huỷ việc chăm sóc'}>
      <Stack gap="sm">
        <Text size="sm">
          {kindLabels[task.kind] ?? task.kind} — <b>{task.contact.fullName}</b>
        </Text>
        <Textarea
          label={done ? 'Kết quả' : 'Lý do huỷ'}
          placeholder={done ? 'Ví dụ: Đã gọi, bệnh nhân hồi phục tốt, hẹn tái khám' : 'Ví dụ: Khách đã chuyển nơi khám'}
          value={outcome}
          onChange={(e) => setOutcome(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={1000}
        />
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Đóng
          </Button>
          <Button color={done ? 'teal' : 'red'} onClick={submit} loading={busy}>
            {done ? 'Xác nhận đã xong' : 'Xác nhận huỷ'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
