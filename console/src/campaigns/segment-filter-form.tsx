import {
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { consentChannelLabels, consentChannels } from './campaign-labels.ts';
import type { ConsentChannel, SegmentFilter } from './campaigns-api.ts';
import type { SegmentCatalog } from './use-catalog.ts';

interface Props {
  value: SegmentFilter;
  onChange(next: SegmentFilter): void;
  catalog: SegmentCatalog;
}

const ageBands: { label: string; min?: number; max?: number }[] = [
  { label: 'Dưới 18', max: 17 },
  { label: '18–30', min: 18, max: 30 },
  { label: '31–45', min: 31, max: 45 },
  { label: '46–60', min: 46, max: 60 },
  { label: 'Trên 60', min: 61 },
];

const numberOrUndefined = (v: string | number) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Every condition a segment can hold; all of them must match (AND). */
export function SegmentFilterForm({ value, onChange, catalog }: Props) {
  const set = <K extends keyof SegmentFilter>(key: K, v: SegmentFilter[K]) => onChange({ ...value, [key]: v });
  const band = ageBands.find((b) => b.min === value.ageMin && b.max === value.ageMax);

  return (
    <Stack gap="md">
      <Fieldset legend="Lần khám gần nhất">
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput
            type="date"
            label="Từ ngày"
            value={value.lastVisitFrom ?? ''}
            onChange={(e) => set('lastVisitFrom', e.currentTarget.value || undefined)}
          />
          <TextInput
            type="date"
            label="Đến ngày"
            value={value.lastVisitTo ?? ''}
            onChange={(e) => set('lastVisitTo', e.currentTarget.value || undefined)}
          />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend="Dịch vụ và nơi khám">
        <Stack gap="sm">
          <MultiSelect
            label="Gói dịch vụ đã dùng"
            placeholder={value.packageIds?.length ? undefined : 'Bất kỳ'}
            data={catalog.packages}
            value={value.packageIds ?? []}
            onChange={(ids) => set('packageIds', ids)}
            searchable
            clearable
          />
          <MultiSelect
            label="Chuyên khoa"
            placeholder={value.departmentIds?.length ? undefined : 'Bất kỳ'}
            data={catalog.departments}
            value={value.departmentIds ?? []}
            onChange={(ids) => set('departmentIds', ids)}
            searchable
            clearable
          />
          <MultiSelect
            label="Cơ sở"
            placeholder={value.branchIds?.length ? undefined : 'Bất kỳ'}
            data={catalog.branches}
            value={value.branchIds ?? []}
            onChange={(ids) => set('branchIds', ids)}
            searchable
            clearable
          />
        </Stack>
      </Fieldset>

      <Fieldset legend="Thông tin khách hàng">
        <Stack gap="sm">
          <div>
            <Text size="sm" fw={500} mb={4}>
              Nhóm tuổi
            </Text>
            <Group gap="xs">
              <SegmentedControl
                size="xs"
                aria-label="Nhóm tuổi"
                value={band?.label ?? (value.ageMin === undefined && value.ageMax === undefined ? 'all' : 'custom')}
                data={[
                  { value: 'all', label: 'Tất cả' },
                  ...ageBands.map((b) => ({ value: b.label, label: b.label })),
                  { value: 'custom', label: 'Tuỳ chọn', disabled: true },
                ]}
                onChange={(v) => {
                  const b = ageBands.find((x) => x.label === v);
                  onChange({ ...value, ageMin: b?.min, ageMax: b?.max });
                }}
              />
            </Group>
          </div>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <NumberInput
              label="Từ tuổi"
              min={0}
              max={120}
              allowDecimal={false}
              value={value.ageMin ?? ''}
              onChange={(v) => set('ageMin', numberOrUndefined(v))}
            />
            <NumberInput
              label="Đến tuổi"
              min={0}
              max={120}
              allowDecimal={false}
              value={value.ageMax ?? ''}
              onChange={(v) => set('ageMax', numberOrUndefined(v))}
            />
          </SimpleGrid>
          <div>
            <Text size="sm" fw={500} mb={4}>
              Giới tính
            </Text>
            <SegmentedControl
              aria-label="Giới tính"
              value={value.sex ?? 'all'}
              data={[
                { value: 'all', label: 'Tất cả' },
                { value: 'female', label: 'Nữ' },
                { value: 'male', label: 'Nam' },
              ]}
              onChange={(v) => set('sex', v === 'male' || v === 'female' ? v : undefined)}
            />
          </div>
          <MultiSelect
            label="Nhãn (có ít nhất một)"
            placeholder={value.tags?.length ? undefined : 'Bất kỳ'}
            data={catalog.tags}
            value={value.tags ?? []}
            onChange={(tags) => set('tags', tags)}
            searchable
            clearable
          />
        </Stack>
      </Fieldset>

      <Fieldset legend="Hành vi và đồng ý nhận tin">
        <Stack gap="sm">
          <Checkbox
            label="Đến hạn tái khám"
            checked={value.reExamDue === true}
            onChange={(e) => set('reExamDue', e.currentTarget.checked || undefined)}
          />
          <NumberInput
            label="Số lần bỏ hẹn tối thiểu"
            description="Để trống nếu không lọc theo lịch sử bỏ hẹn"
            min={1}
            max={50}
            allowDecimal={false}
            value={value.noShowMin ?? ''}
            onChange={(v) => set('noShowMin', numberOrUndefined(v))}
          />
          <Select
            label="Đồng ý nhận tin tiếp thị qua"
            placeholder="Không bắt buộc"
            data={consentChannels.map((c) => ({ value: c, label: consentChannelLabels[c] }))}
            value={value.consentChannel ?? null}
            onChange={(v) => set('consentChannel', (v as ConsentChannel | null) ?? undefined)}
            clearable
          />
        </Stack>
      </Fieldset>
    </Stack>
  );
}
