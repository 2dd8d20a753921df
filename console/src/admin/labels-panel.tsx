import {
  Alert,
  Badge,
  Button,
  ColorInput,
  Group,
  Loader,
  Modal,
  Pagination,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, call, errorMessage } from '../api.ts';
import { ConfirmDelete } from '../components/confirm-delete.tsx';
import { FailureAlert } from '../components/failure-alert.tsx';
import type { Label } from '../inbox/inbox-types.ts';

const PAGE_SIZE = 10;
const swatches = ['#1c7ed6', '#0ca678', '#e03131', '#7048e8', '#f08c00', '#495057', '#d6336c', '#1098ad', '#868e96'];

interface Fields {
  name: string;
  color: string;
  description: string;
}

/** Conversation labels: name, colour and what they are for. Renaming carries over to the conversations wearing them. */
export function LabelsPanel() {
  const [items, setItems] = useState<Label[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Label | 'new' | null>(null);
  const [f, setF] = useState<Fields>({ name: '', color: '#868e96', description: '' });
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<keyof Fields, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<Label | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setItems((await call(api.inbox.labels.$get())).items);
    } catch (err) {
      setLoadError(errorMessage(err));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const openEditor = (l: Label | 'new') => {
    setNotice(null);
    setFieldErrors({});
    setFormError(null);
    setF(l === 'new' ? { name: '', color: '#868e96', description: '' } : { ...l, description: l.description ?? '' });
    setEditing(l);
  };

  const save = async () => {
    if (!f.name.trim()) {
      setFieldErrors({ name: 'Vui lòng nhập tên nhãn' });
      return;
    }
    if (!/^#[0-9a-fA-F]{6}$/.test(f.color)) {
      setFieldErrors({ color: 'Màu dạng #rrggbb' });
      return;
    }
    setBusy(true);
    setFormError(null);
    const json = { name: f.name.trim(), color: f.color, description: f.description.trim() || null };
    try {
      const saved =
        editing && editing !== 'new'
          ? await call(api.inbox.labels[':id'].$put({ param: { id: editing.id }, json }))
          : await call(api.inbox.labels.$post({ json }));
      setNotice(editing === 'new' ? `Đã thêm nhãn “${saved.name}”.` : `Đã lưu nhãn “${saved.name}”.`);
      setEditing(null);
      await load();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'label_exists') setFieldErrors({ name: err.message });
      else setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    setBusy(true);
    setDeleteError(null);
    try {
      await call(api.inbox.labels[':id'].$delete({ param: { id: deleting.id } }));
      setNotice(`Đã xoá nhãn “${deleting.name}”.`);
      setDeleting(null);
      await load();
    } catch (err) {
      setDeleteError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const pages = Math.max(1, Math.ceil((items?.length ?? 0) / PAGE_SIZE));
  const current = Math.min(page, pages);
  const shown = (items ?? []).slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Nhân viên gắn nhãn cho hội thoại để lọc và báo cáo.
        </Text>
        <Button onClick={() => openEditor('new')}>Thêm nhãn</Button>
      </Group>
      {notice && (
        <Alert color="teal" variant="light" withCloseButton onClose={() => setNotice(null)} closeButtonLabel="Đóng">
          {notice}
        </Alert>
      )}
      <FailureAlert message={loadError} />
      <Paper withBorder>
        {items === null ? (
          !loadError && (
            <Group justify="center" p="xl">
              <Loader size="sm" />
            </Group>
          )
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table verticalSpacing="sm" aria-label="Nhãn hội thoại">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Nhãn</Table.Th>
                  <Table.Th>Mô tả</Table.Th>
                  <Table.Th ta="right">Thao tác</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>
                      <Badge color={l.color} variant="filled" data-color={l.color}>
                        {l.name}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={l.description ? undefined : 'dimmed'}>
                        {l.description ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      <Button
                        size="xs"
                        variant="subtle"
                        aria-label={`Sửa nhãn ${l.name}`}
                        onClick={() => openEditor(l)}
                      >
                        Sửa
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`Xoá nhãn ${l.name}`}
                        onClick={() => {
                          setDeleteError(null);
                          setDeleting(l);
                        }}
                      >
                        Xoá
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {items.length === 0 && (
              <Text size="sm" c="dimmed" p="md" ta="center">
                Chưa có nhãn.
              </Text>
            )}
          </Table.ScrollContainer>
        )}
      </Paper>
      {pages > 1 && (
        <Group justify="center">
          <Pagination total={pages} value={current} onChange={setPage} size="sm" aria-label="Phân trang nhãn" />
        </Group>
      )}

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'Thêm nhãn' : 'Sửa nhãn'}
      >
        <Stack gap="sm">
          <TextInput
            label="Tên nhãn"
            value={f.name}
            maxLength={60}
            onChange={(e) => {
              const name = e.currentTarget.value;
              setF((p) => ({ ...p, name }));
              setFieldErrors({});
            }}
            error={fieldErrors.name}
            withAsterisk
          />
          <ColorInput
            label="Màu"
            format="hex"
            swatches={swatches}
            value={f.color}
            onChange={(color) => {
              setF((p) => ({ ...p, color }));
              setFieldErrors({});
            }}
            error={fieldErrors.color}
          />
          <TextInput
            label="Mô tả"
            description="Khi nào dùng nhãn này"
            maxLength={200}
            value={f.description}
            onChange={(e) => {
              const description = e.currentTarget.value;
              setF((p) => ({ ...p, description }));
            }}
          />
          <Group gap="xs">
            <Text size="xs" c="dimmed">
              Xem trước:
            </Text>
            <Badge color={/^#[0-9a-fA-F]{6}$/.test(f.color) ? f.color : 'gray'} variant="filled">
              {f.name.trim() || 'Tên nhãn'}
            </Badge>
          </Group>
          <FailureAlert message={formError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setEditing(null)}>
              Huỷ
            </Button>
            <Button onClick={save} loading={busy}>
              {editing === 'new' ? 'Thêm nhãn' : 'Lưu nhãn'}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <ConfirmDelete
        opened={deleting !== null}
        title="Xoá nhãn"
        busy={busy}
        error={deleteError}
        onCancel={() => setDeleting(null)}
        onConfirm={confirmDelete}
      >
        Xoá nhãn <b>{deleting?.name}</b>? Nhãn sẽ được gỡ khỏi mọi hội thoại đang mang nó.
      </ConfirmDelete>
    </Stack>
  );
}
