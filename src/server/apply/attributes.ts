import { CLEAR } from "./cellValues";
import type { Field } from "./layout";

/**
 * A record's descriptive fields are kept as a JSON object (spec column name → value) in `attributes`, keys sorted:
 * the same fields give the same bytes whatever order a file's columns came in, which is what lets a repeated import
 * compare texts and find nothing to write.
 */

/**
 * The JSON text of a row's non-blank cells in `fields` (sorted by name, as FileLayout.fields gives them). Written as
 * constant pieces (each field's `{"name":"` or `","name":"`, worked out once) between the cells, joined once: adding
 * the pieces up one `+` at a time made a string per piece, and those were the largest share of apply's garbage.
 */
function fieldsJson(cells: readonly string[], fields: readonly Field[]): string {
  let filled = 0;
  for (let i = 0; i < fields.length; i++) if ((cells[fields[i].position] ?? "") !== "") filled++;
  if (filled === 0) return "{}";
  // Sized once: pushing grew the array several times per record.
  const parts = new Array<string>(2 * filled + 1);
  let at = 0;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    const cell = cells[field.position] ?? "";
    if (cell === "") continue;
    parts[at] = at === 0 ? field.open : field.next;
    parts[at + 1] = ESCAPED.test(cell) ? JSON.stringify(cell).slice(1, -1) : cell;
    at += 2;
  }
  parts[at] = '"}';
  return parts.join("");
}

/** Whether any cell in `fields` is the `_CLEAR_` token. */
function clearsAny(cells: readonly string[], fields: readonly Field[]): boolean {
  for (const { position } of fields) if (cells[position] === CLEAR) return true;
  return false;
}

/** One row's say on a record's fields: its cells and which of them are fields of the record. */
export interface FieldCells {
  cells: readonly string[];
  fields: readonly Field[];
}

/**
 * The stored text after applying `changes` in order to `stored` (a JSON object text, or null for a new record):
 * blank cells keep a field, `_CLEAR_` removes it, anything else sets it. Returns `stored` itself when nothing
 * differs, the usual case on a repeated import, without building anything.
 */
export function mergeFields(stored: string | null, changes: readonly FieldCells[]): string {
  // A new record that nothing clears: its JSON straight from the cells (one row's as they stand, several merged).
  if (stored === null && sameFieldsNoClear(changes)) return fieldsJson(changes.length === 1 ? changes[0].cells : lastFilled(changes), changes[0].fields);
  const current = stored === null ? null : parseObject(stored);
  if (current !== null && !differs(current, changes)) return stored ?? "{}";
  const merged = new Map<string, string>();
  if (current !== null) for (const [name, value] of Object.entries(current)) if (typeof value === "string") merged.set(name, value);
  for (const { cells, fields } of changes) {
    for (const { name, position } of fields) {
      const cell = cells[position] ?? "";
      if (cell === CLEAR) merged.delete(name);
      else if (cell !== "") merged.set(name, cell);
    }
  }
  const parts: string[] = [];
  for (const name of [...merged.keys()].sort()) parts.push(member(name) + jsonString(merged.get(name) ?? ""));
  return "{" + parts.join(",") + "}";
}

/** Whether the changes all name the same fields (one layout, nothing blocked differently) and clear none. */
function sameFieldsNoClear(changes: readonly FieldCells[]): boolean {
  for (const change of changes) if (change.fields !== changes[0].fields || clearsAny(change.cells, change.fields)) return false;
  return true;
}

/**
 * The cells of several rows about one new record (a compound meter's registers, an account's services), merged as
 * the general path merges them: at each field's position, the last row's cell that is not blank. Only those
 * positions are filled, which is all fieldsJson reads.
 */
function lastFilled(changes: readonly FieldCells[]): string[] {
  const merged: string[] = [];
  for (const { position } of changes[0].fields) {
    let value = "";
    for (let i = changes.length - 1; i >= 0 && value === ""; i--) value = changes[i].cells[position] ?? "";
    merged[position] = value;
  }
  return merged;
}

/** Whether applying the changes would alter the stored fields (read straight off the parsed object). */
function differs(current: Record<string, unknown>, changes: readonly FieldCells[]): boolean {
  for (const { cells, fields } of changes) {
    for (const { name, position } of fields) {
      const cell = cells[position] ?? "";
      if (cell === "") continue;
      const has = Object.prototype.hasOwnProperty.call(current, name);
      if (cell === CLEAR ? has : !has || current[name] !== cell) return true;
    }
  }
  return false;
}

function parseObject(text: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error(`stored attributes are not a JSON object: ${text.slice(0, 80)}`);
  return parsed as Record<string, unknown>;
}

/** Characters JSON.stringify escapes: quote, backslash, control characters, and surrogates (a lone one is escaped). */
// eslint-disable-next-line no-control-regex -- control characters are among what JSON escapes
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * JSON.stringify's text for a string. Cells rarely hold a character it escapes, and quoting those directly is about
 * twice as fast (it ran for every field of every record); the rest still go through JSON.stringify, so the bytes
 * are the same either way.
 */
function jsonString(value: string): string {
  return ESCAPED.test(value) ? JSON.stringify(value) : '"' + value + '"';
}

/** Names repeat on every record; writing each one's `"name":` once saves work on every field. */
const members = new Map<string, string>();

function member(name: string): string {
  let text = members.get(name);
  if (text === undefined) members.set(name, (text = JSON.stringify(name) + ":"));
  return text;
}
