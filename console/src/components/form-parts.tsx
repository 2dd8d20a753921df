import { Alert, PasswordInput } from '@mantine/core';
import { useState } from 'react';

/**
 * What the console's dialog forms share: their state (values, errors per field, a failure that belongs to no field,
 * saving) and the password input every account form uses.
 */
export function useFormState<V extends Record<string, string>>(empty: V) {
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Partial<Record<keyof V & string, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  return {
    values,
    errors,
    failure,
    saving,
    setErrors,
    setFailure,
    setSaving,
    set: (key: keyof V & string, value: string) => setValues((v) => ({ ...v, [key]: value })),
    /** back to empty: a password typed for one purpose must never be sent for another */
    reset: () => {
      setValues(empty);
      setErrors({});
      setFailure(null);
    },
  };
}

export function FailureAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" role="alert">
      {message}
    </Alert>
  );
}

const toggle = { 'aria-label': 'Hiện hoặc ẩn mật khẩu' };

export function PasswordField(props: {
  label: string;
  description?: string;
  value: string;
  error?: string;
  autoComplete: 'current-password' | 'new-password';
  onChange(value: string): void;
  autoFocus?: boolean;
}) {
  return (
    <PasswordInput
      label={props.label}
      description={props.description}
      withAsterisk
      autoComplete={props.autoComplete}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={props.error}
      visibilityToggleButtonProps={toggle}
      {...(props.autoFocus ? { 'data-autofocus': true } : {})}
    />
  );
}

/** A new password typed twice (the form's schema checks that both match). */
export function NewPasswordPair(props: {
  description: string;
  value: string;
  confirm: string;
  error?: string;
  confirmError?: string;
  onChange(value: string): void;
  onConfirmChange(value: string): void;
  autoFocus?: boolean;
}) {
  return (
    <>
      <PasswordField
        label="Mật khẩu mới"
        description={props.description}
        autoComplete="new-password"
        value={props.value}
        onChange={props.onChange}
        error={props.error}
        autoFocus={props.autoFocus}
      />
      <PasswordField
        label="Nhập lại mật khẩu mới"
        autoComplete="new-password"
        value={props.confirm}
        onChange={props.onConfirmChange}
        error={props.confirmError}
      />
    </>
  );
}
