import type { Kysely } from "kysely";
import type { Database } from "../db/schema";

/** A row of a record table as apply handles it generically: every column of those tables is text (or null). */
export type LooseRow = Record<string, string | null>;
type LooseDatabase = Record<string, LooseRow>;

/**
 * The same connection, typed loosely, for the small statements whose table and columns are data (ID Update's
 * renames, a table's emptiness check): Kysely's typed builder cannot follow a table chosen at run time. The names
 * come from recordTables.ts and idUpdate.ts, which are checked against the schema or list its columns.
 */
export function loose(db: Kysely<Database>): Kysely<LooseDatabase> {
  return db as unknown as Kysely<LooseDatabase>;
}

/** Splits `items` into slices of at most `size`. */
export function* slices<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
