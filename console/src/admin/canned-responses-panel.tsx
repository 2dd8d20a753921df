import { Alert, Button, Group, Loader, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { Search } from 'lucide-react';
import { type FormEvent, useCallback, useState } from 'react';
import { api, call, errorMessage, type Me } from '../api.ts';
import { ConfirmDelete } from '../components/confirm-delete.tsx';
import { CursorPager, useCursorPages } from '../components/cursor-pager.tsx';
import { FailureAlert } from '../components/failure-alert.tsx';
import { formatDateTime } from '../format.ts';
import type { CannedResponse, Team } from '../inbox/inbox-types.ts';
import { CannedEditor } from './canned-editor.tsx';

const PAGE_SIZE = '20';

/** Canned responses agents insert from the composer: list, search, add, edit, delete. */
export function CannedResponsesPanel({ me, teams }: { me: Me; teams: Team[] }) {
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [variables, setVariables] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState<CannedResponse | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CannedResponse | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(
    async (cursor: string | undefined) => {
      const page = await call(
        api.inbox['canned-responses'].$get({
          query: { limit: PAGE_SIZE, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) },
        }),
      );
      setVariables(page.variables);
      return page;
    },
    [q],
  );
  const pages = useCursorPages(load);
  const teamName = (id: string | null) => (id ? (teams.find((t) => t.teamId === id)?.teamName ?? '—') : 'Mọi nhóm');

  const search = (e: FormEvent) => {
    e.preventDefault();
    setQ(draft.trim());
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    setDeleteBusy(true);
    setDeleteError(null);
    try {
      await call(api.inbox['canned-responses'][':id'].$delete({ param: { id: deleting.id } }));
      setNotice(`Đã xoá mẫu “${deleting.title}”.`);
      setDeleting(null);
      pages.reload();
    } catch (err) {
      setDeleteError(errorMessage(err));
    } finally {
      setDeleteBusy(false);
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <form onSubmit={search} aria-label="Tìm mẫu trả lời">
          <Group gap="xs" align="flex-end">
            <TextInput
              label="Tìm mẫu"
              placeholder="Lối tắt hoặc tiêu đề"
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              leftSection={<Search size={16} aria-hidden />}
              w={280}
            />
            <Button type="submit" variant="default">
              Tìm
            </Button>
          </Group>
        </form>
        <Button
          onClick={() => {
            setNotice(null);
            setEditing('new');
          }}
        >
          Thêm mẫu trả lời
        </Button>
      </Group>

      {notice && (
        <Alert color="teal" variant="light" withCloseButton onClose={() => setNotice(null)} closeButtonLabel="Đóng">
          {notice}
        </Alert>
      )}
      <FailureAlert message={pages.error} />

      <Paper withBorder>
        {pages.items === null ? (
          !pages.error && (
            <Group justify="center" p="xl">
              <Loader size="sm" />
            </Group>
          )
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing="sm" aria-label="Mẫu trả lời">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Lối tắt</Table.Th>
                  <Table.Th>Tiêu đề</Table.Th>
                  <Table.Th>Nội dung</Table.Th>
                  <Table.Th>Nhóm</Table.Th>
                  <Table.Th>Cập nhật</Table.Th>
                  <Table.Th ta="right">Thao tác</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pages.items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        /{c.shortcut}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {c.title}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={360}>
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {c.body}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{teamName(c.teamId)}</Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="xs">{formatDateTime(c.updatedAt)}</Text>
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      <Button
                        size="xs"
                        variant="subtle"
                        aria-label={`Sửa mẫu ${c.title}`}
                        onClick={() => {
                          setNotice(null);
                          setEditing(c);
                        }}
                      >
                        Sửa
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`Xoá mẫu ${c.title}`}
                        onClick={() => {
                          setDeleteError(null);
                          setDeleting(c);
                        }}
                      >
                        Xoá
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {pages.items.length === 0 && (
              <Text size="sm" c="dimmed" p="md" ta="center">
                {q ? 'Không có mẫu nào khớp.' : 'Chưa có mẫu trả lời.'}
              </Text>
            )}
          </Table.ScrollContainer>
        )}
      </Paper>
      <CursorPager pages={pages} label="Phân trang mẫu trả lời" />

      <CannedEditor
        me={me}
        teams={teams}
        variables={variables}
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={(saved, created) => {
          setEditing(null);
          setNotice(created ? `Đã thêm mẫu “${saved.title}”.` : `Đã lưu mẫu “${saved.title}”.`);
          pages.reload();
        }}
      />
      <ConfirmDelete
        opened={deleting !== null}
        title="Xoá mẫu trả lời"
        busy={deleteBusy}
        error={deleteError}
        onCancel={() => setDeleting(null)}
        onConfirm={confirmDelete}
      >
        Xoá mẫu <b>{deleting?.title}</b> (/{deleting?.shortcut})? Nhân viên sẽ không chọn được mẫu này trong khung soạn
        tin nữa. Các tin đã gửi không bị ảnh hưởng.
      </ConfirmDelete>
    </Stack>
  );
}
