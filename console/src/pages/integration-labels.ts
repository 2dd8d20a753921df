import type { InferResponseType } from 'hono/client';
import type { api } from '../api.ts';

export type IntegrationPage = InferResponseType<typeof api.integration.messages.$get, 200>;
export type IntegrationMessage = IntegrationPage['items'][number];
export type IntegrationDetail = InferResponseType<(typeof api.integration.messages)[':id']['$get'], 200>;
export type IntegrationCounts = InferResponseType<typeof api.integration.counts.$get, 200>;
export type IntegrationStatus = IntegrationMessage['status'];

/** Each status as the integration team reads it, with the colour of its badge. */
export const statusInfo: Record<IntegrationStatus, { label: string; color: string }> = {
  pending: { label: 'Chờ gửi', color: 'gray' },
  sent: { label: 'Đã gửi, chờ ACK', color: 'yellow' },
  acked: { label: 'Đã xác nhận (AA)', color: 'teal' },
  nacked: { label: 'Bị từ chối', color: 'red' },
  received: { label: 'Đã nhận', color: 'gray' },
  processed: { label: 'Đã xử lý', color: 'teal' },
  failed: { label: 'Lỗi, bị giữ lại', color: 'red' },
};

export const typeOptions = [
  { value: 'ADT', label: 'ADT — bệnh nhân' },
  { value: 'SIU', label: 'SIU — lịch hẹn' },
  { value: 'SIU^S12', label: 'SIU^S12 — đặt mới' },
  { value: 'SIU^S13', label: 'SIU^S13 — đổi giờ' },
  { value: 'SIU^S15', label: 'SIU^S15 — huỷ' },
  { value: 'ORU^R01', label: 'ORU^R01 — kết quả' },
  { value: 'ORM^O01', label: 'ORM^O01 — chỉ định' },
  { value: 'OML^O21', label: 'OML^O21 — chỉ định xét nghiệm' },
];

/** ER7 for reading: one segment per line (segments are separated by CR on the wire). */
export function segmentsOf(payload: string | null): string {
  return (payload ?? '').split('\r').filter(Boolean).join('\n');
}
