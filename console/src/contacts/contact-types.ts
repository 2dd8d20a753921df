import type { InferRequestType, InferResponseType } from 'hono/client';
import type { api } from '../api.ts';

type Contacts = typeof api.contacts;

// Every type comes from the hub's routes through the typed client: nothing is copied by hand.
export type ContactListPage = InferResponseType<Contacts['$get'], 200>;
export type ContactListItem = ContactListPage['items'][number];
export type ContactListQuery = NonNullable<InferRequestType<Contacts['$get']>['query']>;
export type IdentityChannel = ContactListItem['channels'][number];
export type ContactTag = InferResponseType<Contacts['tags']['$get'], 200>['items'][number];
export type SuggestionPage = InferResponseType<Contacts['merge-suggestions']['$get'], 200>;
export type Suggestion = SuggestionPage['items'][number];
export type ContactSummary = Suggestion['contacts'][number];
export type ContactUpdate = InferRequestType<Contacts[':id']['$patch']>['json'];
