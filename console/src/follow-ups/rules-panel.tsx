import { Alert, Button, Group, NumberInput, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { InferResponseType } from 'hono/client';
import { useCallback, useEffect, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import { kindLabels } from './follow-up-labels.ts';

type Rule = InferResponseType<(typeof api)['follow-ups']['rules']['$get'], 200>['items'][number];
type Kind = Rule['kind'];

/**
 * Supervisors' rules for after-visit calls: per package (more specific) or per department, how many days after the
 * completed visit, and what to ask. Switching one off leaves the tasks it made.
 */
export function RulesPanel() {
  const [rules, setRules] = useState<Rule[]>([]);
  const [scopes, setScopes] = useState<{ group: string; items: { value: string; label: string }[] }[]>([]);
  const [scope, setScope] = useState<string | null>(null);
  const [kind, setKind] = useState<Kind>('call_after_procedure');
  const [days, setDays] = useState<number | string>(3);
  const [instructions, setInstructions] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setRules((await call(api['follow-ups'].rules.$get())).items);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);
  useEffect(() => {
    void load();
    Promise.all([call(api.catalog.packages.$get({ query: {} })), call(api.catalog.departments.$get({ query: {} }))])
      .then(([packages, departments]) =>
        setScopes([
          { group: 'Gói khám', items: packages.items.map((p) => ({ value: `package:${p.id}`, label: p.name })) },
          {
            group: 'Chuyên khoa',
            items: departments.items.map((d) => ({ value: `department:${d.id}`, label: d.name })),
          },
        ]),
      )
      .catch(() => setScopes([]));
  }, [load]);

  const add = async () => {
    if (!scope) return;
    const [type, id] = scope.split(':') as ['package' | 'department', string];
    setBusy(true);
    setError(null);
    try {
      await call(
        api['follow-ups'].rules.$post({
          json: {
            ...(type === 'package' ? { packageId: id } : { departmentId: id }),
            kind,
            daysAfter: Number(days),
            ...(instructions.trim() ? { instructions: instructions.trim() } : {}),
          },
        }),
      );
      setScope(null);
      setInstructions('');
      await load();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const disable = async (rule: Rule) => {
    setError(null);
    try {
      await call(api['follow-ups'].rules[':id'].$delete({ param: { id: rule.id } }));
      await load();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-label="Quy tắc tạo việc sau khám">
      <Stack gap="sm">
        <Title order={3} fz="md">
          Quy tắc tạo việc sau khám
        </Title>
        <Text size="sm" c="dimmed">
          Khi hoàn tất một lượt khám, quy tắc của gói khám được dùng; nếu gói không có quy tắc thì dùng quy tắc của
          chuyên khoa.
        </Text>
        {rules.length > 0 ? (
          <Table aria-label="Quy tắc đang dùng">
            <Table.Tbody>
              {rules.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.scopeName}</Table.Td>
                  <Table.Td>{kindLabels[r.kind] ?? r.kind}</Table.Td>
                  <Table.Td>sau {r.daysAfter} ngày</Table.Td>
                  <Table.Td c="dimmed">{r.instructions ?? ''}</Table.Td>
                  <Table.Td ta="right">
                    <Button size="xs" variant="subtle" color="red" onClick={() => void disable(r)}>
                      Tắt
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm">Chưa có quy tắc nào.</Text>
        )}
        <Group align="flex-end" gap="xs">
          <Select
            label="Gói khám hoặc chuyên khoa"
            data={scopes}
            value={scope}
            onChange={setScope}
            searchable
            w={260}
            size="xs"
          />
          <Select
            label="Việc"
            data={Object.entries(kindLabels).map(([value, label]) => ({ value, label }))}
            value={kind}
            onChange={(v) => setKind((v ?? 'call_after_procedure') as Kind)}
            allowDeselect={false}
            w={220}
            size="xs"
          />
          <NumberInput label="Sau (ngày)" value={days} onChange={setDays} min={0} max={365} w={100} size="xs" />
          <TextInput
            label="Nội dung cần hỏi"
            value={instructions}
            onChange={(e) => setInstructions(e.currentTarget.value)}
            maxLength={1000}
            style={{ flex: 1 }}
            size="xs"
          />
          <Button size="xs" onClick={add} loading={busy} disabled={!scope}>
            Thêm quy tắc
          </Button>
        </Group>
        {error && (
          <Alert color="red" variant="light">
            {error}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
