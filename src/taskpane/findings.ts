/**
 * Pure views over a validation result for the task pane: counts per column and component, filtering, labels. Each
 * runs once per result or per filter change (the components memoize them), in one pass, so 50,000 findings stay
 * cheap; the list then renders only the rows in view.
 */
import { CATALOGUE, type Exception, type Severity } from "../validation";

/** The filter value standing for findings without a column (about the whole file, or a row as a whole). */
export const NO_COLUMN = "\u0000no-column";
export const ALL = "all";

export interface FindingFilter {
  severity: Severity | typeof ALL;
  /** A header, NO_COLUMN or ALL. */
  column: string;
  /** A component name or ALL. */
  component: string;
}

export const NO_FILTER: FindingFilter = { severity: ALL, column: ALL, component: ALL };

export interface Tally {
  /** The filter value this row stands for (a header, NO_COLUMN, or a component). */
  key: string;
  label: string;
  errors: number;
  warnings: number;
  infos: number;
}

export interface Summary {
  byColumn: Tally[];
  byComponent: Tally[];
}

/** Errors and warnings per column and per component, most errors first (fix the most common problem first). */
export function summarize(exceptions: readonly Exception[]): Summary {
  const columns = new Map<string, Tally>();
  const components = new Map<string, Tally>();
  for (const e of exceptions) {
    const columnKey = e.column ?? NO_COLUMN;
    add(columns, columnKey, columnLabel(e.column), e.severity);
    add(components, e.component, e.component, e.severity);
  }
  return { byColumn: ordered(columns), byComponent: ordered(components) };
}

function add(map: Map<string, Tally>, key: string, label: string, severity: Severity): void {
  let tally = map.get(key);
  if (!tally) {
    tally = { key, label, errors: 0, warnings: 0, infos: 0 };
    map.set(key, tally);
  }
  if (severity === "error") tally.errors++;
  else if (severity === "warning") tally.warnings++;
  else tally.infos++;
}

function ordered(map: Map<string, Tally>): Tally[] {
  return [...map.values()].sort(
    (a, b) => b.errors - a.errors || b.warnings - a.warnings || b.infos - a.infos || a.label.localeCompare(b.label),
  );
}

/** Positions (into `exceptions`) of the findings that pass the filter, in report order. */
export function filterFindings(exceptions: readonly Exception[], filter: FindingFilter): number[] {
  const { severity, column, component } = filter;
  if (severity === ALL && column === ALL && component === ALL) {
    const all = new Array<number>(exceptions.length);
    for (let i = 0; i < exceptions.length; i++) all[i] = i;
    return all;
  }
  const wantedColumn = column === NO_COLUMN ? null : column;
  const kept: number[] = [];
  for (let i = 0; i < exceptions.length; i++) {
    const e = exceptions[i];
    if (severity !== ALL && e.severity !== severity) continue;
    if (column !== ALL && e.column !== wantedColumn) continue;
    if (component !== ALL && e.component !== component) continue;
    kept.push(i);
  }
  return kept;
}

export function columnLabel(column: string | null): string {
  return column ?? "No column (file or whole row)";
}

const TITLES: Readonly<Record<string, { title: string } | undefined>> = CATALOGUE;

/** The catalogue title of a code ("Too long"); the code itself for a code the catalogue does not know (a server's). */
export function titleOf(code: string): string {
  return TITLES[code]?.title ?? code;
}

export function severityLabel(severity: Severity): string {
  return severity === "error" ? "Error" : severity === "warning" ? "Warning" : "Info";
}

/** Where a finding sits, in the words a clerk uses: "Row 12, Meter_ID", "Row 12", "Whole file". */
export function placeOf(finding: Pick<Exception, "row" | "column">): string {
  if (finding.row === null) return finding.column ? `Header, ${finding.column}` : "Whole file";
  return finding.column ? `Row ${finding.row}, ${finding.column}` : `Row ${finding.row}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}

/** "3 errors, 1 warning, 0 info" */
export function countsText(counts: { errors: number; warnings: number; infos: number }): string {
  return `${plural(counts.errors, "error")}, ${plural(counts.warnings, "warning")}, ${plural(counts.infos, "info", "info")}`;
}

/** A message for the user from anything thrown: the error's own message, never a stack trace. */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message.trim()) return firstLine(error.message);
  if (typeof error === "string" && error.trim()) return firstLine(error);
  if (typeof error === "object" && error !== null && "message" in error) {
    const message = (error as { message: unknown }).message;
    if (typeof message === "string" && message.trim()) return firstLine(message);
  }
  return "Something went wrong. Try again; if it keeps happening, reload the add-in.";
}

function firstLine(text: string): string {
  // Some hosts append a stack or debug info after a blank line; users only need the sentence.
  const line = text.trim().split(/\r?\n\s*at\s|\r?\n\r?\n/)[0];
  return line.trim();
}
