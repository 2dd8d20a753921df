import { PasswordInput } from '@mantine/core';
import { useState } from 'react';
import type * as z from 'zod/mini';
import { ApiError, errorMessage } from '../api.ts';
import { validate } from '../validation.ts';

/**
 * What the console's dialog forms share: their state (values, errors per field, a failure that belongs to no field,
 * saving) and one way to submit: check in the browser, send, and put the hub's answer next to the field it is about.
 */
export function useFormState<V extends Record<string, unknown>>(empty: V) {
  type Field = keyof V & string;
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const reset = () => {
    setValues(empty);
    setErrors({});
    setFailure(null);
  };
  return {
    values,
    errors,
    failure,
    saving,
    set: <K extends Field>(key: K, value: V[K]) => setValues((v) => ({ ...v, [key]: value })),
    /** back to empty: a password typed for one purpose must never be sent for another */
    reset,
    /**
     * Checks `input` with `schema`, then runs `send` with the checked data while saving; on success the form is
     * emptied. A refusal goes next to its field: by the hub's issues, or by `codeFields` (an error code that is about
     * one field, e.g. `email_taken`); anything else shows above the form.
     */
    async submit<S extends z.ZodMiniType>(
      schema: S,
      input: unknown,
      send: (data: z.infer<S>) => Promise<void>,
      codeFields: Record<string, Field> = {},
    ) {
      setFailure(null);
      const checked = validate(schema, input);
      if (!checked.ok) {
        setErrors(checked.errors as Partial<Record<Field, string>>);
        return;
      }
      setErrors({});
      setSaving(true);
      try {
        await send(checked.data);
        reset();
      } catch (err) {
        const byCode = err instanceof ApiError ? codeFields[err.code] : undefined;
        const issues = err instanceof ApiError ? err.issues.filter((i) => i.path in empty) : [];
        if (byCode) setErrors({ [byCode]: (err as ApiError).message } as Partial<Record<Field, string>>);
        else if (issues.length > 0) {
          setErrors(Object.fromEntries(issues.map((i) => [i.path, i.message])) as Partial<Record<Field, string>>);
        } else setFailure(errorMessage(err));
      } finally {
        setSaving(false);
      }
    },
  };
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
