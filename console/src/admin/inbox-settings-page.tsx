import { Alert, Button, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { api, call, errorMessage, type Me } from '../api.ts';
import type { Team } from '../inbox/inbox-types.ts';
import { CannedResponsesPanel } from './canned-responses-panel.tsx';
import { LabelsPanel } from './labels-panel.tsx';
import { TeamsPanel } from './teams-panel.tsx';

type Tab = 'canned' | 'labels' | 'teams';

/** /admin/inbox-settings: canned responses, conversation labels, and teams with their SLA policies. */
export function InboxSettingsPage({ me }: { me: Me }) {
  const [tab, setTab] = useState<Tab>('canned');
  const [teams, setTeams] = useState<Team[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const loadTeams = useCallback(async () => {
    setError(null);
    try {
      setTeams((await call(api.inbox.teams.$get())).items);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    document.title = 'Cài đặt hộp thư — MediCRM';
    void loadTeams();
  }, [loadTeams]);

  const teamSaved = (t: Team) => setTeams((list) => list?.map((x) => (x.teamId === t.teamId ? t : x)) ?? null);

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2}>Cài đặt hộp thư</Title>
        <Text c="dimmed" size="sm">
          Mẫu trả lời, nhãn hội thoại, nhóm trực với hạn phản hồi (SLA), giờ làm việc và sức chứa của nhân viên.
        </Text>
      </Stack>
      {error && (
        <Alert color="red" variant="light" role="alert" title="Không tải được danh sách nhóm">
          <Group gap="sm">
            <Text size="sm">{error}</Text>
            <Button size="xs" variant="white" color="red" onClick={loadTeams}>
              Thử lại
            </Button>
          </Group>
        </Alert>
      )}
      <Tabs value={tab} onChange={(v) => setTab((v as Tab | null) ?? 'canned')} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="canned">Mẫu trả lời</Tabs.Tab>
          <Tabs.Tab value="labels">Nhãn</Tabs.Tab>
          <Tabs.Tab value="teams">Nhóm và SLA</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="canned" pt="md">
          <CannedResponsesPanel me={me} teams={teams ?? []} />
        </Tabs.Panel>
        <Tabs.Panel value="labels" pt="md">
          <LabelsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="teams" pt="md">
          {teams === null ? !error && <Loader size="sm" /> : <TeamsPanel teams={teams} onTeamSaved={teamSaved} />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
