import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  appointments,
  branches,
  type Channel,
  contacts,
  conversations,
  notificationAttempts,
  notifications,
  orders,
  patients,
  results,
  staffUsers,
  teams,
} from '../../db/schema/index.ts';
import { CALL_CENTER_TEAM, MARKETING_TEAM } from '../../db/seed-data/people.ts';

/** Clinic wall-clock time (UTC+7) as an instant. */
export const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

export const period = { from: '2025-03-01', to: '2025-03-10' };

/**
 * A small clinic month of known activity, in March 2025 so that nothing of the demo seed (created "now") falls in
 * the period. Edges: a contact created at 00:00 on the day after the period (still the 10th in UTC), one at 23:59
 * the day before it, a merged duplicate, an unconfirmed hold that ran out, a booking made by one contact for another
 * contact's patient.
 */
export async function seedReportData(db: Db) {
  const staff = Object.fromEntries(
    (
      await db
        .select({ id: staffUsers.id, email: staffUsers.email })
        .from(staffUsers)
        .where(inArray(staffUsers.email, ['agent1@demo.medicrm.vn', 'agent2@demo.medicrm.vn']))
    ).map((s) => [s.email.split('@')[0]!, s.id]),
  ) as { agent1: string; agent2: string };
  const teamRows = await db.select({ id: teams.id, name: teams.name }).from(teams);
  const callCenter = teamRows.find((t) => t.name === CALL_CENTER_TEAM)!.id;
  const marketing = teamRows.find((t) => t.name === MARKETING_TEAM)!.id;
  const [b1] = await db.select({ id: branches.id }).from(branches).where(eq(branches.code, 'HN01'));
  const [b2] = await db.select({ id: branches.id }).from(branches).where(eq(branches.code, 'HCM01'));
  const B1 = b1!.id;
  const B2 = b2!.id;

  const contact = async (name: string, firstChannel: Channel | null, createdAt: Date, mergedIntoId?: string) => {
    const [row] = await db
      .insert(contacts)
      .values({ fullName: name, firstChannel, createdAt, mergedIntoId })
      .returning({ id: contacts.id });
    return row!.id;
  };
  const C1 = await contact('Báo Cáo Một', 'zalo_oa', at('2025-03-02 10:00'));
  const C2 = await contact('Báo Cáo Hai', 'zalo_oa', at('2025-03-03 08:00'));
  const C3 = await contact('Báo Cáo Ba', 'web_form', at('2025-03-03 09:00'));
  const C4 = await contact('Báo Cáo Bốn', 'web_form', at('2025-03-04 09:00'));
  const C5 = await contact('Báo Cáo Năm', 'hotline', at('2025-03-09 23:30'));
  const C6 = await contact('Báo Cáo Sáu', 'messenger', at('2025-03-10 23:59'));
  const C7 = await contact('Báo Cáo Bảy (ngày sau)', 'messenger', at('2025-03-11 00:00'));
  await contact('Báo Cáo Tám (ngày trước)', 'zalo_oa', at('2025-02-28 23:59'));
  await contact('Báo Cáo Chín', null, at('2025-03-01 00:00'));
  await contact('Báo Cáo Một (trùng)', 'sms', at('2025-03-02 11:00'), C1);
  const old = await contact('Khách Cũ', 'email', at('2024-06-01 09:00'));

  const patient = async (contactId: string, fullName: string) => {
    const [row] = await db.insert(patients).values({ contactId, fullName }).returning({ id: patients.id });
    return row!.id;
  };
  const P1 = await patient(C1, 'Báo Cáo Một');
  const P2 = await patient(C2, 'Báo Cáo Hai');
  const P3 = await patient(C3, 'Báo Cáo Ba');
  const P5 = await patient(C5, 'Báo Cáo Năm');
  const P6 = await patient(C6, 'Báo Cáo Sáu');
  const POld = await patient(old, 'Khách Cũ');

  let seq = 0;
  const appointment = async (v: {
    patientId: string;
    branchId: string;
    source: Channel;
    startsAt: Date;
    status: (typeof appointments.$inferInsert)['status'];
    confirmed: boolean;
    checkedIn?: boolean;
    completed?: boolean;
    bookedBy?: string;
  }) => {
    const [row] = await db
      .insert(appointments)
      .values({
        bookingCode: `RPT${String(++seq).padStart(4, '0')}`,
        patientId: v.patientId,
        bookedByContactId: v.bookedBy ?? null,
        branchId: v.branchId,
        startsAt: v.startsAt,
        endsAt: new Date(v.startsAt.getTime() + 30 * 60_000),
        status: v.status,
        sourceChannel: v.source,
        confirmedAt: v.confirmed ? new Date(v.startsAt.getTime() - 86_400_000) : null,
        checkedInAt: v.checkedIn ? v.startsAt : null,
        completedAt: v.completed ? new Date(v.startsAt.getTime() + 3_600_000) : null,
        cancelledAt: v.status === 'cancelled' ? v.startsAt : null,
      })
      .returning({ id: appointments.id });
    return row!.id;
  };
  const A1 = await appointment({
    patientId: P1,
    branchId: B1,
    source: 'zalo_oa',
    startsAt: at('2025-03-05 09:00'),
    status: 'completed',
    confirmed: true,
    checkedIn: true,
    completed: true,
  });
  const A2 = await appointment({
    patientId: P2,
    branchId: B2,
    source: 'miniapp',
    startsAt: at('2025-03-06 09:00'),
    status: 'no_show',
    confirmed: true,
  });
  await appointment({
    patientId: P3,
    branchId: B1,
    source: 'hotline',
    startsAt: at('2025-03-07 09:00'),
    status: 'cancelled',
    confirmed: true,
  });
  const A5 = await appointment({
    patientId: P5,
    branchId: B2,
    source: 'hotline',
    startsAt: at('2025-03-10 08:00'),
    status: 'checked_in',
    confirmed: true,
    checkedIn: true,
  });
  // an unconfirmed self-service hold that ran out: never a booking
  await appointment({
    patientId: P6,
    branchId: B1,
    source: 'miniapp',
    startsAt: at('2025-03-08 10:00'),
    status: 'cancelled',
    confirmed: false,
  });
  await appointment({
    patientId: P1,
    branchId: B2,
    source: 'zalo_oa',
    startsAt: at('2025-03-08 14:00'),
    status: 'confirmed',
    confirmed: true,
  });
  await appointment({
    patientId: POld,
    branchId: B1,
    source: 'email',
    startsAt: at('2025-03-04 15:00'),
    status: 'completed',
    confirmed: true,
    checkedIn: true,
    completed: true,
  });
  // C4 books for the old contact's patient: C4 counts as booked
  await appointment({
    patientId: POld,
    branchId: B2,
    source: 'web_form',
    startsAt: at('2025-04-01 09:00'),
    status: 'confirmed',
    confirmed: true,
    bookedBy: C4,
  });
  await appointment({
    patientId: P3,
    branchId: B1,
    source: 'web_form',
    startsAt: at('2025-03-11 00:00'),
    status: 'confirmed',
    confirmed: true,
  });

  const conversation = async (v: {
    contactId: string;
    channel: Channel;
    createdAt: string;
    assignee?: string;
    teamId?: string;
    frDue?: string;
    responded?: string;
    resDue?: string;
    resolved?: string;
  }) =>
    db.insert(conversations).values({
      contactId: v.contactId,
      channel: v.channel,
      createdAt: at(v.createdAt),
      assigneeStaffId: v.assignee ?? null,
      teamId: v.teamId ?? null,
      firstResponseDueAt: v.frDue ? at(v.frDue) : null,
      firstRespondedAt: v.responded ? at(v.responded) : null,
      resolutionDueAt: v.resDue ? at(v.resDue) : null,
      resolvedAt: v.resolved ? at(v.resolved) : null,
      status: v.resolved ? 'resolved' : 'open',
    });
  const { agent1, agent2 } = staff;
  await conversation({
    contactId: C1,
    channel: 'zalo_oa',
    createdAt: '2025-03-02 10:00',
    assignee: agent1,
    teamId: callCenter,
    frDue: '2025-03-02 10:30',
    responded: '2025-03-02 10:10',
    resDue: '2025-03-03 10:00',
    resolved: '2025-03-02 12:00',
  });
  await conversation({
    contactId: C2,
    channel: 'zalo_oa',
    createdAt: '2025-03-03 09:00',
    assignee: agent1,
    teamId: callCenter,
    frDue: '2025-03-03 09:30',
    responded: '2025-03-03 10:00',
    resDue: '2025-03-04 09:00',
  });
  await conversation({
    contactId: C3,
    channel: 'web_form',
    createdAt: '2025-03-03 14:00',
    assignee: agent2,
    teamId: callCenter,
    frDue: '2025-03-03 14:30',
    responded: '2025-03-03 14:20',
    resDue: '2025-03-04 14:00',
    resolved: '2025-03-05 14:00',
  });
  await conversation({ contactId: C4, channel: 'web_form', createdAt: '2025-03-04 08:00' });
  await conversation({
    contactId: C5,
    channel: 'hotline',
    createdAt: '2025-03-09 23:30',
    assignee: agent2,
    teamId: callCenter,
    frDue: '2025-03-10 00:00',
    responded: '2025-03-09 23:35',
    resDue: '2025-03-10 23:30',
    resolved: '2025-03-10 00:05',
  });
  await conversation({ contactId: C7, channel: 'messenger', createdAt: '2025-03-11 00:00', assignee: agent1 });
  await conversation({
    contactId: old,
    channel: 'email',
    createdAt: '2025-03-05 10:00',
    assignee: agent1,
    teamId: marketing,
    frDue: '2025-03-05 10:30',
    responded: '2025-03-05 10:45',
    resolved: '2025-03-05 11:00',
  });

  let key = 0;
  const notification = async (
    contactId: string,
    appointmentId: string | null,
    state: (typeof notifications.$inferInsert)['state'],
    createdAt: string,
    tries: { channel: Channel; state: (typeof notificationAttempts.$inferInsert)['state']; cost?: number }[],
  ) => {
    const [n] = await db
      .insert(notifications)
      .values({
        contactId,
        appointmentId,
        purpose: 'care',
        templateKey: 'appointment_reminder',
        channelPlan: ['zns', 'sms'],
        state,
        idempotencyKey: `report-test:${++key}`,
        createdAt: at(createdAt),
      })
      .returning({ id: notifications.id });
    let no = 0;
    for (const t of tries) {
      await db.insert(notificationAttempts).values({
        notificationId: n!.id,
        channel: t.channel,
        attemptNo: ++no,
        state: t.state,
        costVnd: t.cost ?? null,
        createdAt: at(createdAt),
      });
    }
  };
  await notification(C1, A1, 'delivered', '2025-03-05 07:00', [{ channel: 'zns', state: 'delivered', cost: 300 }]);
  await notification(C2, A2, 'delivered', '2025-03-06 07:00', [
    { channel: 'zns', state: 'failed' },
    { channel: 'sms', state: 'delivered', cost: 850 },
  ]);
  await notification(C3, null, 'read', '2025-03-07 08:00', [{ channel: 'zns', state: 'read', cost: 300 }]);
  await notification(C5, A5, 'sending', '2025-03-10 07:00', [{ channel: 'sms', state: 'queued' }]);
  await notification(C6, null, 'suppressed', '2025-03-10 12:00', []);
  await notification(C7, null, 'delivered', '2025-03-11 00:00', [{ channel: 'zns', state: 'delivered', cost: 300 }]);

  let orderNo = 0;
  const order = async (
    patientId: string,
    appointmentId: string | null,
    kind: 'lab' | 'imaging',
    placed: string,
    released: string | null,
    status: (typeof orders.$inferInsert)['status'] = 'completed',
  ) => {
    const [o] = await db
      .insert(orders)
      .values({
        kind,
        patientId,
        appointmentId,
        placerOrderNumber: `RPT-ORD-${++orderNo}`,
        serviceCode: kind === 'lab' ? 'SHM' : 'XQ',
        serviceName: kind === 'lab' ? 'Sinh hóa máu' : 'X-quang ngực',
        status,
        placedAt: at(placed),
      })
      .returning({ id: orders.id });
    await db.insert(results).values({
      orderId: o!.id,
      patientId,
      kind,
      status: 'final',
      title: 'Kết quả',
      releasedToPatientAt: released ? at(released) : null,
    });
  };
  await order(P1, A1, 'lab', '2025-03-05 10:00', '2025-03-05 14:00');
  await order(P2, A2, 'lab', '2025-03-06 09:00', '2025-03-07 09:00');
  await order(P3, null, 'lab', '2025-03-07 09:00', null);
  await order(P5, A5, 'imaging', '2025-03-10 08:30', '2025-03-10 10:00');
  await order(P2, null, 'lab', '2025-03-06 10:00', null, 'cancelled');
  await order(P5, null, 'imaging', '2025-03-11 00:00', '2025-03-11 02:00');

  return { B1, B2, agent1, agent2, callCenter, marketing };
}
