/**
 * How an Orthanc failure steers the poller: TransientPacsError (network, 5xx, timeout) is retried on the next poll;
 * PermanentPacsError (401/403: wrong credentials or the PACS refuses us) needs an operator; a 404 is
 * PacsNotFoundError (the resource was deleted between the change and our read). `reason` is Vietnamese, for staff.
 */
export class PacsError extends Error {
  readonly status: number | null;
  readonly reason: string;
  constructor(status: number | null, reason: string, detail?: string) {
    super(detail ? `${status ?? 'network'}: ${detail}` : String(status ?? 'network'));
    this.name = new.target.name;
    this.status = status;
    this.reason = reason;
  }
}

export class TransientPacsError extends PacsError {}
export class PermanentPacsError extends PacsError {}
export class PacsNotFoundError extends PacsError {}

export function classifyPacsStatus(status: number, path: string): PacsError {
  if (status === 404) return new PacsNotFoundError(status, 'Không còn dữ liệu này trên PACS', path);
  if (status === 401 || status === 403) {
    return new PermanentPacsError(
      status,
      'PACS từ chối tài khoản của hệ thống (kiểm tra ORTHANC_USERNAME/PASSWORD)',
      path,
    );
  }
  if (status >= 500 || status === 429)
    return new TransientPacsError(status, 'PACS tạm thời lỗi, hệ thống sẽ thử lại', path);
  return new PermanentPacsError(status, 'PACS trả lời không như mong đợi', path);
}
