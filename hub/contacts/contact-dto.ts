import type { contacts } from '../../db/schema/index.ts';

type ContactRow = typeof contacts.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function contactSummary(c: ContactRow) {
  return {
    id: c.id,
    fullName: c.fullName,
    displayName: c.displayName,
    phone: c.phone,
    email: c.email,
    tags: c.tags,
    firstChannel: c.firstChannel,
    ownerStaffId: c.ownerStaffId,
    lastInteractionAt: iso(c.lastInteractionAt),
    createdAt: c.createdAt.toISOString(),
    mergedIntoId: c.mergedIntoId,
  };
}
