import { Alert, List, Text } from '@mantine/core';
import { formatDateTime } from '../format.ts';
import type { Affected } from './schedule-labels.ts';

/** After a change: what it did, and the bookings staff must call to reschedule (nothing is cancelled silently). */
export function ChangeOutcome({
  summary,
  affected,
  onClose,
}: {
  summary: string;
  affected: Affected[];
  onClose: () => void;
}) {
  return (
    <Alert
      color={affected.length > 0 ? 'orange' : 'teal'}
      variant="light"
      withCloseButton
      closeButtonLabel="Đóng"
      onClose={onClose}
      title={summary}
    >
      {affected.length > 0 ? (
        <>
          <Text size="sm">{affected.length} lịch hẹn đã đặt vẫn giữ nguyên; hãy liên hệ bệnh nhân để dời lịch:</Text>
          <List size="sm" mt={4}>
            {affected.map((a) => (
              <List.Item key={a.id}>
                <Text span ff="monospace" size="sm">
                  {a.bookingCode}
                </Text>{' '}
                — {formatDateTime(a.startsAt)}
              </List.Item>
            ))}
          </List>
        </>
      ) : (
        <Text size="sm">Không có lịch hẹn nào bị ảnh hưởng.</Text>
      )}
    </Alert>
  );
}
