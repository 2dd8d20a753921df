import { pgEnum } from 'drizzle-orm/pg-core';

/**
 * Every way a message reaches or leaves the clinic. `web_form` and `hotline` are inbound-only sources
 * (a landing-page form, a call an agent records); the others can also be sent on.
 */
export const channel = pgEnum('channel', [
  'zalo_oa',
  'zns',
  'messenger',
  'sms',
  'email',
  'miniapp',
  'web_form',
  'hotline',
]);
export type Channel = (typeof channel.enumValues)[number];

/** Consent is asked and checked per purpose (Decree 13 / Law 91/2025: separate consent per purpose). */
export const consentPurpose = pgEnum('consent_purpose', ['care', 'transactional', 'marketing']);
export type ConsentPurpose = (typeof consentPurpose.enumValues)[number];

/** Provider delivery progress of one outbound message; shared by inbox messages and notification attempts. */
export const deliveryState = pgEnum('delivery_state', ['queued', 'sent', 'delivered', 'read', 'failed']);
export type DeliveryState = (typeof deliveryState.enumValues)[number];

export const sex = pgEnum('sex', ['male', 'female', 'other', 'unknown']);
export type Sex = (typeof sex.enumValues)[number];
