/// <reference types="office-js" />
/** What the pane shows for a selected cell: the findings on it (its own and its row's), from the held state. */
import { parseAddress } from "./addresses";
import type { SheetState } from "./sheetState";
import type { SelectedCell } from "./types";

export function selectedCellOf(state: SheetState | null, event: Pick<Excel.WorksheetSelectionChangedEventArgs, "address" | "worksheetId">, sheetName: (id: string) => string): SelectedCell {
  const rect = parseAddress(event.address) ?? { row: 0, column: 0, rows: 1, columns: 1 };
  const row = rect.row + 1;
  if (!state || state.sheetId !== event.worksheetId) return { sheet: sheetName(event.worksheetId), row, column: null, exceptions: [] };
  return { sheet: state.sheetName, row, column: state.columnName(rect.column), exceptions: state.cellFindings(row, rect.column) };
}
