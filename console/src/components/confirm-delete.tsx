import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { FailureAlert } from './failure-alert.tsx';

/** Asks before deleting a setting; the hub's refusal shows inside the dialog. */
export function ConfirmDelete({
  opened,
  title,
  busy,
  error,
  onCancel,
  onConfirm,
  children,
}: {
  opened: boolean;
  title: string;
  busy: boolean;
  error: string | null;
  onCancel(): void;
  onConfirm(): void;
  children: ReactNode;
}) {
  return (
    <Modal opened={opened} onClose={onCancel} title={title}>
      <Stack gap="sm">
        <Text size="sm">{children}</Text>
        <FailureAlert message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Huỷ
          </Button>
          <Button color="red" loading={busy} onClick={onConfirm}>
            Xoá
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
