import { headerIndex } from "../spec/headers";
import type { ColumnSpec, ImportSpec } from "../spec/types";
import { compileCellCheck, type CellCheck } from "./cellChecks";
import type { Problem } from "./problem";

/** One column of the file as written, and what the spec makes of it. */
export interface Binding {
  position: number;
  /** The header as written; null when the header cell is blank. */
  written: string | null;
  /** The spec column it matched; null for unknown and blank headers. */
  column: ColumnSpec | null;
  /** False for the second and later copies of a duplicated column: rules read the first. */
  primary: boolean;
  check: CellCheck | null;
}

export interface HeaderFinding extends Problem {
  /** Position of the header cell, or -1 for a finding about a column that is not there. */
  position: number;
  column: ColumnSpec | null;
}

export interface HeaderAnalysis {
  bindings: Binding[];
  /** Positions past the last written header (Excel's trailing blank columns). */
  width: number;
  findings: HeaderFinding[];
  /** Where each spec column's values are read from (its first copy). */
  positionOf: Map<string, number>;
}

/** Spreadsheet column letters for a 0-based position: 0 → A, 26 → AA. */
export function columnLetter(position: number): string {
  let letters = "";
  for (let n = position + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * Matches the header row to the spec: exact names, legacy aliases and case or spacing variants (warnings), unknown
 * names (errors, with a suggestion), duplicates, and the required columns that are missing.
 */
export function analyseHeader(spec: ImportSpec, header: readonly unknown[]): HeaderAnalysis {
  const index = headerIndex(spec);
  const findings: HeaderFinding[] = [];
  const bindings: Binding[] = [];
  const positionOf = new Map<string, number>();
  const written = header.map((cell) => (cell === null || cell === undefined ? "" : String(cell)));
  let width = 0;
  written.forEach((text, position) => {
    if (text.trim() !== "") width = position + 1;
  });

  for (let position = 0; position < width; position++) {
    const text = written[position];
    if (text.trim() === "") {
      bindings.push({ position, written: null, column: null, primary: false, check: null });
      continue;
    }
    const match = index.match(text);
    if (match.kind === "unknown") {
      const suggestion = match.suggestion ? ` Did you mean ${match.suggestion}?` : "";
      findings.push({ position, column: null, code: "unknown-column", params: { header: text, type: spec.label, suggestion } });
      bindings.push({ position, written: text, column: null, primary: false, check: null });
      continue;
    }
    const column = match.column;
    if (match.kind === "alias") findings.push({ position, column, code: "legacy-alias", params: { header: text, name: column.name } });
    if (match.kind === "folded") findings.push({ position, column, code: "header-case", params: { header: text, name: column.name } });
    if (column.deprecated) findings.push({ position, column, code: "deprecated-column", params: { reason: column.deprecated } });
    const first = positionOf.get(column.name);
    if (first !== undefined) {
      findings.push({ position, column, code: "duplicate-column", params: { name: column.name, first: columnLetter(first), second: columnLetter(position) } });
    } else {
      positionOf.set(column.name, position);
    }
    bindings.push({ position, written: text, column, primary: first === undefined, check: compileCellCheck(column) });
  }

  const recommended: string[] = [];
  for (const column of spec.columns) {
    if (positionOf.has(column.name)) continue;
    if (column.requirement === "required") findings.push({ position: -1, column, code: "missing-column", params: { name: column.name } });
    if (column.requirement === "recommended") recommended.push(column.name);
  }
  // One note for all of them: a short file may leave out many, and a list per column would bury what matters.
  if (recommended.length > 0) {
    const names = recommended.length === 1 ? recommended[0] : `${recommended.slice(0, -1).join(", ")} and ${recommended[recommended.length - 1]}`;
    findings.push({ position: -1, column: null, code: "recommended-column-missing", params: { names, them: recommended.length === 1 ? "it" : "them" } });
  }
  return { bindings, width, findings, positionOf };
}
