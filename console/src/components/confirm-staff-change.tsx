import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { Role, Staff } from '../api.ts';
import { roleLabels } from '../labels.ts';
import { FailureAlert } from './failure-alert.tsx';

export type StaffChange = { staff: Staff; patch: { role: Role } | { active: boolean } };

interface Props {
  change: StaffChange | null;
  busy: boolean;
  error: string | null;
  onConfirm(): void;
  onCancel(): void;
}

function describe({ staff, patch }: StaffChange): { title: string; body: string; confirm: string; danger: boolean } {
  if ('role' in patch) {
    return {
      title: 'Đổi vai trò',
      body: `Đổi vai trò của ${staff.fullName} từ ${roleLabels[staff.role]} sang ${roleLabels[patch.role]}? Người này sẽ bị đăng xuất khỏi mọi thiết bị và cần đăng nhập lại.`,
      confirm: 'Đổi vai trò',
      danger: false,
    };
  }
  return patch.active
    ? {
        title: 'Mở khoá tài khoản',
        body: `Mở khoá tài khoản của ${staff.fullName}? Người này sẽ đăng nhập lại được bằng mật khẩu hiện có.`,
        confirm: 'Mở khoá',
        danger: false,
      }
    : {
        title: 'Khoá tài khoản',
        body: `Khoá tài khoản của ${staff.fullName}? Người này sẽ bị đăng xuất ngay và không đăng nhập được cho tới khi được mở khoá.`,
        confirm: 'Khoá tài khoản',
        danger: true,
      };
}

/** Asks before a change that signs someone out; shows the hub's error in place if it fails. */
export function ConfirmStaffChange({ change, busy, error, onConfirm, onCancel }: Props) {
  const text = change ? describe(change) : null;
  return (
    <Modal opened={change !== null} onClose={() => !busy && onCancel()} title={text?.title} centered>
      {text && (
        <Stack gap="md">
          <Text size="sm">{text.body}</Text>
          <FailureAlert message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel} disabled={busy}>
              Huỷ
            </Button>
            <Button color={text.danger ? 'red' : undefined} onClick={onConfirm} loading={busy}>
              {text.confirm}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
