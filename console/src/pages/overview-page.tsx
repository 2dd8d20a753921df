import { Alert, Badge, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import type { Me } from '../api.ts';
import { permissionInfo, roleLabels } from '../labels.ts';

const comingModules = [
  { name: 'Đặt lịch khám', what: 'xem lịch trống, đặt, đổi và huỷ lịch hẹn, nhắc lịch tự động' },
  { name: 'Trả kết quả', what: 'gửi kết quả xét nghiệm, chẩn đoán hình ảnh cho người bệnh sau khi bác sĩ duyệt' },
  { name: 'Chiến dịch', what: 'gửi thông báo và chương trình chăm sóc tới nhóm khách hàng đã đồng ý nhận tin' },
];

function PermissionList({ items }: { items: string[] }) {
  return (
    <List spacing={6} size="sm">
      {items.map((p) => (
        <List.Item key={p}>{permissionInfo[p]?.label ?? p}</List.Item>
      ))}
    </List>
  );
}

/** Who you are, what your role allows, and what is still being built. No invented figures. */
export function OverviewPage({ me }: { me: Me }) {
  useEffect(() => {
    document.title = 'Tổng quan — MediCRM';
  }, []);
  const now = me.permissions.filter((p) => permissionInfo[p]?.available);
  const later = me.permissions.filter((p) => !permissionInfo[p]?.available);

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2}>Xin chào, {me.fullName}</Title>
        <Text c="dimmed">Đây là bảng điều khiển dành cho nhân viên phòng khám trên MediCRM.</Text>
      </Stack>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
        <Stack gap="lg">
          <Paper withBorder p="lg">
            <Stack gap="sm">
              <Title order={3} fz="lg">
                Tài khoản của bạn
              </Title>
              <Group gap="xs">
                <Text size="sm" c="dimmed" w={80}>
                  Họ tên
                </Text>
                <Text size="sm" fw={500}>
                  {me.fullName}
                </Text>
              </Group>
              <Group gap="xs">
                <Text size="sm" c="dimmed" w={80}>
                  Email
                </Text>
                <Text size="sm">{me.email}</Text>
              </Group>
              <Group gap="xs">
                <Text size="sm" c="dimmed" w={80}>
                  Vai trò
                </Text>
                <Badge size="lg">{roleLabels[me.role]}</Badge>
              </Group>
            </Stack>
          </Paper>

          <Alert variant="light" color="blue" title="Đang phát triển">
            <Text size="sm" mb="xs">
              MediCRM đang được xây dựng từng phần. Các phân hệ sau chưa có trong bảng điều khiển; chúng sẽ xuất hiện
              trong menu khi sẵn sàng, theo đúng quyền của vai trò bạn:
            </Text>
            <List size="sm" spacing={4}>
              {comingModules.map((m) => (
                <List.Item key={m.name}>
                  <Text span fw={600} size="sm">
                    {m.name}
                  </Text>
                  : {m.what}.
                </List.Item>
              ))}
            </List>
          </Alert>
        </Stack>

        <Paper withBorder p="lg">
          <Stack gap="sm">
            <Title order={3} fz="lg">
              Vai trò {roleLabels[me.role]} được phép
            </Title>
            {now.length > 0 && (
              <Stack gap={6}>
                <Text size="sm" fw={600} c="teal.8">
                  Dùng được ngay trong menu
                </Text>
                <PermissionList items={now} />
              </Stack>
            )}
            {later.length > 0 && (
              <Stack gap={6}>
                <Text size="sm" fw={600} c="dimmed">
                  Sẽ dùng được khi các phân hệ tương ứng ra mắt
                </Text>
                <PermissionList items={later} />
              </Stack>
            )}
          </Stack>
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
