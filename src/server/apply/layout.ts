import { headerIndex } from "../../spec/headers";
import type { ColumnSpec, Component, ImportSpec } from "../../spec/types";

/**
 * Where each spec column sits in one file. Headers are matched as the test run matched them (exact name, alias, or
 * a spelling that differs only in case and spacing), so a column written "location_zip" or "SP_Longitude" lands on
 * the spec's canonical name. Headers the spec does not know were reported by the test run and are not imported.
 */
export class FileLayout {
  private readonly positions = new Map<string, number>();
  /** The spec columns the file has, in spec order, with their positions. */
  readonly present: ReadonlyArray<{ column: ColumnSpec; position: number }>;

  constructor(readonly spec: ImportSpec, header: readonly string[]) {
    const index = headerIndex(spec);
    header.forEach((written, position) => {
      const match = index.match(written);
      // A repeated column is a test-run error on the file; the first one is the one the test run checked.
      if (match.kind !== "unknown" && !this.positions.has(match.column.name)) this.positions.set(match.column.name, position);
    });
    this.present = spec.columns.flatMap((column) => {
      const position = this.positions.get(column.name);
      return position === undefined ? [] : [{ column, position }];
    });
  }

  /** Position of a spec column in the file, or -1 when the file does not have it. */
  position(name: string): number {
    return this.positions.get(name) ?? -1;
  }

  /**
   * Positions of the present columns that pass `keep`, with their canonical names, sorted by name: the order
   * attributes are stored in, so a row's cells can be written out without sorting.
   */
  fields(keep: (column: ColumnSpec) => boolean): Field[] {
    return this.present
      .filter(({ column }) => keep(column))
      .map(({ column, position }) => ({ name: column.name, position, ...jsonPrefixes(column.name) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The distinct components the spec's columns belong to. */
  components(): Component[] {
    return [...new Set(this.spec.columns.map((c) => c.component))];
  }
}

/** A spec column present in the file: its canonical name and where its cells are. */
export interface Field {
  name: string;
  position: number;
  /** `{"name":"`: the start of a JSON object whose first member is this field (see attributes.ts). */
  open: string;
  /** `","name":"`: the end of the previous member's value and the start of this one. */
  next: string;
}

function jsonPrefixes(name: string): { open: string; next: string } {
  const quoted = JSON.stringify(name);
  return { open: `{${quoted}:"`, next: `",${quoted}:"` };
}

/** The cell at `position`, "" when the row is short or the column absent (-1). */
export function cellAt(cells: readonly string[], position: number): string {
  return position < 0 ? "" : (cells[position] ?? "");
}

