// What other parts of the hub may use of the notifications.
export { createNotifications, type NotificationIntent } from './create-notifications.ts';
export { createNotifyEngine, type NotifyEngine } from './engine.ts';
export { installNotifyEngine, notifyEngine } from './engine-registry.ts';
export { notifyProcessor, remindersProcessor, scheduleNotify } from './notify.jobs.ts';
export { notifyRoutes } from './notify.routes.ts';
export { notifyWebhookRoutes, znsReportIntake } from './notify-webhooks.routes.ts';
export { applyOaReceipt } from './oa-receipts.ts';
export { applyOptOutKeyword, isOptOutKeyword } from './opt-out-keywords.ts';
export { previewTemplate } from './preview-template.ts';
export { consentAllows, loadReach } from './recipients.ts';
export { recordConsent } from './record-consent.ts';
export { prepare } from './render-notification.ts';
export { takeNotifyEmailReport } from './report-intake.ts';
export { scheduleSends } from './schedule-send.ts';
export { type BatchOutcome, sendNotificationsNow } from './send-batch.ts';
export { notifySettings } from './settings.ts';
export { checkNotifySetup, notifyTemplates } from './template-registry.ts';
export { unsubscribeRoutes } from './unsubscribe.routes.ts';
