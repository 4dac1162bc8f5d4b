import type { ColumnSpec } from "../spec/types";
import { MAX_DATE_SERIAL, serialToIso } from "./dates";

/** A cell as Excel hands it over (strings, numbers, booleans, blanks) or as CSV gives it (strings). */
export type CellValue = string | number | boolean | null | undefined;

/** What Excel shows versus what it stores, when the two differ in a way the file would carry. */
export type StoredVsDisplayed =
  | { code: "number-stored-id" | "percent-stored" | "date-serial"; displayed: string; stored: string };

export interface CellText {
  /** The text the CSV writer puts in the file for this cell. */
  text: string;
  /** Set when the sheet shows something else than the file will carry. */
  notice?: StoredVsDisplayed;
}

/**
 * The text a cell becomes in the submitted file. Numbers are written in full (never 1.23E+12) with Excel's 15
 * significant digits; date serials become YYYY-MM-DD in date columns; booleans become TRUE and FALSE.
 */
export function cellText(value: CellValue, column: ColumnSpec | null, numberFormat: string | null | undefined): CellText {
  if (value === null || value === undefined) return { text: "" };
  if (typeof value === "string") return { text: value };
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE" };
  if (!Number.isFinite(value)) return { text: String(value) };
  const format = numberFormat ?? "General";
  const type = column?.type;
  if (type === "date" || type === "datetime") {
    if (value < 0 || value > MAX_DATE_SERIAL) return { text: numberText(value) };
    const text = serialToIso(value, type === "datetime");
    if (isDateFormat(format)) return { text };
    return { text, notice: { code: "date-serial", displayed: displayedNumber(value, format), stored: numberText(value) } };
  }
  const text = numberText(value);
  if (column?.keepAsText) return { text, notice: { code: "number-stored-id", displayed: displayedNumber(value, format), stored: text } };
  if (isPercentFormat(format)) return { text, notice: { code: "percent-stored", displayed: displayedNumber(value, format), stored: text } };
  return { text };
}

/** A number as the file writes it: whole numbers in full, fractions to Excel's 15 significant digits. */
export function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  const precise = Number(n.toPrecision(15));
  if (Math.abs(precise) >= 1e-6 || precise === 0) return String(precise);
  return precise.toFixed(20).replace(/0+$/, "");
}

/** True for number formats that show a date or time (letters y, m, d, h, s outside quotes and brackets). */
export function isDateFormat(format: string): boolean {
  if (format === "General" || format === "@") return false;
  const bare = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[ymdhs]/i.test(bare) && !/^[#0.,%E+\- ]*$/i.test(bare);
}

function isPercentFormat(format: string): boolean {
  return format.replace(/"[^"]*"|\\./g, "").includes("%");
}

/**
 * What Excel shows for a number, near enough to name it in a message: General switches to scientific notation at
 * 12 digits, percent formats multiply by 100, and zero-padded formats pad.
 */
export function displayedNumber(n: number, format: string): string {
  if (isPercentFormat(format)) {
    const decimals = /\.(0+)%/.exec(format)?.[1].length ?? 0;
    return `${(n * 100).toFixed(decimals)}%`;
  }
  if (/^0+$/.test(format) && Number.isInteger(n) && n >= 0) return String(n).padStart(format.length, "0");
  if (Math.abs(n) >= 1e11) {
    const [mantissa, exponent] = n.toExponential(5).split("e");
    const trimmed = mantissa.replace(/\.?0+$/, "");
    const power = Number(exponent);
    return `${trimmed}E${power < 0 ? "-" : "+"}${String(Math.abs(power)).padStart(2, "0")}`;
  }
  return numberText(n);
}
