import { headerIndex } from "../../spec/headers";
import type { ColumnSpec, ImportSpec } from "../../spec/types";
import { detach } from "../../validation/problem";

/** A spec column as this file writes it: where its cells are, and the header to name in findings. */
export interface ColumnAt {
  position: number;
  /** The header as written in the file, which is what a finding names (not the canonical name). */
  written: string;
  spec: ColumnSpec;
}

/**
 * The file's columns by canonical spec name. Matching goes through the spec's HeaderIndex, so aliases and case or
 * spacing variants resolve exactly as the engine resolves them; a duplicated column is read from its first copy, as
 * the engine's rules read it.
 */
export class FileColumns {
  private readonly byName = new Map<string, ColumnAt>();

  constructor(spec: ImportSpec, header: readonly string[]) {
    const index = headerIndex(spec);
    header.forEach((text, position) => {
      if (text.trim() === "") return;
      const match = index.match(text);
      if (match.kind === "unknown" || this.byName.has(match.column.name)) return;
      // Detached: a header cell can be a slice of the parser's first chunk, and findings keep it to the end of the run.
      this.byName.set(match.column.name, { position, written: detach(text), spec: match.column });
    });
  }

  get(name: string): ColumnAt | undefined {
    return this.byName.get(name);
  }

  /** Where the column's cells are; -1 when the file lacks it, which reads as a blank cell in every row. */
  position(name: string): number {
    return this.byName.get(name)?.position ?? -1;
  }
}
