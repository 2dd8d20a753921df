import QRCode from 'qrcode';

/** The QR the counter or kiosk scans: it carries the booking code, which staff look up with GET /api/appointments/by-code. */
export async function bookingQrSvg(bookingCode: string): Promise<string> {
  return QRCode.toString(bookingCode, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 256 });
}
