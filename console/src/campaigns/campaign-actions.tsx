import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../api.ts';
import { FailureAlert } from '../components/failure-alert.tsx';
import { type Campaign, campaignsApi } from './campaigns-api.ts';

type Action = 'pause' | 'resume' | 'cancel';

const texts: Record<Action, { button: string; title: string; body: string; confirm: string; color?: string }> = {
  pause: {
    button: 'Tạm dừng',
    title: 'Tạm dừng chiến dịch?',
    body: 'Các tin chưa gửi sẽ chờ cho tới khi tiếp tục. Tin đã gửi đi không bị ảnh hưởng.',
    confirm: 'Tạm dừng',
    color: 'yellow',
  },
  resume: {
    button: 'Tiếp tục gửi',
    title: 'Tiếp tục chiến dịch?',
    body: 'Các tin còn lại sẽ được gửi tiếp; đồng ý nhận tin được kiểm tra lại trước mỗi tin.',
    confirm: 'Tiếp tục',
  },
  cancel: {
    button: 'Huỷ chiến dịch',
    title: 'Huỷ chiến dịch?',
    body: 'Các tin chưa gửi sẽ không bao giờ được gửi. Không thể hoàn tác.',
    confirm: 'Huỷ chiến dịch',
    color: 'red',
  },
};

const allowed: Record<Campaign['status'], Action[]> = {
  draft: [],
  scheduled: ['cancel'],
  running: ['pause', 'cancel'],
  paused: ['resume', 'cancel'],
  completed: [],
  cancelled: [],
};

/** Pause, resume and cancel, each confirmed first; the hub's answer (or its Vietnamese 409) replaces the campaign. */
export function CampaignActions({ campaign, onChanged }: { campaign: Campaign; onChanged(c: Campaign): void }) {
  const [asking, setAsking] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const actions = allowed[campaign.status];
  if (actions.length === 0) return null;

  const run = async (action: Action) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await campaignsApi[action](campaign.id));
      setAsking(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const t = asking ? texts[asking] : null;
  return (
    <>
      <Group gap="sm">
        {actions.map((a) => (
          <Button
            key={a}
            variant={a === 'cancel' ? 'outline' : 'filled'}
            color={texts[a].color}
            onClick={() => {
              setError(null);
              setAsking(a);
            }}
          >
            {texts[a].button}
          </Button>
        ))}
      </Group>
      <Modal opened={asking !== null} onClose={() => !busy && setAsking(null)} title={t?.title} centered>
        {t && asking && (
          <Stack gap="md">
            <Text size="sm">{t.body}</Text>
            <FailureAlert message={error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsking(null)} disabled={busy}>
                Quay lại
              </Button>
              <Button color={t.color} onClick={() => run(asking)} loading={busy}>
                {t.confirm}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
