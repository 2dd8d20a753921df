import { Alert, Badge, Button, Group, MultiSelect, NumberInput, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import type { Agent, Team } from '../inbox/inbox-types.ts';
import { roleLabels } from '../labels.ts';

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

function CapacityCell({ agent, onSaved }: { agent: Agent; onSaved(a: Agent): void }) {
  const [value, setValue] = useState<number>(agent.capacity);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setValue(agent.capacity), [agent.capacity]);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      onSaved(
        await call(api.inbox.agents[':id'].capacity.$put({ param: { id: agent.staffId }, json: { capacity: value } })),
      );
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <NumberInput
        size="xs"
        w={80}
        min={1}
        max={100}
        allowDecimal={false}
        aria-label={`Sức chứa của ${agent.fullName}`}
        value={value}
        onChange={(v) => setValue(Number(v) || 1)}
        error={error}
      />
      {value !== agent.capacity && (
        <Button
          size="xs"
          variant="light"
          onClick={save}
          loading={busy}
          aria-label={`Lưu sức chứa của ${agent.fullName}`}
        >
          Lưu
        </Button>
      )}
    </Group>
  );
}

/**
 * Who answers the team's conversations, and how many each may hold at once. Capacity belongs to the person, so it
 * applies in every team they are in.
 */
export function TeamMembers({
  team,
  agents,
  onTeamSaved,
  onAgentSaved,
}: {
  team: Team;
  agents: Agent[];
  onTeamSaved(team: Team): void;
  onAgentSaved(agent: Agent): void;
}) {
  const memberIds = team.members.map((m) => m.staffId);
  const [picked, setPicked] = useState<string[]>(memberIds);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => setPicked(team.members.map((m) => m.staffId)), [team.members]);

  const save = async () => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const saved = await call(
        api.inbox.teams[':id'].members.$put({ param: { id: team.teamId }, json: { staffIds: picked } }),
      );
      setNotice('Đã lưu thành viên của nhóm.');
      onTeamSaved(saved);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const roleLabel = (role: string) => roleLabels[role as keyof typeof roleLabels] ?? role;
  const options = [
    ...agents.map((a) => ({ value: a.staffId, label: `${a.fullName} (${roleLabel(a.role)})` })),
    // members who do not answer the inbox (a marketer in the marketing team) may stay, but nobody new like them
    ...team.members
      .filter((m) => !agents.some((a) => a.staffId === m.staffId))
      .map((m) => ({ value: m.staffId, label: `${m.fullName} (${roleLabel(m.role)}, không trả lời hộp thư)` })),
  ];

  return (
    <Stack gap="sm" aria-label={`Thành viên của ${team.teamName}`} component="section">
      <Group align="flex-end" gap="xs">
        <MultiSelect
          flex={1}
          label="Thành viên"
          description="Thêm được nhân viên trả lời hộp thư"
          data={options}
          value={picked}
          onChange={setPicked}
          searchable
          clearable
        />
        <Button size="xs" mb={2} onClick={save} loading={busy} disabled={sameSet(picked, memberIds)}>
          Lưu thành viên
        </Button>
      </Group>
      {notice && (
        <Alert color="teal" variant="light" p={8} withCloseButton onClose={() => setNotice(null)}>
          <Text size="sm">{notice}</Text>
        </Alert>
      )}
      {error && (
        <Alert color="red" variant="light" role="alert" p={8}>
          <Text size="sm">{error}</Text>
        </Alert>
      )}
      <Table verticalSpacing={4} fz="sm" aria-label={`Sức chứa thành viên ${team.teamName}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Nhân viên</Table.Th>
            <Table.Th>Trạng thái</Table.Th>
            <Table.Th>Đang xử lý</Table.Th>
            <Table.Th>Sức chứa (hội thoại)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {team.members.map((m) => {
            const a = agents.find((x) => x.staffId === m.staffId);
            return (
              <Table.Tr key={m.staffId}>
                <Table.Td>{m.fullName}</Table.Td>
                <Table.Td>
                  {a ? (
                    <Badge size="xs" variant="light" color={a.online ? 'teal' : 'gray'}>
                      {a.online ? 'Trực tuyến' : 'Ngoại tuyến'}
                    </Badge>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>{a ? a.activeConversations : '—'}</Table.Td>
                <Table.Td>{a ? <CapacityCell agent={a} onSaved={onAgentSaved} /> : '—'}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {team.members.length === 0 && (
        <Text size="sm" c="dimmed">
          Nhóm chưa có thành viên: hội thoại sẽ chờ trong hàng đợi.
        </Text>
      )}
    </Stack>
  );
}
