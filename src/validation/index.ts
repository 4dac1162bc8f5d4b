import type { ImportSpec } from "../spec/types";
import type { CellValue } from "./cellText";
import type { Exception } from "./exception";
import { ValidationSession, type RowFormats } from "./session";

export type { Exception, Severity } from "./exception";
export type { CellValue } from "./cellText";
export { cellText, numberText } from "./cellText";
export { CATALOGUE, type Code } from "./catalogue";
export { fileException, countBySeverity, type Counts } from "./findings";
export { ValidationSession, type RowFormats, type SessionOptions } from "./session";
export { columnLetter } from "./header";

/** A sheet or file as the engine takes it: the header row, the data rows, and Excel's number formats if any. */
export interface TableInput {
  header: readonly CellValue[];
  rows: ReadonlyArray<readonly CellValue[]>;
  formats?: ReadonlyArray<RowFormats>;
  headerRow?: number;
}

/** Validates a whole table in one go. */
export function validateTable(spec: ImportSpec, table: TableInput): Exception[] {
  const session = new ValidationSession(spec, table.header, { headerRow: table.headerRow });
  table.rows.forEach((cells, i) => session.appendRow(cells, table.formats?.[i]));
  return session.exceptions();
}
