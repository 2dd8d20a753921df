import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { FormEvent } from 'react';
import { api, call, type Staff } from '../api.ts';
import { resetPasswordSchema } from '../validation.ts';
import { FailureAlert } from './failure-alert.tsx';
import { NewPasswordPair, useFormState } from './form-parts.tsx';

interface Props {
  /** whose password is reset; null keeps the dialog closed */
  staff: Staff | null;
  onClose(): void;
  onReset(staff: Staff): void;
}

const empty = { password: '', confirmPassword: '' };

/** An admin sets a new password for someone else, after saying plainly that it signs that person out everywhere. */
export function ResetPasswordModal({ staff, onClose, onReset }: Props) {
  const form = useFormState(empty);
  const { values, errors, failure, saving, set, reset: clear } = form;
  // A fresh form each time: a password typed for one person must never be sent for another.
  const close = () => {
    if (saving) return;
    clear();
    onClose();
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!staff) return;
    void form.submit(resetPasswordSchema, values, async ({ password }) => {
      await call(api.admin.staff[':id'].password.$post({ param: { id: staff.id }, json: { password } }));
      onReset(staff);
    });
  }

  return (
    <Modal opened={staff !== null} onClose={close} title="Đặt lại mật khẩu" size="md" centered>
      {staff && (
        <form onSubmit={submit} noValidate aria-label="Đặt lại mật khẩu">
          <Stack gap="sm">
            <Text size="sm">
              Đặt mật khẩu mới cho {staff.fullName} ({staff.email}). Người này sẽ bị đăng xuất khỏi mọi thiết bị và đăng
              nhập lại bằng mật khẩu mới.
            </Text>
            <FailureAlert message={failure} />
            <NewPasswordPair
              description="Ít nhất 10 ký tự. Gửi cho nhân viên qua kênh riêng, không gửi qua nhóm chat chung."
              value={values.password}
              confirm={values.confirmPassword}
              error={errors.password}
              confirmError={errors.confirmPassword}
              onChange={(v) => set('password', v)}
              onConfirmChange={(v) => set('confirmPassword', v)}
              autoFocus
            />
            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={close} disabled={saving}>
                Huỷ
              </Button>
              <Button type="submit" color="red" loading={saving}>
                Đặt lại mật khẩu
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
