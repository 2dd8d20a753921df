import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

/** The variables every appointment notice shares; the engine fills them from the appointment. */
export const visitVariables = {
  patientName: text(100),
  bookingCode: text(30),
  /** "08:30" in the clinic's time zone */
  visitTime: z.string().regex(/^\d{2}:\d{2}$/),
  /** "26/11/2026" */
  visitDate: z.string().regex(/^\d{2}\/\d{2}\/\d{4}$/),
  /** "Thứ Năm" */
  weekday: text(20),
  branchName: text(200),
  branchAddress: text(300),
  /** "BS. Hoàng Đức Dũng", or "Bác sĩ phụ trách" when the booking names none */
  doctorName: text(100),
  /** the package, or the department when there is no package */
  serviceName: text(200),
  /** the appointment in the Mini App */
  appointmentLink: z.url(),
};

export const visitSample = {
  patientName: 'Nguyễn Thị Hoa',
  bookingCode: 'HN7K2QX',
  visitTime: '08:30',
  visitDate: '26/11/2026',
  weekday: 'Thứ Năm',
  branchName: 'Cơ sở Hà Nội',
  branchAddress: '12 Trần Hưng Đạo, Hoàn Kiếm, Hà Nội',
  doctorName: 'BS. Hoàng Đức Dũng',
  serviceName: 'Khám tổng quát cơ bản',
  appointmentLink: 'https://zalo.me/s/1000000000000000001/appointments/6f1c',
};
