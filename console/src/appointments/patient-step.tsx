import { Button, Group, Loader, Radio, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import type { InferResponseType } from 'hono/client';
import { type FormEvent, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import { FailureAlert } from '../components/failure-alert.tsx';
import { relationshipLabels } from '../inbox/inbox-labels.ts';
import { formatBirthDate, formatPhone, sexLabels } from './appointment-labels.ts';
import { emptyDraft, type Patient, type ProfileDraft } from './booking-flow.ts';
import { useLoad } from './use-load.ts';

type ContactSummary = InferResponseType<typeof api.contacts.$get, 200>['items'][number];

/** What the agent has typed and picked on this step; kept by the modal so going back and forth loses nothing. */
export interface PatientForm {
  phone: string;
  callerName: string;
  /** the caller's contact, preset (contact page, hotline call) or found by phone */
  contactId: string | null;
  /** an existing profile's id, or 'new' */
  pick: string;
  draft: ProfileDraft;
}

export const emptyPatientForm = (contactId: string | null = null): PatientForm => ({
  phone: '',
  callerName: '',
  contactId,
  pick: 'new',
  draft: emptyDraft(),
});

interface Props {
  form: PatientForm;
  onForm(form: PatientForm): void;
  /** the contact is given (contact page, hotline call): no phone search */
  presetContact: boolean;
  /** the hub's messages for fields it refused, keyed by its path ("newProfile.nationalId", "callerPhone") */
  fieldErrors: Record<string, string>;
  onDone(patient: Patient): void;
}

const relationshipOptions = Object.entries(relationshipLabels).map(([value, label]) => ({ value, label }));
const sexOptions = ['male', 'female', 'other'].map((value) => ({ value, label: sexLabels[value]! }));

/**
 * Who the booking is for: one of the caller's existing profiles, or a new profile typed in here (created by the hub in
 * the same transaction as the booking). Without a preset contact the caller's phone finds their contact first, so a
 * returning caller is not given a second contact.
 */
export function PatientStep({ form, onForm, presetContact, fieldErrors, onDone }: Props) {
  const [found, setFound] = useState<ContactSummary[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const contact = useLoad(
    () => call(api.contacts[':id'].$get({ param: { id: form.contactId! } })),
    [form.contactId],
    Boolean(form.contactId),
  );
  const profiles = form.contactId ? (contact.data?.patients ?? []) : [];
  const set = (patch: Partial<PatientForm>) => onForm({ ...form, ...patch });
  const setDraft = (patch: Partial<ProfileDraft>) => set({ draft: { ...form.draft, ...patch } });
  const errorOf = (field: string) => localErrors[field] ?? fieldErrors[field];

  const search = async () => {
    if (!form.phone.trim()) {
      setLocalErrors({ callerPhone: 'Nhập số điện thoại người gọi' });
      return;
    }
    setSearching(true);
    setError(null);
    setLocalErrors({});
    try {
      const page = await call(api.contacts.$get({ query: { q: form.phone.trim(), limit: '5' } }));
      setFound(page.items);
      // one match is the caller; several (rare, a merge pending) are offered to pick from
      set({ contactId: page.items.length === 1 ? page.items[0]!.id : null, pick: 'new' });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSearching(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!form.contactId && !form.phone.trim()) errors.callerPhone = 'Nhập số điện thoại người gọi';
    if (form.pick === 'new') {
      if (form.draft.fullName.trim().length < 2) errors['newProfile.fullName'] = 'Nhập họ và tên người bệnh';
      if (!form.draft.sex) errors['newProfile.sex'] = 'Chọn giới tính';
    }
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) return;
    if (form.pick !== 'new') {
      const p = profiles.find((x) => x.id === form.pick)!;
      onDone({ kind: 'existing', contactId: form.contactId!, patientId: p.id, fullName: p.fullName });
      return;
    }
    onDone({
      kind: 'new',
      contactId: form.contactId,
      callerPhone: form.contactId ? null : form.phone.trim(),
      callerName: form.contactId ? null : form.callerName,
      profile: form.draft,
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {presetContact ? (
          contact.data && (
            <Text size="sm">
              Khách hàng: <b>{contact.data.fullName}</b>
              {contact.data.phone ? ` · ${formatPhone(contact.data.phone)}` : ''}
            </Text>
          )
        ) : (
          <Stack gap="xs" component="section" aria-label="Người gọi">
            <Title order={4} fz="sm">
              Người gọi
            </Title>
            <Group align="flex-start" gap="xs">
              <TextInput
                label="Số điện thoại người gọi"
                placeholder="0912 345 678"
                inputMode="tel"
                value={form.phone}
                onChange={(e) => {
                  setFound(null);
                  set({ phone: e.currentTarget.value, contactId: null, pick: 'new' });
                }}
                error={errorOf('callerPhone')}
                style={{ flex: 1 }}
              />
              <Button variant="light" mt={25} onClick={search} loading={searching}>
                Tìm khách hàng
              </Button>
            </Group>
            {found && found.length === 0 && (
              <Text size="sm" c="dimmed">
                Chưa có khách hàng nào với số này: khách hàng mới sẽ được tạo cùng lịch hẹn.
              </Text>
            )}
            {found && found.length > 1 && (
              <Radio.Group
                value={form.contactId}
                onChange={(id) => set({ contactId: id, pick: 'new' })}
                label="Có nhiều khách hàng dùng số này, chọn người đang gọi"
              >
                <Stack gap={4} mt={4}>
                  {found.map((c) => (
                    <Radio key={c.id} value={c.id} label={`${c.fullName} · ${formatPhone(c.phone)}`} />
                  ))}
                </Stack>
              </Radio.Group>
            )}
            {form.contactId && contact.data && (
              <Text size="sm">
                Khách hàng: <b>{contact.data.fullName}</b>
              </Text>
            )}
            {!form.contactId && (
              <TextInput
                label="Tên người gọi"
                placeholder="Không bắt buộc"
                value={form.callerName}
                onChange={(e) => set({ callerName: e.currentTarget.value })}
                error={errorOf('callerName')}
              />
            )}
          </Stack>
        )}

        <FailureAlert message={error} />
        <FailureAlert message={contact.error} />
        {contact.loading && <Loader size="sm" />}

        <Stack gap="xs" component="section" aria-label="Người bệnh">
          <Title order={4} fz="sm">
            Người bệnh
          </Title>
          {profiles.length > 0 && (
            <Radio.Group value={form.pick} onChange={(pick) => set({ pick })} aria-label="Hồ sơ người bệnh">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                {profiles.map((p) => (
                  <Radio.Card key={p.id} value={p.id} p="sm" radius="md">
                    <Text fw={600} size="sm">
                      {p.fullName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {relationshipLabels[p.relationship] ?? p.relationship} · {sexLabels[p.sex]} · sinh{' '}
                      {formatBirthDate(p.birthDate)}
                    </Text>
                  </Radio.Card>
                ))}
                <Radio.Card value="new" p="sm" radius="md">
                  <Text fw={600} size="sm">
                    Hồ sơ mới
                  </Text>
                  <Text size="xs" c="dimmed">
                    Người thân hoặc người chưa có hồ sơ
                  </Text>
                </Radio.Card>
              </SimpleGrid>
            </Radio.Group>
          )}
          {form.pick === 'new' && (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label="Họ và tên"
                required
                value={form.draft.fullName}
                onChange={(e) => setDraft({ fullName: e.currentTarget.value })}
                error={errorOf('newProfile.fullName')}
              />
              <Select
                label="Quan hệ với người gọi"
                data={relationshipOptions}
                value={form.draft.relationship}
                onChange={(v) => v && setDraft({ relationship: v as ProfileDraft['relationship'] })}
                allowDeselect={false}
                error={errorOf('newProfile.relationship')}
              />
              <TextInput
                label="Ngày sinh"
                type="date"
                value={form.draft.birthDate}
                onChange={(e) => setDraft({ birthDate: e.currentTarget.value })}
                error={errorOf('newProfile.birthDate')}
              />
              <Select
                label="Giới tính"
                required
                placeholder="Chọn"
                data={sexOptions}
                value={form.draft.sex || null}
                onChange={(v) => setDraft({ sex: (v ?? '') as ProfileDraft['sex'] })}
                error={errorOf('newProfile.sex')}
              />
              <TextInput
                label="Số điện thoại người bệnh"
                placeholder="Di động, không bắt buộc"
                inputMode="tel"
                value={form.draft.phone}
                onChange={(e) => setDraft({ phone: e.currentTarget.value })}
                error={errorOf('newProfile.phone')}
              />
              <TextInput
                label="Số CCCD"
                placeholder="12 chữ số, không bắt buộc"
                inputMode="numeric"
                value={form.draft.nationalId}
                onChange={(e) => setDraft({ nationalId: e.currentTarget.value })}
                error={errorOf('newProfile.nationalId')}
              />
              <TextInput
                label="Số thẻ BHYT"
                placeholder="Không bắt buộc"
                value={form.draft.insuranceNumber}
                onChange={(e) => setDraft({ insuranceNumber: e.currentTarget.value })}
                error={errorOf('newProfile.insuranceNumber')}
              />
            </SimpleGrid>
          )}
        </Stack>

        <Group justify="flex-end">
          <Button type="submit">Tiếp tục</Button>
        </Group>
      </Stack>
    </form>
  );
}
