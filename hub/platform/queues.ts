import { type JobsOptions, Queue, type QueueOptions } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * Every queue of the hub, its defaults, and how its job ids are made. Job ids are deterministic so a retried
 * webhook, a re-run relay or a double click adds nothing: BullMQ ignores an add whose id it already holds.
 * Ids never contain ':' (BullMQ reserves it).
 */
const hour = 3600;
const day = 24 * hour;

function defaults(attempts: number, backoffMs: number, keepCompletedSeconds: number, fixed = false): JobsOptions {
  return {
    attempts,
    backoff: { type: fixed ? 'fixed' : 'exponential', delay: backoffMs },
    // Completed jobs are kept long enough to absorb late duplicates of the same id.
    removeOnComplete: { age: keepCompletedSeconds, count: 100_000 },
    // Failed jobs stay for operators (bull-board) for two weeks.
    removeOnFail: { age: 14 * day },
  };
}

export const queueDefinitions = {
  /** normalise provider events already stored in webhook_events */
  inbound: { defaults: defaults(8, 2_000, day), description: 'Chuẩn hoá sự kiện từ kênh (webhook)' },
  /** send one message on one channel */
  outbound: { defaults: defaults(6, 5_000, 3 * day), description: 'Gửi một tin trên một kênh' },
  /** turn a domain event into messages with a channel plan */
  notify: { defaults: defaults(5, 3_000, 3 * day), description: 'Tạo thông báo từ sự kiện' },
  /** delayed reminders before appointments and re-exams */
  reminders: { defaults: defaults(5, 60_000, 7 * day), description: 'Nhắc lịch hẹn, tái khám' },
  /** push patients and appointments to the HIS over HL7 */
  'his-sync': { defaults: defaults(20, 10_000, 7 * day), description: 'Đồng bộ lịch hẹn sang HIS' },
  /** intake of LIS/PACS results */
  results: { defaults: defaults(10, 5_000, 7 * day), description: 'Nhận kết quả LIS/PACS' },
  /** apply inbound HL7 messages already stored and commit-ACKed (ORU results, ORM/OML orders, ADT, SIU) */
  'hl7-inbound': { defaults: defaults(5, 2_000, day), description: 'Xử lý thông điệp HL7 đã nhận (kết quả, chỉ định)' },
  /** campaign fan-out in pages and per recipient */
  campaigns: {
    defaults: defaults(5, 10_000, 7 * day),
    description: 'Chiến dịch ZNS',
    // recipient jobs are tiny and their sends are batched in process (hub/campaigns/send-recipients.ts)
    concurrency: 256,
  },
  /** after-visit care: completed visits → follow-up tasks (hub/follow-ups) */
  'follow-ups': { defaults: defaults(5, 5_000, 3 * day), description: 'Chăm sóc sau khám: tạo việc gọi hỏi thăm' },
  /** PACS polling, run by a job scheduler */
  'pacs-poll': { defaults: defaults(1, 5_000, hour, true), description: 'Quét thay đổi PACS' },
  /** booking holds that run out (one delayed job per hold) and the periodic sweep behind them */
  booking: { defaults: defaults(5, 5_000, day), description: 'Giải phóng chỗ giữ hết hạn' },
  /** inbox clocks on a schedule: SLA breaches, snoozes that end, the assignment sweep */
  inbox: { defaults: defaults(3, 10_000, hour), description: 'Hộp thư: SLA, hết tạm hoãn, phân công định kỳ' },
  /** housekeeping on a schedule: expired sessions, old idempotency marks */
  maintenance: { defaults: defaults(3, 30_000, day), description: 'Dọn dẹp định kỳ' },
} as const satisfies Record<string, { defaults: JobsOptions; description: string; concurrency?: number }>;

export type QueueName = keyof typeof queueDefinitions;
export const queueNames = Object.keys(queueDefinitions) as QueueName[];

