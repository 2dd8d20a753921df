import {
  Alert,
  Button,
  Collapse,
  Group,
  Loader,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { consentSourceLabels, notifyChannelLabels, purposeLabels } from './notify-labels.ts';
import type { Consents } from './notify-types.ts';

type SetBody = Parameters<(typeof api.notify.contacts)[':id']['consents']['$put']>[0]['json'];
type ConsentChannel = SetBody['channel'];

const channels: ConsentChannel[] = ['zns', 'sms', 'zalo_oa', 'email', 'miniapp', 'hotline'];
const purposes = ['care', 'marketing'] as const;

/**
 * The contact's consent per channel and purpose (Decree 13: separate per purpose, with proof), switchable by staff
 * with a note of what the person said; every change keeps its source and time in the history below.
 */
export function ConsentPanel({ contactId, mayWrite }: { contactId: string; mayWrite: boolean }) {
  const [data, setData] = useState<Consents | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [showHistory, setShowHistory] = useState(false);

  const load = useCallback(async () => {
    try {
      setData(await call(api.notify.contacts[':id'].consents.$get({ param: { id: contactId } })));
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [contactId]);
  useEffect(() => {
    void load();
  }, [load]);

  const statusOf = (channel: string, purpose: string) =>
    data?.current.find((c) => c.channel === channel && c.purpose === purpose);

  const toggle = async (channel: ConsentChannel, purpose: (typeof purposes)[number], granted: boolean) => {
    const key = `${channel}:${purpose}`;
    setBusy(key);
    setError(null);
    try {
      setData(
        await call(
          api.notify.contacts[':id'].consents.$put({
            param: { id: contactId },
            json: {
              channel,
              purpose,
              status: granted ? 'granted' : 'revoked',
              ...(note.trim() ? { note: note.trim() } : {}),
            },
          }),
        ),
      );
      setNote('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-label="Đồng ý nhận tin">
      <Title order={3} fz="md" mb="xs">
        Đồng ý nhận tin
      </Title>
      {!data && !error && <Loader size="sm" />}
      {error && (
        <Alert color="red" variant="light" role="alert" mb="xs">
          {error}
        </Alert>
      )}
      {data && (
        <Stack gap="xs">
          <Table fz="sm" withRowBorders={false}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Kênh</Table.Th>
                {purposes.map((p) => (
                  <Table.Th key={p}>{purposeLabels[p]}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {channels.map((ch) => (
                <Table.Tr key={ch}>
                  <Table.Td>{notifyChannelLabels[ch]}</Table.Td>
                  {purposes.map((p) => {
                    const s = statusOf(ch, p);
                    const label = `${purposeLabels[p]} qua ${notifyChannelLabels[ch]}`;
                    return (
                      <Table.Td key={p}>
                        <Switch
                          aria-label={label}
                          size="sm"
                          checked={s?.status === 'granted'}
                          disabled={!mayWrite || busy !== null}
                          label={s ? (s.status === 'granted' ? 'Đồng ý' : 'Từ chối') : 'Chưa hỏi'}
                          onChange={(e) => void toggle(ch, p, e.currentTarget.checked)}
                        />
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {mayWrite && (
            <TextInput
              size="xs"
              label="Ghi chú cho lần thay đổi tiếp theo"
              placeholder="VD: khách gọi tổng đài đề nghị không nhắn tin quảng cáo"
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
          )}
          <Group>
            <Button size="xs" variant="subtle" onClick={() => setShowHistory((v) => !v)}>
              {showHistory ? 'Ẩn lịch sử' : `Lịch sử thay đổi (${data.history.length})`}
            </Button>
          </Group>
          <Collapse in={showHistory}>
            <Stack gap={4}>
              {data.history.map((h) => (
                <Text key={h.id} size="xs">
                  {formatDateTime(h.at)} · {notifyChannelLabels[h.channel] ?? h.channel} · {purposeLabels[h.purpose]}:{' '}
                  <b>{h.status === 'granted' ? 'đồng ý' : 'từ chối'}</b> ({consentSourceLabels[h.source] ?? h.source}
                  {h.staffName ? `, ${h.staffName}` : ''}){h.note ? ` — ${h.note}` : ''}
                </Text>
              ))}
            </Stack>
          </Collapse>
        </Stack>
      )}
    </Paper>
  );
}
