/**
 * A1 addresses and rectangles for the fake host. Written separately from src/excel's own address code on purpose: a
 * fake that shared the adapter's parser would agree with the adapter's mistakes.
 */

export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

/** A block of cells, 0-based and inclusive of its first row and column. */
export interface Rect {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export function letters(column: number): string {
  let text = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) text = String.fromCharCode(65 + ((n - 1) % 26)) + text;
  return text;
}

export function cellName(row: number, column: number): string {
  return `${letters(column)}${row + 1}`;
}

/** "B2", "B2:C9", "A:C", "3:5"; whole columns and rows as Excel writes them. */
export function rectAddress(rect: Rect): string {
  const lastRow = rect.row + rect.rows - 1;
  const lastColumn = rect.column + rect.columns - 1;
  if (rect.row === 0 && rect.rows === MAX_ROWS && !(rect.column === 0 && rect.columns === MAX_COLUMNS)) {
    return `${letters(rect.column)}:${letters(lastColumn)}`;
  }
  if (rect.column === 0 && rect.columns === MAX_COLUMNS) return `${rect.row + 1}:${lastRow + 1}`;
  const first = cellName(rect.row, rect.column);
  return rect.rows === 1 && rect.columns === 1 ? first : `${first}:${cellName(lastRow, lastColumn)}`;
}

/** Quotes a sheet name for an address when Excel would. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export interface ParsedArea {
  sheet: string | null;
  rect: Rect;
}

/** Parses one area ("Sheet1!$A$1:B2", "'My sheet'!C:C", "4:4"); null when it is not an address. */
export function parseArea(text: string): ParsedArea | null {
  let rest = text.trim();
  let sheet: string | null = null;
  const bang = rest.lastIndexOf("!");
  if (bang >= 0) {
    const raw = rest.slice(0, bang);
    rest = rest.slice(bang + 1);
    sheet = raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw;
    if (sheet === "") return null;
  }
  const parts = rest.replace(/\$/g, "").toUpperCase().split(":");
  if (parts.length > 2 || parts.some((p) => p === "")) return null;
  const ends = parts.map(parsePoint);
  if (ends.some((e) => e === null)) return null;
  const [a, b] = [ends[0]!, ends[ends.length - 1]!];
  if (a.kind !== b.kind) return null;
  if (a.kind === "column" || b.kind === "column") {
    if (parts.length !== 2) return null;
    const first = Math.min(a.column, b.column);
    return { sheet, rect: { row: 0, column: first, rows: MAX_ROWS, columns: Math.abs(a.column - b.column) + 1 } };
  }
  if (a.kind === "row") {
    if (parts.length !== 2) return null;
    const first = Math.min(a.row, b.row);
    return { sheet, rect: { row: first, column: 0, rows: Math.abs(a.row - b.row) + 1, columns: MAX_COLUMNS } };
  }
  const row = Math.min(a.row, b.row);
  const column = Math.min(a.column, b.column);
  return { sheet, rect: { row, column, rows: Math.abs(a.row - b.row) + 1, columns: Math.abs(a.column - b.column) + 1 } };
}

type Point = { kind: "cell"; row: number; column: number } | { kind: "column"; row: number; column: number } | { kind: "row"; row: number; column: number };

function parsePoint(text: string): Point | null {
  const match = /^([A-Z]{0,3})(\d{0,7})$/.exec(text);
  if (!match || (match[1] === "" && match[2] === "")) return null;
  const column = match[1] === "" ? -1 : columnIndex(match[1]);
  const row = match[2] === "" ? -1 : Number(match[2]) - 1;
  if (column >= MAX_COLUMNS || row >= MAX_ROWS || (match[2] !== "" && row < 0)) return null;
  if (match[2] === "") return { kind: "column", row: 0, column };
  if (match[1] === "") return { kind: "row", row, column: 0 };
  return { kind: "cell", row, column };
}

function columnIndex(text: string): number {
  let n = 0;
  for (const ch of text) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Splits a multi-area address on the commas between areas (a quoted sheet name may hold commas). */
export function splitAreas(address: string): string[] {
  const areas: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < address.length; i++) {
    const ch = address[i];
    if (ch === "'") quoted = !quoted;
    else if (ch === "," && !quoted) {
      areas.push(address.slice(start, i));
      start = i + 1;
    }
  }
  areas.push(address.slice(start));
  return areas;
}

export function cellCount(rect: Rect): number {
  return rect.rows * rect.columns;
}

export function isUnbounded(rect: Rect): boolean {
  return rect.rows === MAX_ROWS || rect.columns === MAX_COLUMNS;
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  const lastRow = Math.min(a.row + a.rows, b.row + b.rows);
  const lastColumn = Math.min(a.column + a.columns, b.column + b.columns);
  return row < lastRow && column < lastColumn ? { row, column, rows: lastRow - row, columns: lastColumn - column } : null;
}

export function contains(rect: Rect, row: number, column: number): boolean {
  return row >= rect.row && row < rect.row + rect.rows && column >= rect.column && column < rect.column + rect.columns;
}

/** `a` without `b`: up to four rectangles (above, below, left, right of the overlap). */
export function subtract(a: Rect, b: Rect): Rect[] {
  const overlap = intersect(a, b);
  if (!overlap) return [a];
  const out: Rect[] = [];
  if (overlap.row > a.row) out.push({ row: a.row, column: a.column, rows: overlap.row - a.row, columns: a.columns });
  const below = overlap.row + overlap.rows;
  if (below < a.row + a.rows) out.push({ row: below, column: a.column, rows: a.row + a.rows - below, columns: a.columns });
  if (overlap.column > a.column) out.push({ row: overlap.row, column: a.column, rows: overlap.rows, columns: overlap.column - a.column });
  const right = overlap.column + overlap.columns;
  if (right < a.column + a.columns) out.push({ row: overlap.row, column: right, rows: overlap.rows, columns: a.column + a.columns - right });
  return out;
}

/**
 * Where a rectangle goes when rows are inserted before `at`: below moves down, one spanning the insertion grows
 * (Excel extends a conditional format or validation over rows inserted inside it).
 */
export function shiftForInsert(rect: Rect, at: number, count: number): Rect {
  if (rect.row >= at) return { ...rect, row: Math.min(rect.row + count, MAX_ROWS - 1) };
  if (rect.row + rect.rows > at) return { ...rect, rows: Math.min(rect.rows + count, MAX_ROWS - rect.row) };
  return rect;
}

/** Where a rectangle goes when rows `at`..`at+count-1` are deleted; null when all its rows went. */
export function shiftForDelete(rect: Rect, at: number, count: number): Rect | null {
  const end = at + count;
  const first = rect.row;
  const last = rect.row + rect.rows; // exclusive
  const keptAbove = Math.max(0, Math.min(last, at) - first);
  const keptBelow = Math.max(0, last - Math.max(first, end));
  const rows = keptAbove + keptBelow;
  if (rows === 0) return null;
  const row = first < at ? first : Math.max(first, end) - count;
  return { ...rect, row, rows };
}
