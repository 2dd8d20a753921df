import { type FormEvent, useId, useState } from 'react';
import { Button, Input } from 'zmp-ui';
import { ApiError, errorMessage } from '../api.ts';
import { clinicToday, formatPhone } from '../format.ts';
import {
  type CleanProfile,
  type ProfileDraft,
  type ProfileErrors,
  type Relationship,
  relationshipLabels,
  type SexChoice,
  sexLabels,
  validateProfile,
} from '../profile-rules.ts';

export const emptyProfile: ProfileDraft = {
  relationship: 'self',
  fullName: '',
  birthDate: '',
  sex: '',
  phone: '',
  nationalId: '',
  insuranceNumber: '',
};

/**
 * A blank form for a new profile: "self" with the account's Zalo-verified phone when the account has no self profile
 * yet, otherwise a child's.
 */
export function newProfileDraft(account: { phone: string | null }, profiles: { relationship: string }[]): ProfileDraft {
  const hasSelf = profiles.some((p) => p.relationship === 'self');
  return hasSelf
    ? { ...emptyProfile, relationship: 'child' }
    : { ...emptyProfile, relationship: 'self', phone: account.phone ? formatPhone(account.phone) : '' };
}

const fieldOf = (path: string): keyof ProfileDraft | undefined =>
  (['relationship', 'fullName', 'birthDate', 'sex', 'phone', 'nationalId', 'insuranceNumber'] as const).find(
    (k) => path === k || path.startsWith(`${k}.`),
  );

/**
 * A family profile: who is examined. Checked here field by field for a quick answer; the hub checks again, and a
 * refusal it sends back lands under the field it names.
 */
export function ProfileForm({
  initial,
  submitLabel,
  onSubmit,
}: {
  initial: ProfileDraft;
  submitLabel: string;
  onSubmit: (profile: CleanProfile) => Promise<void>;
}) {
  const id = useId();
  const [draft, setDraft] = useState<ProfileDraft>(initial);
  const [errors, setErrors] = useState<ProfileErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const set = <K extends keyof ProfileDraft>(key: K, value: ProfileDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const checked = validateProfile(draft, clinicToday());
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setSaving(true);
    try {
      await onSubmit(checked.value);
    } catch (err) {
      const byField: ProfileErrors = {};
      if (err instanceof ApiError) {
        if (err.code === 'national_id_taken') byField.nationalId = err.message;
        for (const issue of err.issues) {
          const f = fieldOf(issue.path);
          if (f && !byField[f]) byField[f] = issue.message;
        }
      }
      setErrors(byField);
      if (Object.keys(byField).length === 0) setFormError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  const text = (key: 'fullName' | 'phone' | 'nationalId' | 'insuranceNumber', label: string, extra: object = {}) => (
    <div>
      <label className="mc-field-label" htmlFor={`${id}-${key}`}>
        {label}
      </label>
      <Input
        id={`${id}-${key}`}
        value={draft[key]}
        onChange={(e) => set(key, e.target.value)}
        status={errors[key] ? 'error' : undefined}
        errorText={errors[key]}
        aria-invalid={errors[key] ? true : undefined}
        {...extra}
      />
    </div>
  );

  return (
    <form className="mc-form" onSubmit={submit} noValidate aria-label="Hồ sơ bệnh nhân">
      <div>
        <label className="mc-field-label" htmlFor={`${id}-relationship`}>
          Quan hệ với bạn
        </label>
        <select
          id={`${id}-relationship`}
          className="mc-native-input"
          value={draft.relationship}
          onChange={(e) => set('relationship', e.target.value as Relationship)}
        >
          {(Object.keys(relationshipLabels) as Relationship[]).map((r) => (
            <option key={r} value={r}>
              {relationshipLabels[r]}
            </option>
          ))}
        </select>
      </div>
      {text('fullName', 'Họ và tên', { placeholder: 'Nguyễn Văn A', autoComplete: 'name' })}
      <div>
        <label className="mc-field-label" htmlFor={`${id}-birthDate`}>
          Ngày sinh
        </label>
        <input
          id={`${id}-birthDate`}
          type="date"
          className="mc-native-input"
          value={draft.birthDate}
          max={clinicToday()}
          onChange={(e) => set('birthDate', e.target.value)}
          aria-invalid={errors.birthDate ? true : undefined}
        />
        {errors.birthDate ? <span className="mc-field-error">{errors.birthDate}</span> : null}
      </div>
      <div>
        <span className="mc-field-label" id={`${id}-sex`}>
          Giới tính
        </span>
        <div className="mc-segmented" role="radiogroup" aria-labelledby={`${id}-sex`}>
          {(['male', 'female', 'other'] as SexChoice[]).map((s) => (
            // biome-ignore lint/a11y/useSemanticElements: a segmented control; native radios cannot be styled as one here
            <button key={s} type="button" role="radio" aria-checked={draft.sex === s} onClick={() => set('sex', s)}>
              {sexLabels[s]}
            </button>
          ))}
        </div>
        {errors.sex ? <span className="mc-field-error">{errors.sex}</span> : null}
      </div>
      {text('phone', 'Số điện thoại (không bắt buộc)', { inputMode: 'tel', placeholder: '0912 345 678' })}
      {text('nationalId', 'Số CCCD (không bắt buộc)', { inputMode: 'numeric', maxLength: 12 })}
      {text('insuranceNumber', 'Số thẻ BHYT (không bắt buộc)', { placeholder: 'DN4010123456789', maxLength: 15 })}
      {formError ? (
        <div className="mc-note" role="alert">
          {formError}
        </div>
      ) : null}
      <Button htmlType="submit" fullWidth loading={saving}>
        {submitLabel}
      </Button>
    </form>
  );
}
