import { CompiledQuery } from "kysely";
import type { Dialect } from "./dialect";
import type { LooseRow } from "./looseDb";
import type { RecordTable } from "./recordTables";

/**
 * The two bulk statements apply runs per table and batch, written out as SQL because Kysely's builder either has no
 * form for them or, for thousand-row statements, cost more than running them (measured on 100,000 rows: building
 * and freeing the query trees took about half the apply). Identifiers come from recordTables.ts, never from a
 * file; every value is a parameter.
 *
 * On PostgreSQL rows and keys travel as one jsonb parameter (an array of arrays) that the server unpacks: pg's
 * escaping of text arrays, value by value, cost more than the server's own work. SQLite binds values directly
 * (cheaper for it than unpacking JSON, 35% on rows with long attributes) in statements sized to its parameter limit,
 * and unpacks JSON only for lookups, whose keys are short.
 */

const id = (name: string) => `"${name.replace(/"/g, '""')}"`;
const list = (names: readonly string[], prefix = "") => names.map((n) => prefix + id(n)).join(", ");

/**
 * The JSON source of rows and how to read element `i` of one, per engine (->> gives text, or NULL for null).
 * PostgreSQL reads it as jsonb: parsed once, where json's ->> parses the row's text again for every column (it was
 * the larger part of the database's time).
 */
function source(dialect: Dialect, parameter: string): { from: string; at: (i: number) => string } {
  return dialect === "postgres"
    ? { from: `jsonb_array_elements(${parameter}::jsonb) as e`, at: (i) => `e->>${i}` }
    : { from: `json_each(${parameter})`, at: (i) => `value->>${i}` };
}

/** What an INSERT does on a key already stored: overwrite `update` (or leave the row as it is when null). */
export interface OnConflict {
  columns: readonly string[];
  update: readonly string[] | null;
}

/** SQLite's limit on bound parameters is 32,766; a statement stays below it. */
const SQLITE_MAX_PARAMETERS = 32_000;

/** INSERTs of all `rows` (values in `columns` order); without `conflict`, a stored key is an error. */
export function insertStatements(
  dialect: Dialect,
  table: RecordTable,
  columns: readonly string[],
  conflict: OnConflict | null,
  rows: ReadonlyArray<ReadonlyArray<string | null>>,
): CompiledQuery[] {
  if (rows.length === 0) return [];
  const onConflict =
    conflict === null
      ? ""
      : conflict.update === null
        ? ` on conflict (${list(conflict.columns)}) do nothing`
        : ` on conflict (${list(conflict.columns)}) do update set ${conflict.update.map((c) => `${id(c)} = excluded.${id(c)}`).join(", ")}`;
  if (dialect === "postgres") {
    const { from, at } = source(dialect, "$1");
    const sql = `insert into ${id(table)} (${list(columns)}) select ${columns.map((_, i) => at(i)).join(", ")} from ${from}${onConflict}`;
    return [CompiledQuery.raw(sql, [JSON.stringify(rows)])];
  }
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  const perStatement = Math.max(1, Math.floor(SQLITE_MAX_PARAMETERS / columns.length));
  const statements: CompiledQuery[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const slice = rows.slice(start, start + perStatement);
    const parameters: Array<string | null> = [];
    for (const row of slice) for (const value of row) parameters.push(value);
    const sql = `insert into ${id(table)} (${list(columns)}) values ${new Array<string>(slice.length).fill(tuple).join(", ")}${onConflict}`;
    statements.push(CompiledQuery.raw(sql, parameters));
  }
  return statements;
}

/**
 * Stored rows of `table` for the organisation whose `keyColumns` equal one of `keys`, each key found through the
 * primary key. Written per engine because the plain forms are slow on one or the other:
 *
 * - SQLite matches row values against the keys, probing the key once per key. (Separate IN lists per column make
 *   it probe every combination of the lists: a batch's thousand accounts times its thousand locations...)
 * - PostgreSQL probes the key once per key in a LATERAL subquery. A join lets the planner hash-join over every row
 *   of the organisation instead, which it does while a table has no statistics yet, as in a first large import; the
 *   LIMIT keeps the subquery from being flattened into such a join.
 */
export function lookupStatement(
  dialect: Dialect,
  organisationId: string,
  table: RecordTable,
  keyColumns: readonly string[],
  keys: ReadonlyArray<readonly string[]>,
  wanted: readonly string[],
): CompiledQuery<LooseRow> {
  const parameters = [organisationId, JSON.stringify(keys)];
  if (dialect === "postgres") {
    const { from, at } = source(dialect, "$2");
    const matches = keyColumns.map((c, i) => `t.${id(c)} = ${at(i)}`).join(" and ");
    const sql = `select ${list(wanted, "f.")} from ${from} cross join lateral (select ${list(wanted, "t.")} from ${id(table)} as t where t.organisation_id = $1 and ${matches} limit 1) as f`;
    return CompiledQuery.raw(sql, parameters);
  }
  const { from, at } = source(dialect, "?");
  const sql = `select ${list(wanted)} from ${id(table)} where organisation_id = ? and (${list(keyColumns)}) in (select ${keyColumns.map((_, i) => at(i)).join(", ")} from ${from})`;
  return CompiledQuery.raw(sql, parameters);
}
