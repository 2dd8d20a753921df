import { Divider, Grid, Group, Loader, Pagination, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import { FailureAlert } from '../components/failure-alert.tsx';
import type { Agent, Team } from '../inbox/inbox-types.ts';
import { TeamMembers } from './team-members.tsx';
import { TeamPolicyForm } from './team-policy-form.tsx';

const PAGE_SIZE = 3;

/** Each team with its SLA policy, business hours, members and their capacity. */
export function TeamsPanel({ teams, onTeamSaved }: { teams: Team[]; onTeamSaved(team: Team): void }) {
  const [agents, setAgents] = useState<Agent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(1);

  useEffect(() => {
    call(api.inbox.agents.$get())
      .then((a) => setAgents(a.items))
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);

  const pages = Math.max(1, Math.ceil(teams.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const shown = teams.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Hạn phản hồi và hạn xử lý (SLA) được tính trong giờ làm việc của nhóm; quá hạn sẽ được đánh dấu trong hộp thư.
      </Text>
      <FailureAlert message={error} />
      {teams.length === 0 && (
        <Text size="sm" c="dimmed">
          Chưa có nhóm nào.
        </Text>
      )}
      {shown.map((t) => (
        <Paper key={t.teamId} withBorder p="md" component="section" aria-label={`Nhóm ${t.teamName}`}>
          <Title order={3} fz="lg" mb="sm">
            {t.teamName}
          </Title>
          <Grid gutter="lg">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <TeamPolicyForm team={t} onSaved={onTeamSaved} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <Divider hiddenFrom="lg" mb="sm" />
              {agents === null ? (
                !error && <Loader size="sm" />
              ) : (
                <TeamMembers
                  team={t}
                  agents={agents}
                  onTeamSaved={onTeamSaved}
                  onAgentSaved={(a) => setAgents((list) => list?.map((x) => (x.staffId === a.staffId ? a : x)) ?? null)}
                />
              )}
            </Grid.Col>
          </Grid>
        </Paper>
      ))}
      {pages > 1 && (
        <Group justify="center">
          <Pagination total={pages} value={current} onChange={setPage} size="sm" aria-label="Phân trang nhóm" />
        </Group>
      )}
    </Stack>
  );
}
