import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { CalendarPlus } from 'lucide-react';
import { type MouseEvent, useState } from 'react';
import { api, call, type Me } from '../api.ts';
import { navigate } from '../router.ts';
import { statusInfo } from './appointment-labels.ts';
import { type Booked, BookForCallerModal } from './book-for-caller-modal.tsx';
import { formatVisit } from './clinic-dates.ts';
import { useLoad } from './use-load.ts';

const open = (id: string) => (e: MouseEvent<HTMLAnchorElement>) => {
  if (e.button !== 0 || e.metaKey || e.ctrlKey) return;
  e.preventDefault();
  navigate(`/appointments/${id}`);
};

/** The contact page's bookings (every profile of the contact) and the way to book for them. */
export function ContactAppointments({ me, contactId }: { me: Me; contactId: string }) {
  const [booking, setBooking] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useLoad(
    () => call(api.appointments.$get({ query: { contactId, pageSize: '5' } })),
    [contactId],
    me.permissions.includes('booking.read'),
  );
  if (!me.permissions.includes('booking.read')) return null;
  const mayBook = me.permissions.includes('booking.write');

  const booked = (a: Booked) => {
    setBooking(false);
    setNotice(`Đã đặt lịch ${a.bookingCode} lúc ${formatVisit(a.startsAt)}.`);
    list.reload();
  };

  return (
    <Paper withBorder p="md" component="section" aria-label="Lịch hẹn của khách">
      <Group justify="space-between" mb="xs">
        <Title order={3} fz="md">
          Lịch hẹn
        </Title>
        {mayBook && (
          <Button size="xs" leftSection={<CalendarPlus size={14} />} onClick={() => setBooking(true)}>
            Đặt lịch cho khách
          </Button>
        )}
      </Group>
      {notice && (
        <Text size="sm" c="teal.8" mb="xs">
          {notice}
        </Text>
      )}
      {list.error && (
        <Text size="sm" c="red">
          {list.error}
        </Text>
      )}
      {list.data && list.data.items.length === 0 && (
        <Text size="sm" c="dimmed">
          Chưa có lịch hẹn.
        </Text>
      )}
      <Stack gap={4}>
        {list.data?.items.map((a) => (
          <Group key={a.id} gap="xs" wrap="nowrap">
            <Anchor size="sm" href={`/appointments/${a.id}`} onClick={open(a.id)} ff="monospace">
              {a.bookingCode}
            </Anchor>
            <Text size="sm">{formatVisit(a.startsAt)}</Text>
            <Text size="sm" c="dimmed" truncate>
              {a.patient.fullName}
            </Text>
            <Badge size="xs" color={statusInfo[a.status].color}>
              {statusInfo[a.status].label}
            </Badge>
          </Group>
        ))}
        {list.data && list.data.total > list.data.items.length && (
          <Text size="xs" c="dimmed">
            và {list.data.total - list.data.items.length} lịch hẹn khác
          </Text>
        )}
      </Stack>
      {mayBook && (
        <BookForCallerModal
          opened={booking}
          onClose={() => setBooking(false)}
          contactId={contactId}
          onBooked={booked}
        />
      )}
    </Paper>
  );
}
