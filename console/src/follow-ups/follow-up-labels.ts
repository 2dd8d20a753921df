import type { InferResponseType } from 'hono/client';
import type { api } from '../api.ts';

export type FollowUpPage = InferResponseType<(typeof api)['follow-ups']['$get'], 200>;
export type FollowUp = FollowUpPage['items'][number];

export const kindLabels: Record<string, string> = {
  call_after_procedure: 'Gọi hỏi thăm sau thủ thuật',
  call_after_visit: 'Gọi hỏi thăm sau khám',
  remarketing: 'Tư vấn lại (tái tiếp thị)',
  other: 'Việc khác',
};

export const sourceLabels: Record<string, string> = {
  visit_rule: 'Tự động sau khi hoàn tất khám',
  remarketing_note: 'Từ ghi chú tái tiếp thị',
};

/** "15/01/2026" from "2026-01-15". */
export const formatDay = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
