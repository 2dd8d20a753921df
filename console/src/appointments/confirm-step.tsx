import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { channelInfo, relationshipLabels } from '../inbox/inbox-labels.ts';
import { formatPhone, formatVnd, sexLabels } from './appointment-labels.ts';
import type { BookingChannel, ServicePackage } from './appointment-types.ts';
import type { Patient } from './booking-flow.ts';
import { formatLongDay } from './clinic-dates.ts';

export interface ConfirmExtra {
  reason: string;
  contractRef: string;
  sourceChannel: BookingChannel;
}

// where a caller can reach the clinic from (ZNS and SMS are outbound only)
const channelOptions = (['hotline', 'zalo_oa', 'messenger', 'email', 'web_form', 'miniapp'] as const).map((c) => ({
  value: c,
  label: channelInfo[c].label,
}));

interface Props {
  summary: {
    branch: string;
    department: string | null;
    pkg: ServicePackage | null;
    doctor: string;
    date: string;
    time: string;
  };
  patient: Patient;
  callerLabel: string | null;
  extra: ConfirmExtra;
  onExtra(extra: ConfirmExtra): void;
  fieldErrors: Record<string, string>;
  error: string | null;
  busy: boolean;
  onConfirm(): void;
}

const Row = ({ label, children }: { label: string; children: ReactNode }) => (
  <Table.Tr>
    <Table.Th w={150} fw={500} c="dimmed" style={{ verticalAlign: 'top' }}>
      {label}
    </Table.Th>
    <Table.Td>{children}</Table.Td>
  </Table.Tr>
);

/** Everything read back to the caller before it is booked, plus the booking's own details (reason, contract). */
export function ConfirmStep({
  summary,
  patient,
  callerLabel,
  extra,
  onExtra,
  fieldErrors,
  error,
  busy,
  onConfirm,
}: Props) {
  const p = patient.kind === 'new' ? patient.profile : null;
  return (
    <Stack gap="md">
      <Paper withBorder p="sm" aria-label="Tóm tắt lịch hẹn" component="section">
        <Table verticalSpacing={4} fz="sm">
          <Table.Tbody>
            <Row label="Giờ khám">
              <Text fw={700} size="sm">
                {summary.time}, {formatLongDay(summary.date)}
              </Text>
            </Row>
            <Row label="Cơ sở">{summary.branch}</Row>
            {summary.department && <Row label="Chuyên khoa">{summary.department}</Row>}
            <Row label="Bác sĩ">{summary.doctor}</Row>
            {summary.pkg && (
              <Row label="Gói khám">
                <Stack gap={2}>
                  <Group gap="xs">
                    <Text size="sm">{summary.pkg.name}</Text>
                    <Text size="sm" fw={700}>
                      {formatVnd(summary.pkg.priceVnd)}
                    </Text>
                    <Badge size="xs" color={summary.pkg.bhytCovered ? 'teal' : 'gray'}>
                      {summary.pkg.bhytCovered ? 'BHYT chi trả' : 'Không áp dụng BHYT'}
                    </Badge>
                  </Group>
                  {summary.pkg.preparationNotes && (
                    <Text size="xs" c="orange.8">
                      Chuẩn bị: {summary.pkg.preparationNotes}
                    </Text>
                  )}
                </Stack>
              </Row>
            )}
            <Row label="Người bệnh">
              {patient.kind === 'existing' ? (
                patient.fullName
              ) : (
                <Stack gap={2}>
                  <Group gap="xs">
                    <Text size="sm">{p!.fullName}</Text>
                    <Badge size="xs">Hồ sơ mới</Badge>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {relationshipLabels[p!.relationship]} · {sexLabels[p!.sex || 'unknown']}
                    {p!.birthDate ? ` · sinh ${p!.birthDate.split('-').reverse().join('/')}` : ''}
                    {p!.phone ? ` · ${formatPhone(p!.phone)}` : ''}
                    {p!.nationalId ? ` · CCCD ${p!.nationalId}` : ''}
                    {p!.insuranceNumber ? ` · BHYT ${p!.insuranceNumber.toUpperCase()}` : ''}
                  </Text>
                </Stack>
              )}
            </Row>
            {callerLabel && <Row label="Người gọi">{callerLabel}</Row>}
          </Table.Tbody>
        </Table>
      </Paper>

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label="Kênh tiếp nhận"
          data={channelOptions}
          value={extra.sourceChannel}
          onChange={(v) => v && onExtra({ ...extra, sourceChannel: v as BookingChannel })}
          allowDeselect={false}
        />
        <TextInput
          label="Mã hợp đồng (khám doanh nghiệp)"
          placeholder="Không bắt buộc"
          value={extra.contractRef}
          onChange={(e) => onExtra({ ...extra, contractRef: e.currentTarget.value })}
          error={fieldErrors.contractRef}
        />
      </SimpleGrid>
      <Textarea
        label="Lý do khám / triệu chứng"
        placeholder="Không bắt buộc"
        autosize
        minRows={2}
        maxRows={5}
        value={extra.reason}
        onChange={(e) => onExtra({ ...extra, reason: e.currentTarget.value })}
        error={fieldErrors.reason}
      />
      {error && (
        <Alert color="red" variant="light" role="alert" title="Chưa đặt được lịch">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button onClick={onConfirm} loading={busy}>
          Xác nhận đặt lịch
        </Button>
      </Group>
    </Stack>
  );
}
