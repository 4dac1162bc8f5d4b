/**
 * A1 addresses: cell and block addresses the add-in sends, and the addresses Excel's events carry ("B5", "B5:D9",
 * "5:7" for whole rows, "C:C" for whole columns). Rows and columns here are 0-based indexes, as
 * `getRangeByIndexes` takes them; sheet rows (1-based) are `row + 1`.
 */
import { columnLetter } from "../validation";

export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

/** A block of cells: first row and column (0-based) and its size. */
export interface CellRect {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

export function rectAddress(rect: CellRect): string {
  const first = cellAddress(rect.row, rect.column);
  return rect.rows === 1 && rect.columns === 1 ? first : `${first}:${cellAddress(rect.row + rect.rows - 1, rect.column + rect.columns - 1)}`;
}

/** A sheet name as an address prefix: always quoted, which Excel accepts for every name and needs for many. */
export function sheetPrefix(name: string): string {
  return `'${name.replace(/'/g, "''")}'!`;
}

/** Parses an event or range address (an optional sheet prefix is ignored); null when it is none of the A1 forms. */
export function parseAddress(address: string): CellRect | null {
  const bang = address.lastIndexOf("!");
  const bare = (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, "").trim().toUpperCase();
  const [from, to = from] = bare.split(":");
  const a = parsePoint(from);
  const b = parsePoint(to);
  if (!a || !b) return null;
  const rowFrom = a.row ?? 0;
  const rowTo = b.row ?? MAX_ROWS - 1;
  const columnFrom = a.column ?? 0;
  const columnTo = b.column ?? MAX_COLUMNS - 1;
  if ((a.row === null) !== (b.row === null) || (a.column === null) !== (b.column === null)) return null;
  return {
    row: Math.min(rowFrom, rowTo),
    column: Math.min(columnFrom, columnTo),
    rows: Math.abs(rowTo - rowFrom) + 1,
    columns: Math.abs(columnTo - columnFrom) + 1,
  };
}

function parsePoint(text: string): { row: number | null; column: number | null } | null {
  const match = /^([A-Z]{0,3})(\d{0,7})$/.exec(text);
  if (!match || (match[1] === "" && match[2] === "")) return null;
  let column: number | null = null;
  if (match[1] !== "") {
    column = 0;
    for (const ch of match[1]) column = column * 26 + ch.charCodeAt(0) - 64;
    column -= 1;
  }
  const row = match[2] === "" ? null : Number(match[2]) - 1;
  if (row !== null && row < 0) return null;
  return { row, column };
}
