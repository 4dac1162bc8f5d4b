/// <reference types="office-js" />
/**
 * Notes on marked cells (ExcelApi 1.18, when the user opts in; elsewhere the pane alone shows findings). A note is one
 * API call a cell, so the add-in notes the first NOTE_LIMIT marked cells and, after that, the cells the user selects.
 * It never writes over a note the user made: a cell with a note not of ours is left alone. Our notes start with
 * NOTE_HEADING, which is how a later pane finds and removes them.
 */
import type { Exception } from "../validation";
import { cellAddress } from "./addresses";

export const NOTE_HEADING = "Data Exchange check";
export const NOTE_LIMIT = 200;
const NOTE_MAX_CHARS = 2000;

export function noteText(findings: readonly Exception[]): string {
  const lines = findings.map((f) => `${f.severity === "error" ? "Error" : f.severity === "warning" ? "Warning" : "Note"}: ${f.message}`);
  const text = `${NOTE_HEADING}\n${lines.join("\n")}`;
  return text.length > NOTE_MAX_CHARS ? `${text.slice(0, NOTE_MAX_CHARS - 1)}…` : text;
}

export function isOurNote(content: string): boolean {
  return content.startsWith(NOTE_HEADING);
}

/** The cells carrying our notes, by sheet row (1-based), moving with rows as Excel moves the notes. */
export class NotedCells {
  private rows: (Set<number> | undefined)[] = [];

  add(row: number, column: number): void {
    (this.rows[row] ??= new Set()).add(column);
  }
  remove(row: number, column: number): void {
    this.rows[row]?.delete(column);
  }
  has(row: number, column: number): boolean {
    return this.rows[row]?.has(column) === true;
  }
  get size(): number {
    return this.rows.reduce((n, s) => n + (s?.size ?? 0), 0);
  }
  /** Noted cells in the given rows. */
  in(rows: Iterable<number>): Array<{ row: number; column: number }> {
    const out: Array<{ row: number; column: number }> = [];
    for (const row of rows) for (const column of this.rows[row] ?? []) out.push({ row, column });
    return out;
  }
  insertRows(at: number, count: number): void {
    if (at < this.rows.length) this.rows.splice(at, 0, ...new Array<Set<number> | undefined>(count));
  }
  deleteRows(at: number, count: number): void {
    if (at < this.rows.length) this.rows.splice(at, count);
  }
  clear(): void {
    this.rows = [];
  }
}

export interface NoteTarget {
  row: number;
  column: number;
  text: string;
}

/**
 * Puts notes on the cells (two syncs: look for existing notes, then add or update ours). Returns the cells that now
 * carry our note.
 */
export async function placeNotes(context: Excel.RequestContext, sheet: Excel.Worksheet, targets: readonly NoteTarget[]): Promise<NoteTarget[]> {
  if (targets.length === 0) return [];
  const existing = targets.map((t) => {
    const note = sheet.notes.getItemOrNullObject(cellAddress(t.row - 1, t.column));
    note.load("content");
    return note;
  });
  await context.sync();
  const placed: NoteTarget[] = [];
  targets.forEach((target, i) => {
    const note = existing[i];
    if (note.isNullObject) sheet.notes.add(sheet.getCell(target.row - 1, target.column), target.text);
    else if (isOurNote(note.content)) note.content = target.text;
    else return; // the user's own note stays as it is
    placed.push(target);
  });
  await context.sync();
  return placed;
}

/** Removes every note of ours on the sheet (two syncs). */
export async function removeOurNotes(context: Excel.RequestContext, sheet: Excel.Worksheet): Promise<number> {
  const notes = sheet.notes;
  notes.load("items/content");
  await context.sync();
  let removed = 0;
  for (const note of notes.items) {
    if (!isOurNote(note.content)) continue;
    note.delete();
    removed++;
  }
  if (removed > 0) await context.sync();
  return removed;
}
