// What other features may use of the inbox.

export { attachmentUrl, storeAttachment } from './attachments.ts';
export { type Effects, mergeEffects, newEffects, runEffects } from './effects.ts';
export { inboxProcessor, runInboxTimers, scheduleInbox } from './inbox.jobs.ts';
export { inboxRoutes } from './inbox.routes.ts';
export { type InboxEvent, realtime, realtimeChannel } from './realtime.ts';
export { type RecordedMessage, type RecordMessageInput, recordMessage } from './record-message.ts';
export { recordPersonMessages } from './record-messages.ts';
export { replyTopic } from './send-reply.ts';
