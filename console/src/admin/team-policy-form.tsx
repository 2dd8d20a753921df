import { Alert, Button, Group, MultiSelect, NumberInput, Stack, Switch, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import { channelInfo, channels } from '../inbox/inbox-labels.ts';
import type { Channel, Team } from '../inbox/inbox-types.ts';
import { type BusinessHours, BusinessHoursEditor, checkHours } from './business-hours-editor.tsx';

const channelOptions = channels.map((c) => ({ value: c, label: channelInfo[c].label }));

/** "90 phút = 1 giờ 30 phút", so minutes are easy to check. */
function inWords(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes < 60) return '';
  const d = Math.floor(minutes / (60 * 24));
  const h = Math.floor((minutes % (60 * 24)) / 60);
  const m = minutes % 60;
  return ['=', d ? `${d} ngày` : '', h ? `${h} giờ` : '', m ? `${m} phút` : ''].filter(Boolean).join(' ');
}

interface Policy {
  channels: Channel[];
  autoAssign: boolean;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  businessHours: BusinessHours;
}

const policyOf = (t: Team): Policy => ({
  channels: t.channels,
  autoAssign: t.autoAssign,
  firstResponseMinutes: t.firstResponseMinutes,
  resolutionMinutes: t.resolutionMinutes,
  businessHours: t.businessHours,
});

/** A team's inbox policy: channels it answers, round-robin, SLA due times counted over its business hours. */
export function TeamPolicyForm({ team, onSaved }: { team: Team; onSaved(team: Team): void }) {
  const [p, setP] = useState<Policy>(policyOf(team));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => setP(policyOf(team)), [team]);

  const hoursProblem = checkHours(p.businessHours);
  const changed = JSON.stringify(p) !== JSON.stringify(policyOf(team));

  const save = async () => {
    if (hoursProblem) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const saved = await call(api.inbox.teams[':id'].policy.$put({ param: { id: team.teamId }, json: p }));
      setNotice('Đã lưu chính sách của nhóm.');
      onSaved(saved);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" aria-label={`Chính sách của ${team.teamName}`} component="section">
      <MultiSelect
        label="Kênh nhóm phụ trách"
        description="Hội thoại mới trên các kênh này vào hàng đợi của nhóm"
        data={channelOptions}
        value={p.channels}
        onChange={(v) => setP({ ...p, channels: v as Channel[] })}
        clearable
      />
      <Switch
        label="Tự động phân công xoay vòng cho nhân viên đang trực tuyến (theo sức chứa)"
        checked={p.autoAssign}
        onChange={(e) => {
          const autoAssign = e.currentTarget.checked;
          setP((prev) => ({ ...prev, autoAssign }));
        }}
      />
      <Group grow align="flex-start">
        <NumberInput
          label="Phản hồi đầu tiên trong (phút)"
          description={inWords(p.firstResponseMinutes) || 'tính trong giờ làm việc'}
          min={1}
          max={60 * 24 * 14}
          allowDecimal={false}
          value={p.firstResponseMinutes}
          onChange={(v) => setP({ ...p, firstResponseMinutes: Number(v) || 1 })}
        />
        <NumberInput
          label="Xử lý xong trong (phút)"
          description={inWords(p.resolutionMinutes) || 'tính trong giờ làm việc'}
          min={1}
          max={60 * 24 * 60}
          allowDecimal={false}
          value={p.resolutionMinutes}
          onChange={(v) => setP({ ...p, resolutionMinutes: Number(v) || 1 })}
        />
      </Group>
      <Text size="sm" fw={500}>
        Giờ làm việc
      </Text>
      <BusinessHoursEditor value={p.businessHours} onChange={(businessHours) => setP({ ...p, businessHours })} />
      {hoursProblem && (
        <Text size="sm" c="red.7" role="alert">
          {hoursProblem}
        </Text>
      )}
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
      <Group justify="flex-end" gap="xs">
        {changed && (
          <Button variant="default" size="xs" onClick={() => setP(policyOf(team))}>
            Hoàn tác
          </Button>
        )}
        <Button size="xs" onClick={save} loading={busy} disabled={!changed || hoursProblem !== null}>
          Lưu chính sách
        </Button>
      </Group>
    </Stack>
  );
}
