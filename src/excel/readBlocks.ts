/// <reference types="office-js" />
/**
 * Reading rows of a sheet in blocks that stay under Excel's limits: each sync brings back at most about 4 MB (Excel on
 * the web refuses more than 5 MB a response) and at most 4 million cells (reads are capped at 5 million). Block sizes
 * follow the bytes a row actually took so far, and a refused sync is retried with half the rows.
 *
 * The engine needs number formats only for cells holding numbers (to tell an ID stored as a number, a percentage or
 * a date serial from what the sheet shows). So a block's values come first, and the formats of just the columns where
 * that block holds numbers come with the next sync; a block of text alone is handed on at once.
 */
import type { CellValue, RowFormats } from "../validation";
import { isPayloadTooLarge, stopIfAborted } from "./excelRun";

export const RESPONSE_BUDGET_BYTES = 4_000_000;
export const CELLS_PER_READ = 4_000_000;
/** A number format in a response: the format text, quotes and a comma. */
const FORMAT_BYTES = 12;

export interface RowBlock {
  /** 0-based sheet row of the block's first row. */
  first: number;
  values: CellValue[][];
  /**
   * Per row: the number formats of the cells holding numbers (others undefined). Never null: the engine takes formats
   * as the sign that a row comes from a sheet, not a CSV file (it then says when a date is held as text).
   */
  formats: RowFormats[];
}

const NO_NUMBERS: readonly string[] = [];

/** Rows `first`..`last`, 0-based and inclusive. */
export interface RowSpan {
  first: number;
  last: number;
}

export interface ReadOptions {
  budgetBytes?: number;
  /** Other work to send along with each sync: `before` queues it, `after` runs once that sync has succeeded. */
  piggyback?: { before(): void; after(): void };
  signal?: AbortSignal;
  /** Called after each sync with the number of rows read so far. */
  onRows?: (rows: number) => void;
  /**
   * Load number formats with the values, in the same sync: for a few rows (a live edit), one sync matters more than
   * the bytes of formats for text cells.
   */
  formatsAlong?: boolean;
}

interface Piece {
  first: number;
  count: number;
  range: Excel.Range;
}

interface WaitingPiece {
  first: number;
  values: CellValue[][];
  numeric: number[];
  strips: Map<number, Excel.Range> | null;
}

/** The response bytes of a block of values, near enough: JSON text of each value and its separators. */
export function estimateBytes(values: readonly (readonly CellValue[])[]): number {
  let bytes = 2;
  for (const row of values) {
    bytes += 3;
    for (const value of row) {
      if (typeof value === "string") bytes += value.length + 3;
      else if (typeof value === "number") bytes += 12;
      else bytes += 6;
    }
  }
  return bytes;
}

/**
 * Reads the spans (all columns 0..width-1) block by block; yields each block once it is complete. The caller works on
 * a block (validating it) before asking for the next, so the pane stays responsive between syncs.
 */
export async function* readRowBlocks(context: Excel.RequestContext, sheet: Excel.Worksheet, spans: readonly RowSpan[], width: number, options: ReadOptions = {}): AsyncGenerator<RowBlock> {
  const budget = options.budgetBytes ?? RESPONSE_BUDGET_BYTES;
  const queue = spans.filter((s) => s.last >= s.first).map((s) => ({ ...s }));
  const along = options.formatsAlong === true;
  let bytesPerRow = Math.max(64, width * (along ? 36 : 24));
  let waiting: WaitingPiece[] = [];
  let rowsRead = 0;
  const maxRows = Math.max(1, Math.floor(CELLS_PER_READ / Math.max(width, 1)));
  // Grows when Excel refuses a block: the estimate counts characters, and text outside ASCII takes more bytes.
  let safety = 1;
  let refusals = 0;

  while (queue.length > 0 || waiting.length > 0) {
    stopIfAborted(options.signal);
    // Formats of the blocks read last time, then as many rows of values as the rest of the budget allows.
    let left = budget;
    for (const piece of waiting) {
      piece.strips = new Map(piece.numeric.map((column) => [column, sheet.getRangeByIndexes(piece.first, column, piece.values.length, 1).load("numberFormat")]));
      left -= piece.values.length * piece.numeric.length * FORMAT_BYTES;
    }
    const pieces: Piece[] = [];
    for (let i = 0; i < queue.length; i++) {
      const span = queue[i];
      const fits = Math.min(maxRows, Math.max(1, Math.floor(left / bytesPerRow)));
      if (pieces.length > 0 && left < bytesPerRow) break;
      const count = Math.min(fits, span.last - span.first + 1);
      pieces.push({ first: span.first, count, range: sheet.getRangeByIndexes(span.first, 0, count, width).load(along ? "values,numberFormat" : "values") });
      left -= count * bytesPerRow;
      if (count < span.last - span.first + 1) break;
    }
    options.piggyback?.before();
    try {
      // One sync a block is the point: each brings back as much as Excel's response limit allows.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (error) {
      const single = pieces.length === 1 && pieces[0].count === 1 && waiting.length === 0;
      if (!isPayloadTooLarge(error) || single || ++refusals > 8) throw error;
      // Too much at once: assume rows twice as large and try again (the queue still holds every span).
      safety *= 2;
      bytesPerRow *= 2;
      continue;
    }
    refusals = 0;
    options.piggyback?.after();

    for (const piece of waiting) {
      const formats = piece.values.map((): string[] => []);
      for (const [column, strip] of piece.strips!) {
        strip.numberFormat.forEach((line, r) => {
          if (typeof piece.values[r][column] === "number") formats[r][column] = String(line[0]);
        });
      }
      yield { first: piece.first, values: piece.values, formats: formats.map((f) => (f.length > 0 ? f : NO_NUMBERS)) };
    }
    const next: WaitingPiece[] = [];

    let bytes = 0;
    let rows = 0;
    for (const piece of pieces) {
      const values = piece.range.values as CellValue[][];
      const span = queue[0];
      span.first += piece.count;
      if (span.first > span.last) queue.shift();
      rowsRead += piece.count;
      bytes += estimateBytes(values);
      rows += piece.count;
      if (along) {
        const formats = values.map((row, r) => (row.some((v) => typeof v === "number") ? row.map((v, c) => (typeof v === "number" ? String(piece.range.numberFormat[r][c]) : undefined)) : NO_NUMBERS));
        bytes += width * FORMAT_BYTES * piece.count;
        yield { first: piece.first, values, formats };
        continue;
      }
      const numeric = numericColumns(values, width);
      // Blocks go out in order: once one waits for its formats, the ones after it wait too.
      if (numeric.length === 0 && next.length === 0) yield { first: piece.first, values, formats: values.map(() => NO_NUMBERS) };
      else next.push({ first: piece.first, values, numeric, strips: null });
    }
    waiting = next;
    if (rows > 0) bytesPerRow = Math.max(16, Math.ceil((bytes / rows) * safety));
    options.onRows?.(rowsRead);
  }
}

function numericColumns(values: readonly (readonly CellValue[])[], width: number): number[] {
  const seen = new Uint8Array(width);
  for (const row of values) for (let c = 0; c < row.length; c++) if (typeof row[c] === "number") seen[c] = 1;
  const out: number[] = [];
  seen.forEach((flag, c) => flag && out.push(c));
  return out;
}
