import type { InferResponseType } from 'hono/client';
import type { api } from '../api.ts';

type Inbox = typeof api.inbox;
type Contacts = typeof api.contacts;

// Every type comes from the hub's routes through the typed client: nothing is copied by hand.
export type ConversationPage = InferResponseType<Inbox['conversations']['$get'], 200>;
export type Conversation = ConversationPage['items'][number];
export type ConversationDetail = InferResponseType<Inbox['conversations'][':id']['$get'], 200>;
export type MessagingWindow = ConversationDetail['window'];
export type Message = InferResponseType<Inbox['conversations'][':id']['messages']['$get'], 200>['items'][number];
export type Attachment = Message['attachments'][number];
export type DeliveryState = NonNullable<Message['deliveryState']>;
export type Counts = InferResponseType<Inbox['counts']['$get'], 200>;
export type Agent = InferResponseType<Inbox['agents']['$get'], 200>['items'][number];
export type CannedList = InferResponseType<Inbox['canned-responses']['$get'], 200>;
export type CannedResponse = CannedList['items'][number];
export type Label = InferResponseType<Inbox['labels']['$get'], 200>['items'][number];
export type Team = InferResponseType<Inbox['teams']['$get'], 200>['items'][number];
export type Channel = Conversation['channel'];
export type ConversationStatus = Conversation['status'];
export type ConversationKind = Conversation['kind'];
export type Priority = Conversation['priority'];

export type ContactDetail = InferResponseType<Contacts[':id']['$get'], 200>;
export type TimelineItem = InferResponseType<Contacts[':id']['timeline']['$get'], 200>['items'][number];
export type MergeSuggestion = InferResponseType<Contacts[':id']['merge-suggestions']['$get'], 200>['items'][number];
export type ContactNote = InferResponseType<Contacts[':id']['notes']['$get'], 200>['items'][number];
