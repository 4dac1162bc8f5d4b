/**
 * Turning marked cells into few rectangles, and rectangles into address strings Excel accepts.
 *
 * Excel reads at most 8,192 characters of a `getRanges` address (longer strings are cut or refused), and RangeAreas
 * made of many single cells are slow; so runs of marked cells in a row are merged, identical runs in consecutive rows
 * are merged into blocks, and the blocks are packed into strings of at most ADDRESS_BUDGET characters.
 */
import { type CellRect, rectAddress } from "./addresses";

/** Below Excel's 8,192 with room to spare (office-js#5198 saw failures just above 8,200). */
export const ADDRESS_BUDGET = 7500;
export const AREA_SEPARATOR = ", ";

/** A run of marked cells in one row: first and last column (0-based, inclusive). */
export type Run = readonly [number, number];

/** Merges each row's runs (rows ascending, 0-based) into rectangles: a run repeated on the next row grows a block. */
export function mergeRuns(rows: Iterable<{ row: number; runs: readonly Run[] }>): CellRect[] {
  const done: CellRect[] = [];
  let open = new Map<string, CellRect>();
  let previousRow = -2;
  for (const { row, runs } of rows) {
    const next = new Map<string, CellRect>();
    for (const [first, last] of runs) {
      const key = `${first}:${last}`;
      const block = row === previousRow + 1 ? open.get(key) : undefined;
      if (block) {
        block.rows++;
        open.delete(key);
        next.set(key, block);
      } else next.set(key, { row, column: first, rows: 1, columns: last - first + 1 });
    }
    for (const block of open.values()) done.push(block);
    open = next;
    previousRow = row;
  }
  for (const block of open.values()) done.push(block);
  return done.sort((a, b) => a.row - b.row || a.column - b.column);
}

/** Packs rectangles into comma-separated address strings, each at most `budget` characters. */
export function packAddresses(rects: readonly CellRect[], budget = ADDRESS_BUDGET): string[] {
  const out: string[] = [];
  let current = "";
  for (const rect of rects) {
    const address = rectAddress(rect);
    if (current !== "" && current.length + AREA_SEPARATOR.length + address.length > budget) {
      out.push(current);
      current = "";
    }
    current = current === "" ? address : current + AREA_SEPARATOR + address;
  }
  if (current !== "") out.push(current);
  return out;
}

/** What a run costs in an address string at most (before merging, which only shortens it). */
export function runCost(row: number, run: Run): number {
  return rectAddress({ row, column: run[0], rows: 1, columns: run[1] - run[0] + 1 }).length + AREA_SEPARATOR.length;
}
