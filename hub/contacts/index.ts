// What other features may use of contacts.

export { contactRoutes } from './contacts.routes.ts';
export { ChannelSchema, EmailInput, PhoneInput } from './contacts.schemas.ts';
export {
  normalizeIdentity,
  type ResolveContactInput,
  type ResolvedContact,
  resolveContact,
} from './resolve-contact.ts';
export { resolveContacts } from './resolve-contacts.ts';
