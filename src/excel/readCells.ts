/// <reference types="office-js" />
/**
 * Reading scattered cells of a sheet (the cells a fix would change, up to every cell of a column): a column's cells are
 * merged into vertical runs (small gaps read along, so every other row is still one range), and the runs are sent in
 * as few syncs as Excel's limits allow. Like readBlocks, a sync refused for its size is tried again with half as much.
 */
import type { CellValue } from "../validation";
import { isPayloadTooLarge } from "./excelRun";

/** A cell: its sheet row (1-based) and column position (0-based). */
export interface CellRef {
  row: number;
  position: number;
}

export interface CellRead {
  value: CellValue;
  /** What Excel displays. */
  text: string;
  numberFormat: string;
  /** The cell holds a formula (its value is computed: a fix would replace the formula). */
  formula: boolean;
}

/** Rows between two cells of a column read along rather than starting another range. */
const GAP = 4;
/** Cells and ranges per sync: ~100 bytes a cell back (value, text, format, formula) and ~300 a range out stay far under 5 MB. */
const CELLS_PER_SYNC = 30_000;
const RANGES_PER_SYNC = 5_000;

interface Run {
  position: number;
  first: number;
  last: number;
}

/** Vertical runs covering the cells, by column then row. */
export function runsOf(cells: readonly CellRef[], gap = GAP): Run[] {
  const sorted = [...cells].sort((a, b) => a.position - b.position || a.row - b.row);
  const runs: Run[] = [];
  for (const { row, position } of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.position === position && row - last.last <= gap + 1) last.last = Math.max(last.last, row);
    else runs.push({ position, first: row, last: row });
  }
  return runs;
}

/** Reads the cells; the answer is keyed `row:position`. */
export async function readCells(context: Excel.RequestContext, sheet: Excel.Worksheet, cells: readonly CellRef[]): Promise<Map<string, CellRead>> {
  const out = new Map<string, CellRead>();
  const runs = runsOf(cells);
  // Where the next batch starts: a run, and the rows of it already read (a run longer than a batch is split).
  let next = 0;
  let done = 0;
  let cellBudget = CELLS_PER_SYNC;
  let rangeBudget = RANGES_PER_SYNC;
  while (next < runs.length) {
    const batch: Array<{ run: Run; range: Excel.Range }> = [];
    let count = 0;
    let index = next;
    let offset = done;
    while (index < runs.length && batch.length < rangeBudget && count < cellBudget) {
      const run = runs[index];
      const first = run.first + offset;
      const rows = Math.min(run.last - first + 1, cellBudget - count);
      const range = sheet.getRangeByIndexes(first - 1, run.position, rows, 1).load("values,text,numberFormat,formulas");
      batch.push({ run: { position: run.position, first, last: first + rows - 1 }, range });
      count += rows;
      if (first + rows - 1 < run.last) offset += rows;
      else {
        index++;
        offset = 0;
      }
    }
    try {
      // One sync a batch of runs: each brings back as much as the limits allow.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (error) {
      if (!isPayloadTooLarge(error) || count <= 1) throw error;
      // Too much at once: the same cells again, half as many a sync.
      cellBudget = Math.max(1, Math.floor(cellBudget / 2));
      rangeBudget = Math.max(1, Math.floor(rangeBudget / 2));
      continue;
    }
    next = index;
    done = offset;
    for (const { run, range } of batch) {
      for (let i = 0; i <= run.last - run.first; i++) {
        const formula = range.formulas[i][0];
        out.set(`${run.first + i}:${run.position}`, {
          value: range.values[i][0] as CellValue,
          text: String(range.text[i][0]),
          numberFormat: String(range.numberFormat[i][0]),
          formula: typeof formula === "string" && formula.startsWith("="),
        });
      }
    }
  }
  return out;
}