/** Deterministic job ids, one scheme per queue. */
export const jobId = {
  /** one outbox event delivered to one queue */
  outboxEvent: (eventId: number) => `evt-${eventId}`,
  inbound: (source: string, dedupeKey: string) => `wh-${safe(source)}-${safe(dedupeKey)}`,
  /** one intake batch, named by its first stored event */
  inboundBatch: (firstWebhookEventId: string) => `whb-${safe(firstWebhookEventId)}`,
  outbound: (notificationId: string, channel: string, attempt: number) =>
    `out-${notificationId}-${safe(channel)}-${attempt}`,
  notify: (type: string, subjectId: string, occurrence: string) =>
    `ntf-${safe(type)}-${safe(subjectId)}-${safe(occurrence)}`,
  reminder: (appointmentId: string, offset: string, startsAtEpoch: number) =>
    `rem-${appointmentId}-${safe(offset)}-${startsAtEpoch}`,
  hisSync: (integrationMessageId: string) => `his-${integrationMessageId}`,
  results: (integrationMessageId: string) => `res-${integrationMessageId}`,
  /** stored inbound HL7 messages to apply: one intake batch, named by its first message (+ the sweep's round) */
  hl7Inbound: (firstMessageId: string, round?: string) =>
    round ? `hl7-${firstMessageId}-${safe(round)}` : `hl7-${firstMessageId}`,
  hl7InboundScheduler: (task: string) => `hl7-${safe(task)}`,
  /** a fan-out page; `round` counts resumes, so a page cut short by a pause can be taken again */
  campaignPage: (campaignId: string, page: number, round = 0) =>
    round ? `cmp-${campaignId}-p${page}-r${round}` : `cmp-${campaignId}-p${page}`,
  campaignRecipient: (campaignId: string, contactId: string, round = 0) =>
    round ? `cmp-${campaignId}-r-${contactId}-${round}` : `cmp-${campaignId}-r-${contactId}`,
  /** a campaign's own clock (progress sync, completion), and its scheduled start */
  campaignTask: (campaignId: string, task: string) => `cmp-${campaignId}-${safe(task)}`,
  pacsPollScheduler: (peer: string) => `pacs-poll-${safe(peer)}`,
  maintenanceScheduler: (task: string) => `maint-${safe(task)}`,
  inboxScheduler: (task: string) => `inbox-${safe(task)}`,
  /** the delayed release of one booking hold */
  holdExpiry: (appointmentId: string) => `hold-${appointmentId}`,
  bookingScheduler: (task: string) => `booking-${safe(task)}`,
  /** one send round of a notification: its row's version changes on every reschedule, so each round is new */
  notifySend: (notificationId: string, version: number) => `nsend-${notificationId}-${version}`,
  /** a stored delivery report (webhook_events row) to apply */
  notifyReport: (webhookEventId: string) => `nrep-${webhookEventId}`,
  notifyScheduler: (task: string) => `notify-${safe(task)}`,
} as const;

function safe(part: string): string {
  return part.replace(/[^a-zA-Z0-9._-]/g, '_');
}

/** BullMQ keys live under `<REDIS_PREFIX>:bull`, so test runs and deployments sharing a Redis never collide. */
export function bullPrefix(redisPrefix: string): string {
  return `${redisPrefix}:bull`;
}

export type Queues = Record<QueueName, Queue> & { closeAll(): Promise<void> };

export function createQueues(connection: Redis, redisPrefix: string): Queues {
  const opts = (name: QueueName): QueueOptions => ({
    connection,
    prefix: bullPrefix(redisPrefix),
    defaultJobOptions: queueDefinitions[name].defaults,
  });
  const queues = Object.fromEntries(queueNames.map((n) => [n, new Queue(n, opts(n))])) as Record<QueueName, Queue>;
  return Object.assign(queues, {
    async closeAll() {
      await Promise.all(queueNames.map((n) => queues[n].close()));
    },
  });
}
