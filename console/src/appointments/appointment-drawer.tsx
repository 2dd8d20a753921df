import {
  Alert,
  Anchor,
  Badge,
  Divider,
  Drawer,
  Group,
  Image,
  Loader,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import type { MouseEvent, ReactNode } from 'react';
import { api, call, type Me } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { channelLabel, relationshipLabels } from '../inbox/inbox-labels.ts';
import { navigate } from '../router.ts';
import { AppointmentActions } from './appointment-actions.tsx';
import {
  actorLabels,
  cancelReasonLabel,
  formatBirthDate,
  formatPhone,
  formatVnd,
  sexLabels,
  statusInfo,
  timelineLabels,
} from './appointment-labels.ts';
import { formatVisit } from './clinic-dates.ts';
import { useLoad } from './use-load.ts';

interface Props {
  id: string | null;
  me: Me;
  onClose(): void;
  /** the hub accepted a change: the list refreshes too */
  onChanged(): void;
}

const Field = ({ label, children }: { label: string; children: ReactNode }) => (
  <Table.Tr>
    <Table.Th w={130} fw={500} c="dimmed" style={{ verticalAlign: 'top' }}>
      {label}
    </Table.Th>
    <Table.Td>{children}</Table.Td>
  </Table.Tr>
);

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <Stack gap={4} component="section" aria-label={title}>
    <Title order={4} fz="sm">
      {title}
    </Title>
    {children}
  </Stack>
);

/** One appointment as the front desk checks it: who, when, where, what it costs, its QR and every step so far. */
export function AppointmentDrawer({ id, me, onClose, onChanged }: Props) {
  const detail = useLoad(() => call(api.appointments[':id'].$get({ param: { id: id! } })), [id], Boolean(id));
  const a = detail.data?.id === id ? detail.data : undefined;
  const mayWrite = me.permissions.includes('booking.write');
  const changed = () => {
    detail.reload();
    onChanged();
  };

  const openContact = (e: MouseEvent<HTMLAnchorElement>) => {
    if (!a || e.button !== 0 || e.metaKey || e.ctrlKey) return;
    e.preventDefault();
    navigate(`/contacts/${a.contact.id}`);
  };

  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={a ? `Lịch hẹn ${a.bookingCode}` : 'Lịch hẹn'}
    >
      {detail.error && (
        <Alert color="red" variant="light" role="alert" title="Không tải được lịch hẹn">
          {detail.error}
        </Alert>
      )}
      {!a && !detail.error && <Loader size="sm" />}
      {a && (
        <Stack gap="md">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={4}>
              <Group gap="xs">
                <Badge size="lg" color={statusInfo[a.status].color} data-testid="appointment-status">
                  {statusInfo[a.status].label}
                </Badge>
                {a.contractRef && (
                  <Badge size="lg" color="grape" variant="outline">
                    Hợp đồng {a.contractRef}
                  </Badge>
                )}
              </Group>
              <Text fw={700} size="lg">
                {formatVisit(a.startsAt)}
              </Text>
              <Text size="sm" c="dimmed">
                Mã đặt lịch{' '}
                <Text span fw={700} c="dark" ff="monospace" size="md">
                  {a.bookingCode}
                </Text>
              </Text>
            </Stack>
            <Image
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(a.qrSvg)}`}
              alt={`Mã QR của lịch hẹn ${a.bookingCode}`}
              w={112}
              h={112}
            />
          </Group>

          {mayWrite && <AppointmentActions key={`${a.id}-${a.status}`} appointment={a} onChanged={changed} />}

          <Divider />
          <Section title="Lịch khám">
            <Table verticalSpacing={4} fz="sm">
              <Table.Tbody>
                <Field label="Cơ sở">
                  {a.branch.name}
                  <Text size="xs" c="dimmed">
                    {a.branch.address}
                  </Text>
                </Field>
                {a.department && <Field label="Chuyên khoa">{a.department.name}</Field>}
                <Field label="Bác sĩ">{a.doctor ? `${a.doctor.title} ${a.doctor.fullName}` : 'Chưa phân công'}</Field>
                <Field label="Gói khám">
                  {a.package ? (
                    <Stack gap={2}>
                      <Group gap="xs">
                        <Text size="sm">{a.package.name}</Text>
                        <Badge size="xs" color={a.package.bhytCovered ? 'teal' : 'gray'}>
                          {a.package.bhytCovered ? 'BHYT chi trả' : 'Không áp dụng BHYT'}
                        </Badge>
                      </Group>
                      <Text size="xs" c="dimmed">
                        {a.package.durationMinutes} phút
                      </Text>
                      {a.package.preparationNotes && (
                        <Text size="xs" c="orange.8">
                          Chuẩn bị: {a.package.preparationNotes}
                        </Text>
                      )}
                    </Stack>
                  ) : (
                    'Khám theo chuyên khoa'
                  )}
                </Field>
                <Field label="Giá">{a.priceVnd != null ? formatVnd(a.priceVnd) : 'Theo chỉ định của bác sĩ'}</Field>
                <Field label="Hợp đồng">{a.contractRef ?? 'Không'}</Field>
                {a.reason && <Field label="Lý do khám">{a.reason}</Field>}
                <Field label="Nguồn">
                  {channelLabel(a.sourceChannel)}
                  {a.createdBy ? ` · đặt bởi ${a.createdBy.fullName}` : ''}
                </Field>
                {a.status === 'cancelled' && a.cancelledReason && (
                  <Field label="Lý do huỷ">{cancelReasonLabel(a.cancelledReason)}</Field>
                )}
              </Table.Tbody>
            </Table>
          </Section>

          <Section title="Người bệnh">
            <Table verticalSpacing={4} fz="sm">
              <Table.Tbody>
                <Field label="Họ và tên">
                  <Text size="sm" fw={600}>
                    {a.patient.fullName}
                  </Text>
                </Field>
                <Field label="Ngày sinh">
                  {formatBirthDate(a.patient.birthDate)} · {sexLabels[a.patient.sex] ?? a.patient.sex}
                </Field>
                <Field label="Điện thoại">{formatPhone(a.patient.phone)}</Field>
                <Field label="CCCD">{a.patient.nationalId ?? '—'}</Field>
                <Field label="BHYT">
                  {a.patient.insuranceNumber ?? '—'}
                  {a.patient.insuranceValidTo ? ` (hạn ${formatBirthDate(a.patient.insuranceValidTo)})` : ''}
                </Field>
                {a.patient.hisMrn && <Field label="Mã bệnh nhân">{a.patient.hisMrn}</Field>}
                <Field label="Khách hàng">
                  <Anchor size="sm" href={`/contacts/${a.contact.id}`} onClick={openContact}>
                    {a.contact.fullName}
                  </Anchor>
                  <Text span size="xs" c="dimmed">
                    {' '}
                    ({relationshipLabels[a.patient.relationship] ?? a.patient.relationship}
                    {a.contact.phone ? ` · ${formatPhone(a.contact.phone)}` : ''})
                  </Text>
                </Field>
              </Table.Tbody>
            </Table>
          </Section>

          <Section title="Tiến trình">
            <Timeline active={a.timeline.length - 1} bulletSize={14} lineWidth={2}>
              {a.timeline.map((e) => (
                <Timeline.Item key={`${e.kind}-${e.at}`} title={timelineLabels[e.kind]}>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(e.at)} · {e.staffName ?? actorLabels[e.actor]}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          </Section>
        </Stack>
      )}
    </Drawer>
  );
}
