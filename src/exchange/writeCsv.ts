import { headerIndex } from "../spec/headers";
import type { ColumnSpec, ImportSpec } from "../spec/types";
import type { TableInput } from "../validation";
import { cellText } from "../validation/cellText";
import { isBlank } from "../validation/problem";

/**
 * The CSV file a table is submitted as: RFC 4180 with CRLF line ends and no byte order mark, headers spelt as the
 * spec spells them, every cell as `cellText` writes it (numbers in full, date serials as dates, IDs untouched).
 *
 * Quoting is a small function of our own rather than papaparse's unparse: the rule is four lines, and unparse brings
 * options (formula escaping, header inference from objects, empty-line skipping) whose defaults we would have to pin.
 */
export interface WriteCsvOptions {
  /**
   * The caller has left out the blank rows and columns itself (the add-in's submission, whose `sheetRows` must match
   * the file's rows one for one): write every row and column given, even a last row of spaces only.
   */
  keepAll?: boolean;
}

export function writeCsv(spec: ImportSpec, table: TableInput, options: WriteCsvOptions = {}): string {
  const index = headerIndex(spec);
  const written = table.header.map((value) => cellText(value, null, null).text);
  const columns: (ColumnSpec | null)[] = written.map((header) => {
    const match = index.match(header);
    return match.kind === "unknown" ? null : match.column;
  });
  const header = written.map((text, p) => columns[p]?.name ?? text);
  const rows = table.rows.map((cells, i) =>
    cells.map((value, p) => cellText(value, columns[p] ?? null, table.formats?.[i]?.[p]).text),
  );

  // Trailing blank rows and columns are what Excel's used range drags along, not data: the engine ignores them too.
  let rowCount = rows.length;
  while (!options.keepAll && rowCount > 0 && rows[rowCount - 1].every(isBlank)) rowCount--;
  const kept = rows.slice(0, rowCount);
  let width = options.keepAll ? header.length : usedWidth(header);
  for (const cells of kept) width = Math.max(width, options.keepAll ? cells.length : usedWidth(cells));

  // Short rows are padded as Excel pads them, so a blank row is ",,," and only a one-column blank row is an empty line.
  return [header, ...kept].map((cells) => line(cells, width)).join("");
}

function usedWidth(cells: readonly string[]): number {
  let width = cells.length;
  while (width > 0 && isBlank(cells[width - 1])) width--;
  return width;
}

function line(cells: readonly string[], width: number): string {
  const fields: string[] = [];
  for (let p = 0; p < width; p++) fields.push(quoted(cells[p] ?? ""));
  return fields.join(",") + "\r\n";
}

/** Quotes a field only when a reader could misread it bare: delimiters, quotes, line breaks, edge spaces. */
export function quoted(field: string): string {
  if (!/[",\r\n]/.test(field) && !field.startsWith(" ") && !field.endsWith(" ")) return field;
  return `"${field.replace(/"/g, '""')}"`;
}
