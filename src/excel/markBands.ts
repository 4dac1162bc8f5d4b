/**
 * How the marks are split into conditional formats. The sheet's rows are cut into bands (consecutive row ranges that
 * together cover every row from 1 down); each band's error cells are one conditional format and its warning cells
 * another, so each format's address fits one `getRanges` string. An edit re-marks only the bands of the rows it
 * changed: it deletes those bands' formats and adds new ones, leaving every other format alone.
 *
 * When rows are inserted or deleted, Excel moves the formats' ranges itself; the bands move the same way here, and
 * the band where rows were inserted or deleted is re-marked so it holds exactly its cells again.
 */
import { MAX_ROWS } from "./addresses";
import { type MarkIndex, type MarkSeverity, MARK_SEVERITIES } from "./markIndex";
import { ADDRESS_BUDGET, mergeRuns, packAddresses, runCost } from "./rectangles";

/** A conditional format the add-in made: its id, as Excel gave it, and its colour. */
export interface MarkFormat {
  id: string;
  severity: MarkSeverity;
}

/** Sheet rows `first`..`last` (1-based, inclusive) and the formats marking their cells. */
export interface Band {
  first: number;
  last: number;
  formats: MarkFormat[];
}

/** Cuts the marked rows into bands whose error and warning addresses each fit `budget` characters. */
export function layoutBands(marks: MarkIndex, budget = ADDRESS_BUDGET): Band[] {
  const bands: Band[] = [{ first: 1, last: MAX_ROWS, formats: [] }];
  const cost = { error: 0, warning: 0 };
  for (const { row, marks: rowMarks } of marks.between(1, MAX_ROWS)) {
    const rowCost = { error: 0, warning: 0 };
    for (const severity of MARK_SEVERITIES) for (const run of rowMarks[severity]) rowCost[severity] += runCost(row - 1, run);
    const full = MARK_SEVERITIES.some((s) => cost[s] > 0 && cost[s] + rowCost[s] > budget);
    if (full) {
      const current = bands[bands.length - 1];
      current.last = row - 1;
      bands.push({ first: row, last: MAX_ROWS, formats: [] });
      cost.error = 0;
      cost.warning = 0;
    }
    cost.error += rowCost.error;
    cost.warning += rowCost.warning;
  }
  return bands;
}

/** The address strings that mark a band: one or more a colour (more only when edits have crowded the band). */
export function bandAddresses(marks: MarkIndex, band: Band, budget = ADDRESS_BUDGET): Array<{ severity: MarkSeverity; address: string }> {
  const out: Array<{ severity: MarkSeverity; address: string }> = [];
  for (const severity of MARK_SEVERITIES) {
    const rows = [...marks.between(band.first, band.last)].map(({ row, marks: m }) => ({ row: row - 1, runs: m[severity] })).filter((r) => r.runs.length > 0);
    for (const address of packAddresses(mergeRuns(rows), budget)) out.push({ severity, address });
  }
  return out;
}

/** The band holding a sheet row (bands cover every row, so there always is one). */
export function bandOf(bands: readonly Band[], row: number): Band {
  let low = 0;
  let high = bands.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (bands[middle].first <= row) low = middle;
    else high = middle - 1;
  }
  return bands[low];
}

/** Rows inserted before sheet row `at`: later bands move down; the band holding `at - 1` takes the new rows. */
export function shiftBandsForInsert(bands: Band[], at: number, count: number): Band {
  for (const band of bands) {
    if (band.first >= at && band.first > 1) band.first = Math.min(band.first + count, MAX_ROWS);
    if (band.last >= at - 1 && band.last < MAX_ROWS) band.last = Math.min(band.last + count, MAX_ROWS);
  }
  closeGaps(bands);
  return bandOf(bands, Math.max(at - 1, 1));
}

/**
 * Rows `at`..`at + count - 1` deleted: later bands move up, a band whose rows all went disappears (its formats are
 * returned: Excel has dropped or emptied them), and the band now holding row `at` is returned to be re-marked.
 */
export function shiftBandsForDelete(bands: Band[], at: number, count: number): { band: Band; orphans: MarkFormat[] } {
  const end = at + count; // first row after the deleted ones
  const orphans: MarkFormat[] = [];
  const shift = (row: number) => (row >= end ? row - count : row >= at ? at : row);
  for (let i = bands.length - 1; i >= 0; i--) {
    const band = bands[i];
    const first = band.first === 1 ? 1 : shift(band.first);
    const last = band.last === MAX_ROWS ? MAX_ROWS : band.last >= end ? band.last - count : band.last >= at ? at - 1 : band.last;
    if (last < first) {
      orphans.push(...band.formats);
      bands.splice(i, 1);
      continue;
    }
    band.first = first;
    band.last = last;
  }
  closeGaps(bands);
  return { band: bandOf(bands, at), orphans };
}

/** Keeps the bands a partition: each starts right after the previous one ends. */
function closeGaps(bands: Band[]): void {
  bands.sort((a, b) => a.first - b.first);
  bands[0].first = 1;
  for (let i = 1; i < bands.length; i++) bands[i - 1].last = bands[i].first - 1;
  bands[bands.length - 1].last = MAX_ROWS;
}
