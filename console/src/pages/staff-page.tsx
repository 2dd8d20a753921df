import { Alert, Badge, Button, Group, Loader, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { api, call, errorMessage, type Me, type Role, type Staff } from '../api.ts';
import { ConfirmStaffChange, type StaffChange } from '../components/confirm-staff-change.tsx';
import { CreateStaffModal } from '../components/create-staff-modal.tsx';
import { ResetPasswordModal } from '../components/reset-password-modal.tsx';
import { formatDateTime } from '../format.ts';
import { roleLabels, roles } from '../labels.ts';

const roleOptions = roles.map((r) => ({ value: r, label: roleLabels[r] }));

/** Staff accounts: list, create, change role, lock and unlock, reset a forgotten password. */
export function StaffPage({ me }: { me: Me }) {
  const [items, setItems] = useState<Staff[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [change, setChange] = useState<StaffChange | null>(null);
  const [resetting, setResetting] = useState<Staff | null>(null);
  const [changeError, setChangeError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setItems((await call(api.admin.staff.$get())).items);
    } catch (err) {
      setLoadError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    document.title = 'Nhân viên — MediCRM';
    void load();
  }, [load]);

  const replace = (updated: Staff) => setItems((list) => list?.map((s) => (s.id === updated.id ? updated : s)) ?? null);

  async function confirmChange() {
    if (!change) return;
    setBusy(true);
    setChangeError(null);
    try {
      const updated = await call(api.admin.staff[':id'].$patch({ param: { id: change.staff.id }, json: change.patch }));
      replace(updated);
      setDone(`Đã cập nhật tài khoản ${updated.fullName}.`);
      setChange(null);
    } catch (err) {
      setChangeError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const ask = (next: StaffChange) => {
    setChangeError(null);
    setDone(null);
    setChange(next);
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={2}>Nhân viên</Title>
          <Text c="dimmed" size="sm">
            Tài khoản đăng nhập của nhân viên phòng khám và quyền theo vai trò.
          </Text>
        </Stack>
        <Button onClick={() => setCreating(true)}>Thêm nhân viên</Button>
      </Group>

      {done && (
        <Alert color="teal" variant="light" withCloseButton onClose={() => setDone(null)} closeButtonLabel="Đóng">
          {done}
        </Alert>
      )}
      {loadError && (
        <Alert color="red" variant="light" role="alert" title="Không tải được danh sách nhân viên">
          <Group gap="sm">
            <Text size="sm">{loadError}</Text>
            <Button size="xs" variant="white" color="red" onClick={load}>
              Thử lại
            </Button>
          </Group>
        </Alert>
      )}

      <Paper withBorder>
        {items === null && !loadError ? (
          <Group justify="center" p="xl">
            <Loader size="sm" />
            <Text size="sm" c="dimmed">
              Đang tải danh sách…
            </Text>
          </Group>
        ) : (
          <Table.ScrollContainer minWidth={980}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Họ tên</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th w={190}>Vai trò</Table.Th>
                  <Table.Th>Trạng thái</Table.Th>
                  <Table.Th>Đăng nhập gần nhất</Table.Th>
                  <Table.Th ta="right">Thao tác</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(items ?? []).map((s) => {
                  const self = s.id === me.id;
                  return (
                    <Table.Tr key={s.id}>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm" fw={500}>
                            {s.fullName}
                          </Text>
                          {self && (
                            <Badge size="sm" color="gray" style={{ flexShrink: 0 }}>
                              Bạn
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{s.email}</Text>
                      </Table.Td>
                      <Table.Td>
                        {self ? (
                          <Text size="sm">{roleLabels[s.role]}</Text>
                        ) : (
                          <Select
                            size="xs"
                            aria-label={`Vai trò của ${s.fullName}`}
                            data={roleOptions}
                            value={s.role}
                            allowDeselect={false}
                            onChange={(v) => v && v !== s.role && ask({ staff: s, patch: { role: v as Role } })}
                          />
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge color={s.active ? 'teal' : 'gray'} style={{ flexShrink: 0 }}>
                          {s.active ? 'Đang hoạt động' : 'Đã khoá'}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c={s.lastSignInAt ? undefined : 'dimmed'}>
                          {s.lastSignInAt ? formatDateTime(s.lastSignInAt) : 'Chưa đăng nhập'}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        {!self && (
                          <Group gap={4} justify="flex-end" wrap="nowrap">
                            <Button
                              size="xs"
                              variant="subtle"
                              onClick={() => {
                                setDone(null);
                                setResetting(s);
                              }}
                            >
                              Đặt lại mật khẩu
                            </Button>
                            <Button
                              size="xs"
                              variant="subtle"
                              color={s.active ? 'red' : 'teal'}
                              onClick={() => ask({ staff: s, patch: { active: !s.active } })}
                            >
                              {s.active ? 'Khoá' : 'Mở khoá'}
                            </Button>
                          </Group>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {items && (
        <Text size="xs" c="dimmed">
          {items.length} tài khoản. Bạn không thể tự đổi vai trò hay khoá tài khoản của chính mình; mật khẩu của bạn đổi
          ở mục “Đổi mật khẩu” trong menu tài khoản.
        </Text>
      )}

      <CreateStaffModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(staff) => {
          setCreating(false);
          setItems((list) => [...(list ?? []), staff]);
          setDone(`Đã tạo tài khoản cho ${staff.fullName}.`);
        }}
      />
      <ResetPasswordModal
        staff={resetting}
        onClose={() => setResetting(null)}
        onReset={(staff) => {
          setResetting(null);
          setDone(`Đã đặt lại mật khẩu cho ${staff.fullName}. Người này đã bị đăng xuất khỏi mọi thiết bị.`);
        }}
      />
      <ConfirmStaffChange
        change={change}
        busy={busy}
        error={changeError}
        onConfirm={confirmChange}
        onCancel={() => setChange(null)}
      />
    </Stack>
  );
}
