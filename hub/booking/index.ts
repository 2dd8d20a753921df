// What other hub features may use of booking.
export { loadAppointment, loadTimeline } from './appointment-view.ts';
export {
  AppointmentDetailSchema,
  AppointmentSchema,
  CancelSchema,
  HoldSchema,
  PageSchema,
  RescheduleSchema,
} from './booking.schemas.ts';
export { profileNotFound } from './booking-errors.ts';
export { cancelAppointment } from './cancel-appointment.ts';
export { confirmHold } from './confirm-hold.ts';
export { holdSlot } from './hold-slot.ts';
export { listMyAppointments } from './list-appointments.ts';
export { openSlots } from './open-slots.ts';
export { bookingPolicy } from './policy.ts';
export { bookingQrSvg } from './qr.ts';
export { rescheduleAppointment } from './reschedule-appointment.ts';
