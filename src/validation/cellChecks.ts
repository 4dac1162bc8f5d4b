import type { ColumnSpec } from "../spec/types";
import { checkDate, checkDateTime, suggestIsoDate } from "./dates";
import { shown, type Problem } from "./problem";

/** Checks one non-blank cell's text; returns the first thing wrong with it, or null. */
export type CellCheck = (text: string) => Problem | null;

const CLEAR = "_CLEAR_";
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const EMAIL = /^[^\s@"(),:;<>[\]\\]+@[^\s@"(),:;<>[\]\\]+\.[A-Za-z]{2,}$/;
const YEAR = /^\d{4}$/;
const FLAG_WORDS: Record<string, string> = { YES: "Y", NO: "N", TRUE: "Y", FALSE: "N", Y: "Y", N: "N" };

/**
 * Compiles the checks of one column into a single function, so the hot loop makes one call a cell and allocates
 * nothing for a good value. Order: the _CLEAR_ token, then the type, then the length; only the first failure is
 * reported, because a value of the wrong type is usually also the wrong length and one message is enough.
 */
export function compileCellCheck(column: ColumnSpec): CellCheck {
  const typeCheck = compileTypeCheck(column);
  const max = column.maxLength ?? Infinity;
  const soft = column.softMaxLength ?? Infinity;
  const name = column.name;
  const clearReason = column.clearable ? null : whyNotClearable(column);
  return (text) => {
    if (text.length === 7 && text.charCodeAt(0) === 95 /* _ */) {
      if (text === CLEAR) return clearReason === null ? null : { code: "clear-not-allowed", params: { column: name, reason: clearReason } };
      if (text.toUpperCase() === CLEAR) return { code: "clear-token-case", params: { value: text } };
    }
    if (typeCheck) {
      const problem = typeCheck(text);
      if (problem) return problem;
    }
    if (text.length > max) return { code: "too-long", params: { value: shown(text), length: text.length, column: name, limit: max } };
    if (text.length > soft) return { code: "export-length", params: { value: shown(text), length: text.length, column: name, limit: soft } };
    return null;
  };
}

/**
 * The length up to which any value of a plain text column is good (a text column without a pattern accepts every
 * value within its limits, save the _CLEAR_ token), so the hot loop can skip the call; -1 for every other column.
 */
export function plainTextLimit(column: ColumnSpec): number {
  if (column.type !== "text" || column.pattern) return -1;
  return Math.min(column.maxLength ?? Number.MAX_SAFE_INTEGER, column.softMaxLength ?? Number.MAX_SAFE_INTEGER);
}

function whyNotClearable(column: ColumnSpec): string {
  if (column.keepAsText && /_(ID|SN)$/.test(column.name)) return "IDs cannot be cleared";
  if (column.type === "date" || column.type === "datetime") return "dates cannot be cleared";
  return "this field may never be empty once set";
}

function compileTypeCheck(column: ColumnSpec): CellCheck | null {
  const name = column.name;
  const pattern = column.pattern ? new RegExp(column.pattern) : null;
  const patternCheck: CellCheck | null = pattern
    ? (text) => (pattern.test(text) ? null : { code: "pattern", params: { value: shown(text), hint: column.patternHint ?? `in the form ${column.pattern}`, column: name } })
    : null;
  switch (column.type) {
    case "text":
      return patternCheck;
    case "integer":
      return (text) => (INTEGER.test(text) ? null : { code: DECIMAL.test(text) || /\d/.test(text) ? "not-integer" : "not-number", params: { value: shown(text), column: name } });
    case "decimal":
      return (text) => (DECIMAL.test(text) ? null : { code: "not-number", params: { value: shown(text), column: name } });
    case "latitude":
      return rangeCheck(name, -90, 90, " Latitudes run from -90 to 90; is it a longitude?");
    case "longitude":
      return rangeCheck(name, -180, 180, "");
    case "date":
      return (text): Problem | null => {
        const verdict = checkDate(text);
        if (verdict.ok) return null;
        if (verdict.kind === "impossible") return { code: "invalid-date", params: { value: shown(text), detail: verdict.detail } };
        return { code: "date-format", params: { value: shown(text), suggestion: suggestIsoDate(text) } };
      };
    case "datetime":
      return (text): Problem | null => {
        const verdict = checkDateTime(text);
        if (verdict.ok) return null;
        if (verdict.kind === "impossible") return { code: "invalid-date", params: { value: shown(text), detail: verdict.detail } };
        return { code: "datetime-format", params: { value: shown(text), suggestion: suggestIsoDate(text) } };
      };
    case "code":
      return column.codes ? codeCheck(column, column.codes) : patternCheck;
    case "flag":
      return (text) => {
        if (text === "Y" || text === "N") return null;
        const word = FLAG_WORDS[text.trim().toUpperCase()];
        return { code: "invalid-flag", params: { value: shown(text), column: name, suggestion: word ? ` Write it as ${word}.` : "" } };
      };
    case "email":
      return (text) => (EMAIL.test(text) ? null : { code: "invalid-email", params: { value: shown(text), column: name } });
    case "year": {
      const max = new Date().getUTCFullYear() + 1;
      return (text) => (YEAR.test(text) && +text >= 1800 && +text <= max ? null : { code: "invalid-year", params: { value: shown(text), max } });
    }
  }
}

function rangeCheck(name: string, min: number, max: number, hint: string): CellCheck {
  return (text): Problem | null => {
    if (!DECIMAL.test(text)) return { code: "not-number", params: { value: shown(text), column: name } };
    const n = Number(text);
    return n >= min && n <= max ? null : { code: "out-of-range", params: { value: shown(text), min, max, column: name, hint } };
  };
}

function codeCheck(column: ColumnSpec, codes: string[]): CellCheck {
  const ignoreCase = column.codesIgnoreCase === true;
  const allowed = new Set(ignoreCase ? codes.map((c) => c.toUpperCase()) : codes);
  const upper = new Map(codes.map((c) => [c.toUpperCase(), c]));
  const listed = codes.length <= 12 ? listOf(codes) : `one of the ${codes.length} codes of the spec (${codes.slice(0, 4).join(", ")}, ...)`;
  return (text) => {
    if (allowed.has(ignoreCase ? text.toUpperCase() : text)) return null;
    const near = upper.get(text.trim().toUpperCase());
    return { code: "invalid-code", params: { value: shown(text), column: column.name, allowed: listed, suggestion: near ? ` Write it as ${near}.` : "" } };
  };
}

function listOf(codes: string[]): string {
  return codes.length === 1 ? codes[0] : `${codes.slice(0, -1).join(", ")} or ${codes[codes.length - 1]}`;
}
