import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { api, call, errorMessage } from '../api.ts';
import { FailureAlert } from '../components/failure-alert.tsx';
import type { AppointmentDetail } from './appointment-types.ts';
import { clinicDay, clinicToday, formatVisit } from './clinic-dates.ts';
import { RescheduleModal } from './reschedule-modal.tsx';

interface Props {
  appointment: AppointmentDetail;
  /** after any change the hub accepted */
  onChanged(): void;
}

type Step = 'check-in' | 'complete' | 'no-show';

const stepCall = (step: Step, id: string) => {
  const route = api.appointments[':id'];
  const param = { param: { id } };
  if (step === 'check-in') return route['check-in'].$post(param);
  if (step === 'complete') return route.complete.$post(param);
  return route['no-show'].$post(param);
};

/**
 * What the front desk may do now, offered by status and policy (the hub decides again and its message is shown
 * when it refuses): check in on the day, complete after check-in, no-show once the time has come, cancel or
 * reschedule until the change deadline.
 */
export function AppointmentActions({ appointment: a, onChanged }: Props) {
  const [busy, setBusy] = useState<Step | 'cancel' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [rescheduling, setRescheduling] = useState(false);
  const now = new Date();
  const onTheDay = clinicDay(a.startsAt) === clinicToday(now);
  const started = new Date(a.startsAt) <= now;
  const mayCancel = a.status === 'requested' || (a.status === 'confirmed' && a.canChange);

  const run = async (step: Step) => {
    setBusy(step);
    setError(null);
    try {
      await call(stepCall(step, a.id));
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const cancel = async () => {
    setBusy('cancel');
    setError(null);
    try {
      await call(
        api.appointments[':id'].cancel.$post({
          param: { id: a.id },
          json: reason.trim() ? { reason: reason.trim().normalize('NFC') } : {},
        }),
      );
      setCancelling(false);
      setReason('');
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const buttons = [
    a.status === 'confirmed' && onTheDay && (
      <Button key="in" onClick={() => run('check-in')} loading={busy === 'check-in'}>
        Tiếp đón
      </Button>
    ),
    a.status === 'checked_in' && (
      <Button key="done" color="teal" onClick={() => run('complete')} loading={busy === 'complete'}>
        Khám xong
      </Button>
    ),
    a.status === 'confirmed' && started && (
      <Button key="absent" variant="light" color="orange" onClick={() => run('no-show')} loading={busy === 'no-show'}>
        Vắng mặt
      </Button>
    ),
    a.status === 'confirmed' && a.canChange && (
      <Button key="move" variant="light" onClick={() => setRescheduling(true)}>
        Đổi lịch
      </Button>
    ),
    mayCancel && (
      <Button key="cancel" variant="light" color="red" onClick={() => setCancelling(true)}>
        Huỷ lịch
      </Button>
    ),
  ].filter(Boolean);

  return (
    <Stack gap="xs">
      {buttons.length > 0 ? (
        <Group gap="xs">{buttons}</Group>
      ) : (
        <Text size="sm" c="dimmed">
          Không còn thao tác nào cho lịch hẹn này.
        </Text>
      )}
      {a.status === 'confirmed' && !onTheDay && !started && (
        <Text size="xs" c="dimmed">
          Tiếp đón được vào ngày khám.
        </Text>
      )}
      {a.status === 'confirmed' && !a.canChange && (
        <Text size="xs" c="dimmed">
          Đã quá hạn huỷ/đổi lịch ({formatVisit(a.changeDeadline)}).
        </Text>
      )}
      {error && (
        <Alert color="red" variant="light" role="alert" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}

      <Modal opened={cancelling} onClose={() => setCancelling(false)} title={`Huỷ lịch hẹn ${a.bookingCode}`}>
        <Stack gap="sm">
          <Text size="sm">
            Huỷ lịch khám lúc {formatVisit(a.startsAt)} của {a.patient.fullName}? Chỗ khám được trả lại để người khác
            đặt; người bệnh nhận thông báo huỷ.
          </Text>
          <Textarea
            label="Lý do huỷ"
            placeholder="Ví dụ: khách bận đột xuất"
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <FailureAlert message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCancelling(false)}>
              Không huỷ
            </Button>
            <Button color="red" onClick={cancel} loading={busy === 'cancel'}>
              Xác nhận huỷ
            </Button>
          </Group>
        </Stack>
      </Modal>
      <RescheduleModal
        appointment={a}
        opened={rescheduling}
        onClose={() => setRescheduling(false)}
        onDone={() => {
          setRescheduling(false);
          onChanged();
        }}
      />
    </Stack>
  );
}
