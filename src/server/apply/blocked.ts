import type { Component } from "../../spec/types";
import type { Exception } from "../../validation";

/** Which parts of which rows the test run refused: apply leaves those out and imports the rest of the row (spec §10). */
export interface BlockedComponents {
  isBlocked(sheetRow: number, component: Component): boolean;
  /**
   * Whether anything of the row is blocked, when the source can say so cheaply: most rows have nothing blocked, and
   * one answer for the row spares asking about each of its components. Absent means "ask per component".
   */
  anyBlocked?(sheetRow: number): boolean;
}

/**
 * Blocks built from a test run's findings. An error blocks only the component it sits on; an error on the "File"
 * component of a row (a duplicate row, a row with no ID pair) is about the row as a whole, so it blocks all of it.
 * Warnings and infos change nothing, and findings without a row are file-level, which never reach apply.
 */
export function blockedFromFindings(findings: Iterable<Exception>): BlockedComponents {
  const wholeRows = new Set<number>();
  const parts = new Map<number, Set<Component>>();
  for (const finding of findings) {
    if (finding.severity !== "error" || finding.row === null) continue;
    if (finding.component === "File") {
      wholeRows.add(finding.row);
      continue;
    }
    let components = parts.get(finding.row);
    if (!components) parts.set(finding.row, (components = new Set()));
    components.add(finding.component);
  }
  return {
    isBlocked: (sheetRow, component) => wholeRows.has(sheetRow) || (parts.get(sheetRow)?.has(component) ?? false),
    anyBlocked: (sheetRow) => wholeRows.has(sheetRow) || parts.has(sheetRow),
  };
}

/** Nothing blocked: for a file whose test run found no row errors. */
export const NOTHING_BLOCKED: BlockedComponents = { isBlocked: () => false, anyBlocked: () => false };
