import { relations } from 'drizzle-orm';
import { appointments, schedules } from './booking.ts';
import { campaignRecipients, campaigns, segments } from './campaigns.ts';
import { branches, departments, doctorDepartments, doctors, servicePackages } from './catalog.ts';
import { orders, resultObservations, results, resultVersions } from './clinical.ts';
import { consentEvents, consents, contactIdentities, contacts, patients } from './contacts.ts';
import { conversations, messages } from './inbox.ts';
import { notificationAttempts, notifications } from './notify.ts';
import { staffUsers, teamMembers, teams } from './staff.ts';

// Relations only serve db.query.<table>.findMany({ with: … }); the foreign keys live in the table files.

export const staffUsersRelations = relations(staffUsers, ({ many }) => ({ teamMemberships: many(teamMembers) }));
export const teamsRelations = relations(teams, ({ many }) => ({ members: many(teamMembers) }));
export const teamMembersRelations = relations(teamMembers, ({ one }) => ({
  team: one(teams, { fields: [teamMembers.teamId], references: [teams.id] }),
  staff: one(staffUsers, { fields: [teamMembers.staffId], references: [staffUsers.id] }),
}));

export const contactsRelations = relations(contacts, ({ one, many }) => ({
  owner: one(staffUsers, { fields: [contacts.ownerStaffId], references: [staffUsers.id] }),
  identities: many(contactIdentities),
  consents: many(consents),
  consentEvents: many(consentEvents),
  patients: many(patients),
  conversations: many(conversations),
  notifications: many(notifications),
}));
export const contactIdentitiesRelations = relations(contactIdentities, ({ one }) => ({
  contact: one(contacts, { fields: [contactIdentities.contactId], references: [contacts.id] }),
}));
export const consentsRelations = relations(consents, ({ one }) => ({
  contact: one(contacts, { fields: [consents.contactId], references: [contacts.id] }),
}));
export const consentEventsRelations = relations(consentEvents, ({ one }) => ({
  contact: one(contacts, { fields: [consentEvents.contactId], references: [contacts.id] }),
}));
export const patientsRelations = relations(patients, ({ one, many }) => ({
  contact: one(contacts, { fields: [patients.contactId], references: [contacts.id] }),
  appointments: many(appointments),
  orders: many(orders),
  results: many(results),
}));

export const branchesRelations = relations(branches, ({ many }) => ({
  doctorDepartments: many(doctorDepartments),
  schedules: many(schedules),
}));
export const departmentsRelations = relations(departments, ({ many }) => ({
  doctorDepartments: many(doctorDepartments),
  servicePackages: many(servicePackages),
}));
export const doctorsRelations = relations(doctors, ({ one, many }) => ({
  staffUser: one(staffUsers, { fields: [doctors.staffUserId], references: [staffUsers.id] }),
  doctorDepartments: many(doctorDepartments),
  schedules: many(schedules),
}));
export const doctorDepartmentsRelations = relations(doctorDepartments, ({ one }) => ({
  doctor: one(doctors, { fields: [doctorDepartments.doctorId], references: [doctors.id] }),
  department: one(departments, { fields: [doctorDepartments.departmentId], references: [departments.id] }),
  branch: one(branches, { fields: [doctorDepartments.branchId], references: [branches.id] }),
}));
export const servicePackagesRelations = relations(servicePackages, ({ one }) => ({
  department: one(departments, { fields: [servicePackages.departmentId], references: [departments.id] }),
}));
export const schedulesRelations = relations(schedules, ({ one }) => ({
  doctor: one(doctors, { fields: [schedules.doctorId], references: [doctors.id] }),
  branch: one(branches, { fields: [schedules.branchId], references: [branches.id] }),
  department: one(departments, { fields: [schedules.departmentId], references: [departments.id] }),
}));

export const appointmentsRelations = relations(appointments, ({ one, many }) => ({
  patient: one(patients, { fields: [appointments.patientId], references: [patients.id] }),
  bookedBy: one(contacts, { fields: [appointments.bookedByContactId], references: [contacts.id] }),
  branch: one(branches, { fields: [appointments.branchId], references: [branches.id] }),
  department: one(departments, { fields: [appointments.departmentId], references: [departments.id] }),
  doctor: one(doctors, { fields: [appointments.doctorId], references: [doctors.id] }),
  package: one(servicePackages, { fields: [appointments.packageId], references: [servicePackages.id] }),
  orders: many(orders),
}));

export const conversationsRelations = relations(conversations, ({ one, many }) => ({
  contact: one(contacts, { fields: [conversations.contactId], references: [contacts.id] }),
  assignee: one(staffUsers, { fields: [conversations.assigneeStaffId], references: [staffUsers.id] }),
  team: one(teams, { fields: [conversations.teamId], references: [teams.id] }),
  appointment: one(appointments, { fields: [conversations.appointmentId], references: [appointments.id] }),
  messages: many(messages),
}));
export const messagesRelations = relations(messages, ({ one }) => ({
  conversation: one(conversations, { fields: [messages.conversationId], references: [conversations.id] }),
  authorStaff: one(staffUsers, { fields: [messages.authorStaffId], references: [staffUsers.id] }),
}));

export const ordersRelations = relations(orders, ({ one }) => ({
  patient: one(patients, { fields: [orders.patientId], references: [patients.id] }),
  appointment: one(appointments, { fields: [orders.appointmentId], references: [appointments.id] }),
  orderingDoctor: one(doctors, { fields: [orders.orderingDoctorId], references: [doctors.id] }),
  result: one(results),
}));
export const resultsRelations = relations(results, ({ one, many }) => ({
  order: one(orders, { fields: [results.orderId], references: [orders.id] }),
  patient: one(patients, { fields: [results.patientId], references: [patients.id] }),
  releasedBy: one(staffUsers, { fields: [results.releasedByStaffId], references: [staffUsers.id] }),
  observations: many(resultObservations),
  versions: many(resultVersions),
}));
export const resultObservationsRelations = relations(resultObservations, ({ one }) => ({
  result: one(results, { fields: [resultObservations.resultId], references: [results.id] }),
}));
export const resultVersionsRelations = relations(resultVersions, ({ one }) => ({
  result: one(results, { fields: [resultVersions.resultId], references: [results.id] }),
}));

export const notificationsRelations = relations(notifications, ({ one, many }) => ({
  contact: one(contacts, { fields: [notifications.contactId], references: [contacts.id] }),
  patient: one(patients, { fields: [notifications.patientId], references: [patients.id] }),
  appointment: one(appointments, { fields: [notifications.appointmentId], references: [appointments.id] }),
  result: one(results, { fields: [notifications.resultId], references: [results.id] }),
  attempts: many(notificationAttempts),
}));
export const notificationAttemptsRelations = relations(notificationAttempts, ({ one }) => ({
  notification: one(notifications, { fields: [notificationAttempts.notificationId], references: [notifications.id] }),
}));

export const segmentsRelations = relations(segments, ({ many }) => ({ campaigns: many(campaigns) }));
export const campaignsRelations = relations(campaigns, ({ one, many }) => ({
  segment: one(segments, { fields: [campaigns.segmentId], references: [segments.id] }),
  recipients: many(campaignRecipients),
}));
export const campaignRecipientsRelations = relations(campaignRecipients, ({ one }) => ({
  campaign: one(campaigns, { fields: [campaignRecipients.campaignId], references: [campaigns.id] }),
  contact: one(contacts, { fields: [campaignRecipients.contactId], references: [contacts.id] }),
  notification: one(notifications, { fields: [campaignRecipients.notificationId], references: [notifications.id] }),
}));
