import { Alert, Anchor, Button, Group, Loader, Pagination, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api.ts';
import { ConfirmDelete } from '../components/confirm-delete.tsx';
import { FailureAlert } from '../components/failure-alert.tsx';
import { formatDateTime } from '../format.ts';
import { navigate } from '../router.ts';
import { formatCount } from './campaign-labels.ts';
import { campaignsApi, type Segment } from './campaigns-api.ts';
import { SegmentBuilder } from './segment-builder.tsx';
import { describeFilter } from './segment-filter.ts';
import { useSegmentCatalog } from './use-catalog.ts';

const pageSize = 20;

/** /campaigns/segments: build a segment with a live count, save it, and see the saved ones. */
export function SegmentsPage() {
  const { catalog, error: catalogError } = useSegmentCatalog();
  const [segments, setSegments] = useState<Segment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<Segment | null>(null);
  const [page, setPage] = useState(1);
  const [deleting, setDeleting] = useState<Segment | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const pages = Math.max(1, Math.ceil((segments?.length ?? 0) / pageSize));
  const shown = (segments ?? []).slice((page - 1) * pageSize, page * pageSize);

  const load = useCallback(() => {
    campaignsApi
      .segments()
      .then((r) => setSegments(r.items))
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);

  const confirmDelete = async () => {
    if (!deleting) return;
    setDeleteBusy(true);
    setDeleteError(null);
    try {
      await campaignsApi.deleteSegment(deleting.id);
      setNotice(`Đã xoá phân khúc “${deleting.name}”.`);
      setDeleting(null);
      load();
    } catch (err) {
      setDeleteError(errorMessage(err));
    } finally {
      setDeleteBusy(false);
    }
  };

  useEffect(() => {
    document.title = 'Phân khúc — MediCRM';
    load();
  }, [load]);

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2}>Phân khúc</Title>
        <Text c="dimmed" size="sm">
          Nhóm khách hàng theo lần khám, dịch vụ, nơi khám, tuổi, giới tính, nhãn, lịch tái khám, bỏ hẹn và đồng ý nhận
          tin. Số lượng được đếm lại mỗi khi điều kiện thay đổi.
        </Text>
      </Stack>
      {catalogError && (
        <Alert color="orange" variant="light">
          Chưa tải được danh mục ({catalogError}). Các điều kiện theo danh mục tạm thời không chọn được.
        </Alert>
      )}
      {notice && (
        <Alert color="teal" variant="light" withCloseButton onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      <SegmentBuilder
        key={editing?.id ?? 'new'}
        catalog={catalog}
        editing={editing}
        onCancelEdit={() => setEditing(null)}
        onSaved={(s, created) => {
          setNotice(created ? `Đã lưu phân khúc “${s.name}”.` : `Đã cập nhật phân khúc “${s.name}”.`);
          setEditing(null);
          load();
        }}
      />

      <Title order={3}>Phân khúc đã lưu</Title>
      <FailureAlert message={error} />
      <Paper withBorder>
        <Table.ScrollContainer minWidth={760}>
          <Table aria-label="Phân khúc đã lưu" verticalSpacing="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Tên</Table.Th>
                <Table.Th>Điều kiện</Table.Th>
                <Table.Th ta="right">Số khách</Table.Th>
                <Table.Th>Đếm lúc</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {s.name}
                    </Text>
                    {s.description && (
                      <Text size="xs" c="dimmed">
                        {s.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{describeFilter(s.filter, catalog).join(' · ') || 'Mọi khách hàng'}</Text>
                  </Table.Td>
                  <Table.Td ta="right">{s.lastCount === null ? '—' : formatCount(s.lastCount)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(s.lastCountedAt)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap" justify="flex-end">
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => {
                          setEditing(s);
                          window.scrollTo({ top: 0, behavior: 'smooth' });
                        }}
                      >
                        Sửa
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`Xoá phân khúc ${s.name}`}
                        onClick={() => {
                          setDeleteError(null);
                          setDeleting(s);
                        }}
                      >
                        Xoá
                      </Button>
                      <Anchor
                        size="sm"
                        href={`/campaigns/new?segment=${s.id}`}
                        onClick={(e) => {
                          e.preventDefault();
                          navigate(`/campaigns/new?segment=${s.id}`);
                        }}
                      >
                        Tạo chiến dịch
                      </Anchor>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {segments === null && !error && (
          <Group justify="center" p="lg">
            <Loader size="sm" />
          </Group>
        )}
        {segments?.length === 0 && (
          <Text ta="center" c="dimmed" size="sm" p="lg">
            Chưa có phân khúc nào. Tạo phân khúc đầu tiên ở trên.
          </Text>
        )}
      </Paper>
      {pages > 1 && (
        <Group justify="center">
          <Pagination total={pages} value={page} onChange={setPage} aria-label="Trang phân khúc" />
        </Group>
      )}
      <ConfirmDelete
        opened={deleting !== null}
        title="Xoá phân khúc"
        busy={deleteBusy}
        error={deleteError}
        onCancel={() => setDeleting(null)}
        onConfirm={confirmDelete}
      >
        Xoá phân khúc <b>{deleting?.name}</b>? Phân khúc đã dùng cho một chiến dịch được giữ lại để giải thích chiến
        dịch đó.
      </ConfirmDelete>
    </Stack>
  );
}
