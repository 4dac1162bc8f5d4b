/**
 * The import API's findings, placed on the sheet. The server runs the same engine on the file the add-in sent, so its
 * report repeats every local finding; only the findings that need stored data (STORED_DATA_CODES) are new. Their file
 * rows become sheet rows through the submission's `sheetRows`, and their columns (the file's canonical headers) the
 * headers as the sheet writes them.
 */
import { isStoredDataCode } from "../validation/catalogue";
import type { Exception } from "../validation";
import type { SheetState } from "./sheetState";

export interface ServerPlacement {
  /** Findings with no row or on the header row, in report order. */
  top: Exception[];
  /** Findings by sheet row, each row's in report order. */
  byRow: Map<number, Exception[]>;
  /** How many named a file row the submission did not have (kept as file-level findings saying so). */
  unplaced: number;
}

export function placeServerFindings(state: SheetState, findings: readonly Exception[], sheetRows: readonly number[]): ServerPlacement {
  const placement: ServerPlacement = { top: [], byRow: new Map(), unplaced: 0 };
  const written = headersAsWritten(state);
  for (const finding of findings) {
    if (!isStoredDataCode(finding.code)) continue;
    const column = finding.column === null ? null : (written.get(finding.column) ?? finding.column);
    if (finding.row === null || finding.row <= 1) {
      placement.top.push({ ...finding, row: finding.row === null ? null : state.headerRow, column });
      continue;
    }
    const row = sheetRows[finding.row - 2];
    if (row === undefined) {
      // Not silently dropped: the finding stays in the list and the counts, about the file, saying which row it named.
      placement.unplaced++;
      placement.top.push({ ...finding, row: null, column, message: `Row ${finding.row} of the file sent, which this sheet does not match: ${finding.message}` });
      continue;
    }
    const placed = { ...finding, row, column };
    const list = placement.byRow.get(row);
    if (list) list.push(placed);
    else placement.byRow.set(row, [placed]);
  }
  return placement;
}

/** The sheet's header as written for each spec column name the file carries instead (a legacy alias, a case variant). */
function headersAsWritten(state: SheetState): Map<string, string> {
  const out = new Map<string, string>();
  for (const binding of state.session?.analysis.bindings ?? []) {
    if (binding.column && binding.written !== null && !out.has(binding.column.name)) out.set(binding.column.name, binding.written);
  }
  return out;
}
