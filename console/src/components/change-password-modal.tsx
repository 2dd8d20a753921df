import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { api, call } from '../api.ts';
import { changePasswordSchema } from '../validation.ts';
import { FailureAlert } from './failure-alert.tsx';
import { NewPasswordPair, PasswordField, useFormState } from './form-parts.tsx';

interface Props {
  opened: boolean;
  onClose(): void;
}

const empty = { currentPassword: '', newPassword: '', confirmPassword: '' };

/** The signed-in person changes their own password; their other devices are signed out by the hub. */
export function ChangePasswordModal({ opened, onClose }: Props) {
  const form = useFormState(empty);
  const { values, errors, failure, saving, set, reset } = form;
  const [revoked, setRevoked] = useState<number | null>(null);

  const close = () => {
    if (saving) return;
    reset();
    setRevoked(null);
    onClose();
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    void form.submit(
      changePasswordSchema,
      values,
      async ({ currentPassword, newPassword }) => {
        const result = await call(api.auth.password.$post({ json: { currentPassword, newPassword } }));
        setRevoked(result.revokedSessions);
      },
      { wrong_current_password: 'currentPassword' },
    );
  }

  return (
    <Modal opened={opened} onClose={close} title="Đổi mật khẩu" size="md" centered>
      {revoked !== null ? (
        <Stack gap="md">
          <Alert color="teal" variant="light" title="Đã đổi mật khẩu">
            <Text size="sm">
              Lần đăng nhập sau, hãy dùng mật khẩu mới.
              {revoked > 0
                ? ` Đã đăng xuất ${revoked} phiên đăng nhập khác của bạn; phiên này vẫn giữ nguyên.`
                : ' Bạn không còn phiên đăng nhập nào khác.'}
            </Text>
          </Alert>
          <Group justify="flex-end">
            <Button onClick={close}>Đóng</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Đổi mật khẩu">
          <Stack gap="sm">
            <FailureAlert message={failure} />
            <PasswordField
              label="Mật khẩu hiện tại"
              autoComplete="current-password"
              value={values.currentPassword}
              onChange={(v) => set('currentPassword', v)}
              error={errors.currentPassword}
              autoFocus
            />
            <NewPasswordPair
              description="Ít nhất 10 ký tự, khác mật khẩu hiện tại."
              value={values.newPassword}
              confirm={values.confirmPassword}
              error={errors.newPassword}
              confirmError={errors.confirmPassword}
              onChange={(v) => set('newPassword', v)}
              onConfirmChange={(v) => set('confirmPassword', v)}
            />
            <Text size="xs" c="dimmed">
              Sau khi đổi, các thiết bị khác đang đăng nhập bằng tài khoản này sẽ bị đăng xuất.
            </Text>
            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={close} disabled={saving}>
                Huỷ
              </Button>
              <Button type="submit" loading={saving}>
                Đổi mật khẩu
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
