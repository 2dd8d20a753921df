import { timestamp } from 'drizzle-orm/pg-core';

// Column helpers shared by the schema files; not re-exported from index.ts because they are not tables.

/** Every instant is stored as timestamptz: the server's zone never leaks into the data. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true });

export const createdAt = () => timestamptz('created_at').notNull().defaultNow();
/** Set by drizzle on every ORM update; raw SQL updates must set it themselves. */
export const updatedAt = () =>
  timestamptz('updated_at')
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());
