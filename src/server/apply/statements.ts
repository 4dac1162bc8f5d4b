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

/**
 * Values every row of an INSERT has in its first and last column (the organisation and the import). Sent once per
 * statement rather than once per row: binding a value costs SQLite about as much as storing it, and these two were
 * a quarter of the values a batch bound.
 */
export interface SharedEnds {
  first: string;
  last: string;
}

/**
 * INSERTs of all `rows` (values in `columns` order; with `shared`, only the columns between the first and the last);
 * without `conflict`, a stored key is an error.
 */
export function insertStatements(
  dialect: Dialect,
  table: RecordTable,
  columns: readonly string[],
  conflict: OnConflict | null,
  rows: ReadonlyArray<ReadonlyArray<string | null>>,
  shared: SharedEnds | null = null,
): CompiledQuery[] {
  if (rows.length === 0) return [];
  const onConflict =
    conflict === null
      ? ""
      : conflict.update === null
        ? ` on conflict (${list(conflict.columns)}) do nothing`
        : ` on conflict (${list(conflict.columns)}) do update set ${conflict.update.map((c) => `${id(c)} = excluded.${id(c)}`).join(", ")}`;
  const into = `insert into ${id(table)} (${list(columns)})`;
  if (dialect === "postgres") return [postgresInsert(into, onConflict, columns.length, rows, shared)];
  const perRow = shared ? columns.length - 2 : columns.length;
  const perStatement = Math.max(1, Math.floor((SQLITE_MAX_PARAMETERS - 2) / perRow));
  const statements: CompiledQuery[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const end = Math.min(rows.length, start + perStatement);
    // With the shared ends the rows pass through a SELECT, which drops rows of nulls: the statement is made for a
    // row count rounded up to SQLITE_ROWS_STEP and the rest of it padded, so a table's statements come in a handful
    // of shapes that SQLite compiles once each, instead of one compile for nearly every batch (a few hundred, about
    // 0.2 s of a 100,000-row apply).
    const shape = shared ? Math.min(perStatement, Math.ceil((end - start) / SQLITE_ROWS_STEP) * SQLITE_ROWS_STEP) : end - start;
    const ends = shared ? 2 : 0;
    const parameters = new Array<string | null>(ends + shape * perRow);
    if (shared) {
      parameters[0] = shared.first;
      parameters[1] = shared.last;
    }
    let at = ends;
    for (let r = start; r < end; r++) {
      const row = rows[r];
      for (let i = 0; i < row.length; i++) parameters[at++] = row[i];
    }
    parameters.fill(null, at);
    statements.push(CompiledQuery.raw(sqliteInsertText(into, onConflict, perRow, shape, shared !== null), parameters));
  }
  return statements;
}

/**
 * Rows a padded statement's size is a multiple of: a batch's few hundred rows per table then fall in a few sizes,
 * and binding the padding's nulls costs little next to a compile.
 */
const SQLITE_ROWS_STEP = 32;

/**
 * SQL texts of SQLite INSERTs by shape. A batch's statements repeat the same few shapes, and handing the statement
 * cache (database.ts) the same string again spares building a text of thousands of placeholders and hashing it
 * for the lookup, which together cost more than a statement's run on small batches. Bounded, as the shapes are.
 */
const sqliteInsertTexts = new Map<string, string>();
const SQLITE_INSERT_TEXTS_KEPT = 1000;

function sqliteInsertText(into: string, onConflict: string, perRow: number, rows: number, shared: boolean): string {
  const shape = `${rows} ${shared} ${into}${onConflict}`;
  let sql = sqliteInsertTexts.get(shape);
  if (sql !== undefined) return sql;
  const tuple = `(${new Array<string>(perRow).fill("?").join(", ")})`;
  const values = `values ${new Array<string>(rows).fill(tuple).join(", ")}`;
  // A VALUES subquery names its columns column1, column2...; SQLite needs a WHERE before ON CONFLICT after a SELECT,
  // and this one drops the padding (column1 is a key column, never null in a real row).
  const inner = Array.from({ length: perRow }, (_, i) => `column${i + 1}`).join(", ");
  sql = shared ? `${into} select ?, ${inner}, ? from (${values}) where column1 is not null${onConflict}` : `${into} ${values}${onConflict}`;
  if (sqliteInsertTexts.size >= SQLITE_INSERT_TEXTS_KEPT) sqliteInsertTexts.clear();
  sqliteInsertTexts.set(shape, sql);
  return sql;
}

/** PostgreSQL's form: the rows as one jsonb parameter, the shared ends as two more. */
function postgresInsert(into: string, onConflict: string, width: number, rows: ReadonlyArray<ReadonlyArray<string | null>>, shared: SharedEnds | null): CompiledQuery {
  const { from, at } = source("postgres", "$1");
  if (!shared) {
    const sql = `${into} select ${Array.from({ length: width }, (_, i) => at(i)).join(", ")} from ${from}${onConflict}`;
    return CompiledQuery.raw(sql, [JSON.stringify(rows)]);
  }
  const inner = Array.from({ length: width - 2 }, (_, i) => at(i)).join(", ");
  return CompiledQuery.raw(`${into} select $2::text, ${inner}, $3::text from ${from}${onConflict}`, [JSON.stringify(rows), shared.first, shared.last]);
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
