import type { ColumnSpec } from "../spec/types";
import { checkDate, checkDateTime, suggestIsoDate, type DateVerdict } from "./dates";
import { shown, type Problem } from "./problem";

/** Checks one non-blank cell's text; returns the first thing wrong with it, or null. */
export type CellCheck = (text: string) => Problem | null;

const CLEAR = "_CLEAR_";
const EMAIL = /^[^\s@"(),:;<>[\]\\]+@[^\s@"(),:;<>[\]\\]+\.[A-Za-z]{2,}$/;
const FLAG_WORDS: Record<string, "Y" | "N"> = { YES: "Y", NO: "N", TRUE: "Y", FALSE: "N", Y: "Y", N: "N" };

/** What every check of a column needs besides its type: its name, its lengths, and whether _CLEAR_ may empty it. */
interface ColumnLimits {
  name: string;
  max: number;
  soft: number;
  /** Null when the column may be cleared. */
  clearReason: string | null;
}

/**
 * Compiles the checks of one column into a single function, so the hot loop makes one call a cell and allocates
 * nothing for a good value. Order: the _CLEAR_ token, then the type, then the length; only the first failure is
 * reported, because a value of the wrong type is usually also the wrong length and one message is enough.
 *
 * Each type's function is written out rather than made by wrapping a type check in one shared function: the hot loop
 * calls every column's check from one place, and a shared wrapper's own call to the type check would be as
 * unpredictable; written out, each function's calls always go to the same place, and V8 inlines them.
 */
