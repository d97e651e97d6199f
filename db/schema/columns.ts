import { timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * Column shapes many tables repeat. Each call makes a new builder (a builder belongs to one table); the
 * SQL is what the written-out column gave, so the migrations do not change.
 */

/** `id uuid primary key default gen_random_uuid()`. */
export const idColumn = () => uuid("id").primaryKey().defaultRandom();

/** `created_at timestamptz not null default now()`. */
export const createdAtColumn = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** A required reference: `<name> uuid not null references <target>`. */
export const refColumn = <N extends string>(name: N, target: () => AnyPgColumn) => uuid(name).notNull().references(target);

/** An optional reference: `<name> uuid references <target>`. */
export const optionalRefColumn = <N extends string>(name: N, target: () => AnyPgColumn) => uuid(name).references(target);
