import { Badge, Group, Loader, Radio, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { formatVnd } from './appointment-labels.ts';
import type { Department, ServicePackage } from './appointment-types.ts';

interface Props {
  departments: Department[] | undefined;
  packages: ServicePackage[] | undefined;
  departmentId?: string;
  packageId?: string;
  onSpecialty(departmentId: string): void;
  onPackage(pkg: ServicePackage): void;
}

/** A specialty (the doctor decides the services) or a package (price, BHYT and preparation told to the caller). */
export function ServiceStep({ departments, packages, departmentId, packageId, onSpecialty, onPackage }: Props) {
  const [mode, setMode] = useState<'specialty' | 'package'>(packageId ? 'package' : 'specialty');
  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label="Đặt theo"
        value={mode}
        onChange={(v) => setMode(v as 'specialty' | 'package')}
        data={[
          { value: 'specialty', label: 'Theo chuyên khoa' },
          { value: 'package', label: 'Theo gói khám' },
        ]}
        w="fit-content"
      />
      {mode === 'specialty' &&
        (departments ? (
          <Radio.Group
            value={packageId ? null : (departmentId ?? null)}
            onChange={onSpecialty}
            aria-label="Chuyên khoa"
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              {departments.map((d) => (
                <Radio.Card key={d.id} value={d.id} p="sm" radius="md">
                  <Text fw={600} size="sm">
                    {d.name}
                  </Text>
                  {d.description && (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {d.description}
                    </Text>
                  )}
                </Radio.Card>
              ))}
            </SimpleGrid>
          </Radio.Group>
        ) : (
          <Loader size="sm" />
        ))}
      {mode === 'package' &&
        (packages ? (
          <Radio.Group
            value={packageId ?? null}
            onChange={(id) => {
              const p = packages.find((x) => x.id === id);
              if (p) onPackage(p);
            }}
            aria-label="Gói khám"
          >
            <Stack gap="xs">
              {packages.map((p) => (
                <Radio.Card key={p.id} value={p.id} p="sm" radius="md">
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <Stack gap={2}>
                      <Text fw={600} size="sm">
                        {p.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {p.durationMinutes} phút
                        {p.preparationNotes ? ` · Chuẩn bị: ${p.preparationNotes}` : ''}
                      </Text>
                    </Stack>
                    <Stack gap={2} align="flex-end">
                      <Text fw={700} size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {formatVnd(p.priceVnd)}
                      </Text>
                      <Badge size="xs" color={p.bhytCovered ? 'teal' : 'gray'}>
                        {p.bhytCovered ? 'BHYT chi trả' : 'Không áp dụng BHYT'}
                      </Badge>
                    </Stack>
                  </Group>
                </Radio.Card>
              ))}
            </Stack>
          </Radio.Group>
        ) : (
          <Loader size="sm" />
        ))}
    </Stack>
  );
}