export function compileCellCheck(column: ColumnSpec): CellCheck {
  const at: ColumnLimits = {
    name: column.name,
    max: column.maxLength ?? Infinity,
    soft: column.softMaxLength ?? Infinity,
    clearReason: column.clearable ? null : whyNotClearable(column),
  };
  const name = column.name;
  const pattern = column.pattern ? new RegExp(column.pattern) : null;
  switch (column.type) {
    case "text":
      return pattern ? patternCheck(column, pattern, at) : (text) => (isClearLike(text) ? clearProblem(text, at) : lengthProblem(text, at));
    case "integer":
      return (text) => (isClearLike(text) ? clearProblem(text, at) : isInteger(text) ? lengthProblem(text, at) : integerProblem(text, name));
    case "decimal":
      return (text) => (isClearLike(text) ? clearProblem(text, at) : isDecimal(text) ? lengthProblem(text, at) : { code: "not-number", params: { value: shown(text), column: name } });
    case "latitude":
      return rangeCheck(at, -90, 90, " Latitudes run from -90 to 90; is it a longitude?");
    case "longitude":
      return rangeCheck(at, -180, 180, "");
    case "date":
      return (text) => (isClearLike(text) ? clearProblem(text, at) : (dateProblem(text, checkDate(text), "date-format") ?? lengthProblem(text, at)));
    case "datetime":
      return (text) => (isClearLike(text) ? clearProblem(text, at) : (dateProblem(text, checkDateTime(text), "datetime-format") ?? lengthProblem(text, at)));
    case "code":
      if (column.codes) return codeCheck(column, column.codes, at);
      return pattern ? patternCheck(column, pattern, at) : (text) => (isClearLike(text) ? clearProblem(text, at) : lengthProblem(text, at));
    case "flag":
      return (text) => (isClearLike(text) ? clearProblem(text, at) : text === "Y" || text === "N" ? lengthProblem(text, at) : flagProblem(text, name));
    case "email":
      return (text) => (isClearLike(text) ? clearProblem(text, at) : EMAIL.test(text) ? lengthProblem(text, at) : { code: "invalid-email", params: { value: shown(text), column: name } });
    case "year": {
      const max = new Date().getUTCFullYear() + 1;
      return (text) => {
        if (isClearLike(text)) return clearProblem(text, at);
        const year = text.length === 4 ? digitsValue(text) : -1;
        return year >= 1800 && year <= max ? lengthProblem(text, at) : { code: "invalid-year", params: { value: shown(text), max } };
      };
    }
  }
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

/** _CLEAR_ in any case: seven characters from an underscore, so most values are ruled out by two comparisons. */
function isClearLike(text: string): boolean {
  return text.length === 7 && text.charCodeAt(0) === 95 /* _ */ && text.toUpperCase() === CLEAR;
}

function clearProblem(text: string, at: ColumnLimits): Problem | null {
  if (text !== CLEAR) return { code: "clear-token-case", params: { value: text } };
  return at.clearReason === null ? null : { code: "clear-not-allowed", params: { column: at.name, reason: at.clearReason } };
}

function lengthProblem(text: string, at: ColumnLimits): Problem | null {
  if (text.length > at.max) return { code: "too-long", params: { value: shown(text), length: text.length, column: at.name, limit: at.max } };
  if (text.length > at.soft) return { code: "export-length", params: { value: shown(text), length: text.length, column: at.name, limit: at.soft } };
  return null;
}

function integerProblem(text: string, name: string): Problem {
  return { code: isDecimal(text) || /\d/.test(text) ? "not-integer" : "not-number", params: { value: shown(text), column: name } };
}

function dateProblem(text: string, verdict: DateVerdict, formatCode: "date-format" | "datetime-format"): Problem | null {
  if (verdict.ok) return null;
  if (verdict.kind === "impossible") return { code: "invalid-date", params: { value: shown(text), detail: verdict.detail } };
  return { code: formatCode, params: { value: shown(text), suggestion: suggestIsoDate(text) } };
}

/** The flag a word clearly means (yes, no, true, false in any case and spacing), as the error message suggests it. */
export function flagOf(text: string): "Y" | "N" | null {
  return FLAG_WORDS[text.trim().toUpperCase()] ?? null;
}

function flagProblem(text: string, name: string): Problem {
  const word = flagOf(text);
  return { code: "invalid-flag", params: { value: shown(text), column: name, suggestion: word ? ` Write it as ${word}.` : "" } };
}

function patternCheck(column: ColumnSpec, pattern: RegExp, at: ColumnLimits): CellCheck {
  const hint = column.patternHint ?? `in the form ${column.pattern}`;
  return (text) => {
    if (isClearLike(text)) return clearProblem(text, at);
    return pattern.test(text) ? lengthProblem(text, at) : { code: "pattern", params: { value: shown(text), hint, column: at.name } };
  };
}

function rangeCheck(at: ColumnLimits, min: number, max: number, hint: string): CellCheck {
  return (text) => {
    if (isClearLike(text)) return clearProblem(text, at);
    if (!isDecimal(text)) return { code: "not-number", params: { value: shown(text), column: at.name } };
    if (surelyWithin(text, min, max)) return lengthProblem(text, at);
    const n = Number(text);
    return n >= min && n <= max ? lengthProblem(text, at) : { code: "out-of-range", params: { value: shown(text), min, max, column: at.name, hint } };
  };
}

function codeCheck(column: ColumnSpec, codes: string[], at: ColumnLimits): CellCheck {
  const ignoreCase = column.codesIgnoreCase === true;
  const allowed = new Set(ignoreCase ? codes.map((c) => c.toUpperCase()) : codes);
  const upper = new Map(codes.map((c) => [c.toUpperCase(), c]));
  const listed = codes.length <= 12 ? listOf(codes) : `one of the ${codes.length} codes of the spec (${codes.slice(0, 4).join(", ")}, ...)`;
  return (text) => {
    if (isClearLike(text)) return clearProblem(text, at);
    // Codes are nearly always written as listed: try that before making an upper-case copy.
    if (allowed.has(text) || (ignoreCase && allowed.has(text.toUpperCase()))) return lengthProblem(text, at);
    const near = nearCode(text, upper);
    return { code: "invalid-code", params: { value: shown(text), column: column.name, allowed: listed, suggestion: near ? ` Write it as ${near}.` : "" } };
  };
}

/** The allowed code a value is, ignoring case and surrounding spaces; undefined when it is none. */
function nearCode(text: string, upper: ReadonlyMap<string, string>): string | undefined {
  return upper.get(text.trim().toUpperCase());
}

/** The code of the column's list that a value is, ignoring case and spaces around it: the engine's own suggestion. */
export function codeOf(text: string, codes: readonly string[]): string | null {
  return nearCode(text, new Map(codes.map((c) => [c.toUpperCase(), c]))) ?? null;
}

function listOf(codes: string[]): string {
  return codes.length === 1 ? codes[0] : `${codes.slice(0, -1).join(", ")} or ${codes[codes.length - 1]}`;
}

/*
 * Number shapes by character codes rather than regular expressions: numbers fill several columns of every row.
 */

/** /^[+-]?\d+$/: an optional sign, then ASCII digits. */
export function isInteger(text: string): boolean {
  const start = signLength(text);
  if (start === text.length) return false;
  for (let i = start; i < text.length; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/** /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/: an optional sign, digits with at most one decimal point, at least one digit. */
export function isDecimal(text: string): boolean {
  let digits = 0;
  let point = false;
  for (let i = signLength(text); i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (c === 46 /* . */ && !point) point = true;
    else return false;
  }
  return digits > 0;
}

/** The value of a run of ASCII digits (short: no sign, no point), or -1 when there is anything else. */
export function digitsValue(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return text.length === 0 ? -1 : n;
}

/**
 * Whether a decimal (see isDecimal) is certainly within [min, max] by its whole part alone, the common case, which
 * spares converting it: its size is below the whole part plus one. False means "look closer", not "outside".
 */
export function surelyWithin(text: string, min: number, max: number): boolean {
  const negative = text.charCodeAt(0) === 45; /* - */
  let whole = 0;
  for (let i = signLength(text); i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) break;
    whole = whole * 10 + (c - 48);
    if (whole > 1e9) return false;
  }
  return negative ? max >= 0 && -(whole + 1) >= min : min <= 0 && whole + 1 <= max;
}

function signLength(text: string): number {
  const c = text.charCodeAt(0);
  return c === 43 /* + */ || c === 45 /* - */ ? 1 : 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
