/**
 * A CSV file as Excel's "From Text/CSV" with Text columns opens it: one sheet named after the file, every cell the
 * text as written (formatted as Text, so "000201" stays "000201" and what the user types later stays text too).
 */
import Papa from "papaparse";
import type { FakeSheetSpec, FakeWorkbookSpec } from "../../test/fakes";
import { letters } from "../../test/fakes/a1";
import { sheetNameOf } from "./sheetName";

export function csvWorkbook(text: string, fileName: string): FakeWorkbookSpec {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: false });
  const rows = parsed.data;
  // Papa gives the line after a final newline as one empty cell; Excel shows no such row.
  while (rows.length > 0 && rows[rows.length - 1].every((cell) => cell === "")) rows.pop();
  if (rows.length === 0) throw new Error(`${fileName} is empty.`);
  const width = Math.max(...rows.map((row) => row.length));
  const sheet: FakeSheetSpec = { name: sheetNameOf(fileName), rows, cells: {} };
  if (width > 0) sheet.cells = { [`A1:${letters(width - 1)}${rows.length}`]: { numberFormat: "@" } };
  return { sheets: [sheet] };
}

