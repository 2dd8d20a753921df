import {
  Alert,
  Badge,
  Button,
  Group,
  Image,
  Loader,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import { FailureAlert } from '../components/failure-alert.tsx';
import { formatDateTime } from '../format.ts';
import { flagLabel, kindLabels, releaseRuleLabel, resultStatusInfo } from './result-labels.ts';
import type { StaffObservation, StaffResult } from './result-types.ts';

function Values({ observations }: { observations: StaffObservation[] }) {
  if (observations.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Chưa có chỉ số.
      </Text>
    );
  return (
    <Table fz="sm" verticalSpacing={4} aria-label="Chỉ số xét nghiệm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Chỉ số</Table.Th>
          <Table.Th>Kết quả</Table.Th>
          <Table.Th>Đơn vị</Table.Th>
          <Table.Th>Tham chiếu</Table.Th>
          <Table.Th>Cờ</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {observations.map((o) => (
          <Table.Tr key={`${o.seq}-${o.code}`} bg={o.abnormal ? 'red.0' : undefined} data-abnormal={o.abnormal}>
            <Table.Td>{o.name}</Table.Td>
            <Table.Td fw={600} c={o.abnormal ? 'red.8' : undefined}>
              {o.value ?? '—'}
            </Table.Td>
            <Table.Td>{o.unit ?? ''}</Table.Td>
            <Table.Td>{o.referenceRange ?? ''}</Table.Td>
            <Table.Td>
              {flagLabel(o.flag) ? (
                <Badge color="red" size="sm" variant="filled">
                  {flagLabel(o.flag)}
                </Badge>
              ) : null}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function Previews({ previews }: { previews: { id: string; url: string; caption: string | null }[] }) {
  const [open, setOpen] = useState<{ url: string; caption: string } | null>(null);
  if (previews.length === 0) return null;
  return (
    <>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" aria-label="Ảnh xem trước">
        {previews.map((p, i) => {
          const caption = p.caption ?? `Ảnh ${i + 1}`;
          return (
            <UnstyledButton
              key={p.id}
              onClick={() => setOpen({ url: p.url, caption })}
              aria-label={`Xem lớn ${caption}`}
            >
              <Image src={p.url} alt={caption} radius="sm" h={120} fit="cover" bg="dark.9" />
            </UnstyledButton>
          );
        })}
      </SimpleGrid>
      <Modal opened={open !== null} onClose={() => setOpen(null)} title={open?.caption} size="xl">
        {open && <Image src={open.url} alt={open.caption} fit="contain" />}
      </Modal>
    </>
  );
}

/** One result as a clinician reviews it: patient, order, values or report and pictures, and the release button. */
export function ResultDetail({
  resultId,
  mayRelease,
  onReleased,
}: {
  resultId: string;
  mayRelease: boolean;
  onReleased?: (id: string) => void;
}) {
  const [r, setR] = useState<StaffResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      setR(await call(api.results[':id'].$get({ param: { id: resultId } })));
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [resultId]);
  useEffect(() => {
    setR(null);
    void load();
  }, [load]);

  async function release() {
    setBusy(true);
    setError(null);
    try {
      await call(api.results[':id'].release.$post({ param: { id: resultId } }));
      onReleased?.(resultId);
      await load();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (error && !r)
    return (
      <Alert color="red" variant="light" role="alert">
        {error}
      </Alert>
    );
  if (!r) return <Loader size="sm" />;
  const status = resultStatusInfo[r.status];
  return (
    <Stack gap="sm" aria-label={`Kết quả ${r.title}`} component="section">
      <Group gap="xs">
        <Badge variant="light">{kindLabels[r.kind]}</Badge>
        <Badge color={status?.color} variant="light">
          {status?.label ?? r.status}
        </Badge>
        {r.modality && <Badge variant="outline">{r.modality}</Badge>}
      </Group>
      <Text size="sm">
        <b>{r.patient.fullName}</b>
        {r.patient.birthDate ? ` · sinh ${r.patient.birthDate.split('-').reverse().join('/')}` : ''} ·{' '}
        {r.order.serviceName} ({r.order.serviceCode})
        {r.order.accessionNumber ? ` · mã chỉ định ${r.order.accessionNumber}` : ''}
      </Text>
      <Text size="xs" c="dimmed">
        Nhận lúc {formatDateTime(r.createdAt)}
        {r.reportedAt ? ` · trả từ nguồn lúc ${formatDateTime(r.reportedAt)}` : ''}
        {r.interpreter ? ` · ${r.interpreter}` : ''}
      </Text>
      {r.kind === 'lab' ? <Values observations={r.observations} /> : <Previews previews={r.previews} />}
      {r.reportText ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} aria-label="Báo cáo">
          {r.reportText}
        </Text>
      ) : r.kind === 'imaging' ? (
        <Text size="sm" c="dimmed">
          Chưa có báo cáo đọc phim (ORU hoặc SR).
        </Text>
      ) : null}
      {r.conclusion && (
        <Text size="sm">
          <b>Kết luận:</b> {r.conclusion}
        </Text>
      )}
      <FailureAlert message={error} />
      {r.releasedAt ? (
        <Alert color="teal" variant="light">
          Đã trả cho người bệnh lúc {formatDateTime(r.releasedAt)}
          {r.releasedByName
            ? ` — ${r.releasedByName}`
            : r.releasedByRule
              ? ` — ${releaseRuleLabel(r.releasedByRule)}`
              : ''}
        </Alert>
      ) : mayRelease ? (
        <Group justify="flex-end">
          <Button onClick={release} loading={busy}>
            Duyệt trả kết quả
          </Button>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          Chưa trả cho người bệnh; cần bác sĩ duyệt.
        </Text>
      )}
    </Stack>
  );
}
