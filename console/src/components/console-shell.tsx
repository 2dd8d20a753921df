import { AppShell, Avatar, Box, Burger, Button, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { InboxSettingsPage } from '../admin/inbox-settings-page.tsx';
import type { Me } from '../api.ts';
import { AppointmentsPage } from '../appointments/appointments-page.tsx';
import { CampaignPage } from '../campaigns/campaign-page.tsx';
import { CampaignPlanner } from '../campaigns/campaign-planner.tsx';
import { CampaignsPage } from '../campaigns/campaigns-page.tsx';
import { SegmentsPage } from '../campaigns/segments-page.tsx';
import { ContactPage } from '../contacts/contact-page.tsx';
import { ContactsListPage } from '../contacts/contacts-list-page.tsx';
import { FollowUpsPage } from '../follow-ups/follow-ups-page.tsx';
import { InboxPage } from '../inbox/inbox-page.tsx';
import { roleLabels } from '../labels.ts';
import { AuditPage } from '../pages/audit-page.tsx';
import { IntegrationPage } from '../pages/integration-page.tsx';
import { MessagePage } from '../pages/message-page.tsx';
import { NotificationsPage } from '../pages/notifications-page.tsx';
import { OverviewPage } from '../pages/overview-page.tsx';
import { StaffPage } from '../pages/staff-page.tsx';
import { TemplatesPage } from '../pages/templates-page.tsx';
import { ReportsPage } from '../reports/reports-page.tsx';
import { ReleaseQueuePage } from '../results/release-queue-page.tsx';
import { usePath } from '../router.ts';
import { SchedulesPage } from '../schedules/schedules-page.tsx';
import { AppNavbar } from './app-navbar.tsx';
import { BrandMark } from './brand-mark.tsx';
import { ChangePasswordModal } from './change-password-modal.tsx';

interface Props {
  me: Me;
  onSignOut(): Promise<void>;
}

function CurrentPage({ path, me }: { path: string; me: Me }) {
  const may = (permission: string) => me.permissions.includes(permission);
  const inbox = /^\/inbox(?:\/([0-9a-f-]{36}))?$/.exec(path);
  if (inbox) return may('inbox.read') ? <InboxPage me={me} conversationId={inbox[1] ?? null} /> : <NoAccess />;
  const appointments = /^\/appointments(?:\/([0-9a-f-]{36}))?$/.exec(path);
  if (appointments) {
    return may('booking.read') ? <AppointmentsPage me={me} appointmentId={appointments[1] ?? null} /> : <NoAccess />;
  }
  const contact = /^\/contacts\/([0-9a-f-]{36})$/.exec(path);
  if (contact)
    return may('contacts.read') ? <ContactPage key={contact[1]} me={me} contactId={contact[1]!} /> : <NoAccess />;
  const campaign = /^\/campaigns\/([0-9a-f-]{36})$/.exec(path);
  if (campaign) {
    const mayRead = may('campaigns.manage') || may('reports.read');
    return mayRead ? <CampaignPage key={campaign[1]} id={campaign[1]!} me={me} /> : <NoAccess />;
  }
  switch (path) {
    case '/':
      return <OverviewPage me={me} />;
    case '/schedules':
      return may('schedules.manage') ? <SchedulesPage /> : <NoAccess />;
    case '/results':
      return may('results.read') ? <ReleaseQueuePage me={me} /> : <NoAccess />;
    case '/notifications':
      return may('notifications.manage') ? <NotificationsPage /> : <NoAccess />;
    case '/templates':
      return may('notifications.manage') ? <TemplatesPage /> : <NoAccess />;
    case '/contacts':
    case '/contacts/merge-suggestions':
      return may('contacts.read') ? (
        <ContactsListPage me={me} view={path === '/contacts' ? 'list' : 'suggestions'} />
      ) : (
        <NoAccess />
      );
    case '/campaigns':
      return may('campaigns.manage') || may('reports.read') ? <CampaignsPage me={me} /> : <NoAccess />;
    case '/campaigns/segments':
      return may('campaigns.manage') ? <SegmentsPage /> : <NoAccess />;
    case '/campaigns/new':
      return may('campaigns.manage') ? (
        <CampaignPlanner draft={null} segmentId={new URLSearchParams(window.location.search).get('segment')} />
      ) : (
        <NoAccess />
      );
    case '/follow-ups':
      return may('contacts.write') ? <FollowUpsPage me={me} /> : <NoAccess />;
    case '/reports':
      return may('reports.read') ? <ReportsPage /> : <NoAccess />;
    case '/admin/inbox-settings':
      return may('inbox.assign') ? <InboxSettingsPage me={me} /> : <NoAccess />;
    case '/staff':
      return may('staff.manage') ? <StaffPage me={me} /> : <NoAccess />;
    case '/audit':
      return may('audit.read') ? <AuditPage /> : <NoAccess />;
    case '/integration':
      return may('integration.read') ? <IntegrationPage me={me} /> : <NoAccess />;
    default:
      return (
        <MessagePage title="Không tìm thấy trang">
          Đường dẫn này không có trong MediCRM. Chọn một mục trong menu bên trái.
        </MessagePage>
      );
  }
}

const NoAccess = () => (
  <MessagePage title="Bạn không có quyền xem trang này">
    Vai trò hiện tại của bạn không bao gồm chức năng này. Nếu cần, hãy liên hệ quản trị viên.
  </MessagePage>
);

/**
 * The signed-in frame: header with who is signed in (their account menu behind the name), a permission-aware
 * menu, and the current page.
 */
export function ConsoleShell({ me, onSignOut }: Props) {
  const [menuOpen, menu] = useDisclosure(false);
  const [signingOut, setSigningOut] = useState(false);
  const [changingPassword, passwordForm] = useDisclosure(false);
  const path = usePath().replace(/(.)\/+$/, '$1');
  const role = roleLabels[me.role];
  // The inbox uses the whole width and height of the window; other pages read better in a column.
  const wide = path === '/inbox' || path.startsWith('/inbox/');

  const signOut = async () => {
    setSigningOut(true);
    await onSignOut();
  };

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !menuOpen } }}
      padding={{ base: 'md', md: 'xl' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={menuOpen}
              onClick={menu.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={menuOpen ? 'Đóng menu' : 'Mở menu'}
            />
            <BrandMark />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Menu position="bottom-end" width={220} withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={`Tài khoản: ${me.fullName}`}>
                  <Group gap="sm" wrap="nowrap">
                    <Box visibleFrom="xs" ta="right" data-testid="current-staff">
                      <Text size="sm" fw={600} lh={1.3}>
                        {me.fullName}
                      </Text>
                      <Text size="xs" c="dimmed" lh={1.3}>
                        {role}
                      </Text>
                    </Box>
                    <Avatar name={me.fullName} color="initials" radius="xl" aria-hidden />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me.email}</Menu.Label>
                <Menu.Item onClick={passwordForm.open}>Đổi mật khẩu</Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Button variant="default" size="sm" onClick={signOut} loading={signingOut}>
              Đăng xuất
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm">
        <Box hiddenFrom="xs" px="sm" pb="sm">
          <Text size="sm" fw={600}>
            {me.fullName}
          </Text>
          <Text size="xs" c="dimmed">
            {role}
          </Text>
        </Box>
        <AppNavbar permissions={me.permissions} path={path} onNavigate={menu.close} />
      </AppShell.Navbar>

      <AppShell.Main bg="gray.0">
        <Box maw={wide ? undefined : 1200} mx="auto">
          <CurrentPage path={path} me={me} />
        </Box>
      </AppShell.Main>
      <ChangePasswordModal opened={changingPassword} onClose={passwordForm.close} />
    </AppShell>
  );
}
