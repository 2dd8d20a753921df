import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ApiError, api, call, errorMessage } from '../api.ts';
import { changePasswordSchema, validate } from '../validation.ts';
import { FailureAlert, NewPasswordPair, PasswordField, useFormState } from './form-parts.tsx';

interface Props {
  opened: boolean;
  onClose(): void;
}

const empty = { currentPassword: '', newPassword: '', confirmPassword: '' };
const fields = new Set<string>(Object.keys(empty));

/** The signed-in person changes their own password; their other devices are signed out by the hub. */
export function ChangePasswordModal({ opened, onClose }: Props) {
  const { values, errors, failure, saving, set, setErrors, setFailure, setSaving, reset } = useFormState(empty);
  const [revoked, setRevoked] = useState<number | null>(null);

  const close = () => {
    if (saving) return;
    reset();
    setRevoked(null);
    onClose();
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const checked = validate(changePasswordSchema, values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const { currentPassword, newPassword } = checked.data;
      const result = await call(api.auth.password.$post({ json: { currentPassword, newPassword } }));
      reset();
      setRevoked(result.revokedSessions);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'wrong_current_password') {
        setErrors({ currentPassword: err.message });
        return;
      }
      const fieldIssues = err instanceof ApiError ? err.issues.filter((i) => fields.has(i.path)) : [];
      if (fieldIssues.length > 0) setErrors(Object.fromEntries(fieldIssues.map((i) => [i.path, i.message])));
      else setFailure(errorMessage(err));
    } finally {
      setSaving(false);
    }
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
