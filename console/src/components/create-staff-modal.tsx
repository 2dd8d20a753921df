import { Button, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';
import { api, call, type Role, type Staff } from '../api.ts';
import { roleLabels, roles } from '../labels.ts';
import { createStaffSchema } from '../validation.ts';
import { FailureAlert } from './failure-alert.tsx';
import { PasswordField, useFormState } from './form-parts.tsx';

interface Props {
  opened: boolean;
  onClose(): void;
  onCreated(staff: Staff): void;
}

const empty = { fullName: '', email: '', role: 'agent' as Role | null, password: '', capacity: '' as string | number };
const roleOptions = roles.map((r) => ({ value: r, label: roleLabels[r] }));

/** Creates a staff account. Checks in the browser first, then shows the hub's answer next to the right field. */
export function CreateStaffModal({ opened, onClose, onCreated }: Props) {
  const form = useFormState(empty);
  const { values, errors, failure, saving, set, reset } = form;

  const close = () => {
    if (saving) return;
    reset();
    onClose();
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    void form.submit(
      createStaffSchema,
      { ...values, capacity: values.capacity === '' ? undefined : values.capacity },
      async (data) => onCreated(await call(api.admin.staff.$post({ json: data }))),
      { email_taken: 'email' },
    );
  }

  return (
    <Modal opened={opened} onClose={close} title="Thêm nhân viên" size="md" centered>
      <form onSubmit={submit} noValidate aria-label="Thêm nhân viên">
        <Stack gap="sm">
          <FailureAlert message={failure} />
          <TextInput
            label="Họ và tên"
            placeholder="Nguyễn Thị Lan"
            withAsterisk
            value={values.fullName}
            onChange={(e) => set('fullName', e.currentTarget.value)}
            error={errors.fullName}
            data-autofocus
          />
          <TextInput
            label="Email"
            placeholder="lan.nguyen@phongkham.vn"
            type="email"
            withAsterisk
            autoComplete="off"
            value={values.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            error={errors.email}
          />
          <Select
            label="Vai trò"
            withAsterisk
            data={roleOptions}
            value={values.role}
            onChange={(v) => set('role', v as Role | null)}
            error={errors.role}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <PasswordField
            label="Mật khẩu tạm thời"
            description="Ít nhất 10 ký tự. Gửi cho nhân viên qua kênh riêng, không gửi qua nhóm chat chung."
            autoComplete="new-password"
            value={values.password}
            onChange={(v) => set('password', v)}
            error={errors.password}
          />
          <NumberInput
            label="Số hội thoại xử lý cùng lúc"
            description="Để trống để dùng mức mặc định."
            min={1}
            max={100}
            allowDecimal={false}
            value={values.capacity}
            onChange={(v) => set('capacity', v)}
            error={errors.capacity}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close} disabled={saving}>
              Huỷ
            </Button>
            <Button type="submit" loading={saving}>
              Tạo tài khoản
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
