/**
 * Safe fixes: for a finding's code and the cell as it now stands, the text the cell should hold instead, or null when
 * there is no fix we can be sure of. Sure means the engine itself already names the one right value (its message
 * says "Write it as W", "write 2020-05-13"), or the fix changes only how the cell holds what the file would carry
 * anyway (an ID stored as a number, a date stored as a plain number). Never a guess: a slashed date that reads two
 * ways, a time that would be dropped, a word that is not clearly yes or no all get null.
 *
 * Pure (no Office): the add-in reads the cells and writes the result; the rules live here with the engine.
 */
import type { ColumnSpec } from "../spec/types";
import type { Code } from "./catalogue";
import { codeOf, flagOf } from "./cellChecks";
import { cellText, displayedNumber, numberText, type CellValue } from "./cellText";
import { checkDate, checkDateTime, readOtherDate } from "./dates";

/** A cell as read from the sheet for a fix. */
export interface CellNow {
  value: CellValue;
  /** What Excel displays (Range.text). */
  text: string;
  numberFormat: string;
}

export interface Fix {
  /** The cell's new text. */
  text: string;
  /** Also format the cell as Text ("@"), so Excel keeps the text as written (an ID with leading zeros). */
  asText: boolean;
}

export const FIXABLE_CODES: readonly Code[] = ["whitespace", "invalid-code", "invalid-flag", "clear-token-case", "date-format", "datetime-format", "number-stored-id", "date-serial"];

const CLEAR = "_CLEAR_";

/** The safe fix of a finding with this code on this cell, or null. */
export function fixFor(code: string, cell: CellNow, column: ColumnSpec): Fix | null {
  const value = cell.value;
  // What the file would carry for the cell: the engine checked this text.
  const current = cellText(value, column, cell.numberFormat).text;
  const changed = (text: string | null | undefined): Fix | null => (text === null || text === undefined || text === current ? null : { text, asText: false });
  // A number turned into text: the same characters may be sent, but the cell changes what it holds.
  const asTextOf = (text: string | null, asText: boolean): Fix | null => (text === null ? null : { text, asText });
  switch (code) {
    case "whitespace":
      // A number or a boolean has no spaces to trim.
      return typeof value === "string" ? changed(value.trim()) : null;
    case "invalid-code":
      return column.codes ? changed(codeOf(current, column.codes)) : null;
    case "invalid-flag":
      return changed(flagOf(current));
    case "clear-token-case":
      return current.trim().toUpperCase() === CLEAR ? changed(CLEAR) : null;
    case "date-format":
    case "datetime-format":
      return typeof value === "string" ? changed(otherDateAsIso(value)) : null;
    case "number-stored-id":
      return typeof value === "number" && column.keepAsText ? asTextOf(idText(value, cell.text, cell.numberFormat), true) : null;
    case "date-serial":
      return typeof value === "number" ? asTextOf(serialAsIso(value, column, current), false) : null;
    default:
      return null;
  }
}

/** A date written another way, as YYYY-MM-DD: only when it reads one way and carries no time that would be lost. */
function otherDateAsIso(text: string): string | null {
  const reading = readOtherDate(text);
  return reading && !reading.ambiguous && !reading.hasTime ? reading.iso : null;
}

/**
 * The ID as the cell shows it ("00123" under a "00000" format) when that is the same number; otherwise its digits in
 * full (General shows a long ID as 1.23457E+11, which is not the ID). A column too narrow shows "#####": then the
 * format says the padding. Null for what is no whole number or a decimal that shows otherwise: then we cannot tell
 * what the ID was meant to be.
 */
function idText(value: number, shown: string, numberFormat = "General"): string | null {
  for (const text of [shown, displayedNumber(value, numberFormat)]) if (/^\d+(\.\d+)?$/.test(text) && Number(text) === value) return text;
  return Number.isSafeInteger(value) && value >= 0 ? numberText(value) : null;
}

/**
 * A date serial in a cell not formatted as a date, written as the date the file carries anyway (so the fix changes
 * nothing that is sent). Refused when a date column's serial has a time part (is it a date at all?) or the date is
 * outside the years the engine takes.
 */
function serialAsIso(value: number, column: ColumnSpec, current: string): string | null {
  if (column.type === "date") return Number.isInteger(value) && value >= 1 && checkDate(current).ok ? current : null;
  if (column.type === "datetime") return value >= 1 && checkDateTime(current).ok ? current : null;
  return null;
}

/**
 * What the fix of a finding would do, in a few words for a button, or null when it has none. From the finding alone
 * (its code and the value or suggestion its message carries, as the catalogue's templates write them), so it is cheap
 * enough for every row of a list.
 */
export function fixLabel(finding: { code: string; message: string }): string | null {
  const { code, message } = finding;
  switch (code) {
    case "whitespace":
      return "Trim the spaces";
    case "invalid-code": {
      const code = / Write it as (.+)\.$/.exec(message)?.[1];
      return code === undefined ? null : `Write the code as ${code}`;
    }
    case "invalid-flag": {
      const flag = / Write it as ([YN])\.$/.exec(message)?.[1];
      return flag === undefined ? null : `Write ${flag}`;
    }
    case "clear-token-case":
      return "Write _CLEAR_ in capitals";
    case "date-format":
    case "datetime-format": {
      const value = /^"(.*)" is not written as /.exec(message)?.[1];
      const iso = value === undefined ? null : otherDateAsIso(value);
      return iso === null ? null : `Write the date as ${iso}`;
    }
    case "number-stored-id": {
      const m = / holds the number (\S+)(?: \(shown as (.+)\))?, so the file will carry /.exec(message);
      if (!m) return null;
      const shown = m[2] !== undefined && idText(Number(m[1]), m[2]) === m[2] ? m[2] : m[1];
      return /^\d+(\.\d+)?$/.test(shown) ? `Store the ID as text: ${shown}` : null;
    }
    case "date-serial": {
      const m = /^The cell shows the number (\S+), not a date; it will be sent as (.+?)\. /.exec(message);
      if (!m) return null;
      // A fraction shown in a date column (the text sent has no time): not clearly a date.
      if (!/^\d+$/.test(m[1]) && !/ /.test(m[2])) return null;
      return checkDateTime(m[2]).ok ? `Write the date as ${m[2]}` : null;
    }
    default:
      return null;
  }
}

/** The label of a fix applied to every finding of the code in a column (their values differ). */
export function fixAllLabel(code: string): string | null {
  switch (code) {
    case "whitespace":
      return "Trim the spaces";
    case "invalid-code":
      return "Write each code as the spec writes it";
    case "invalid-flag":
      return "Write each flag as Y or N";
    case "clear-token-case":
      return "Write _CLEAR_ in capitals";
    case "date-format":
    case "datetime-format":
    case "date-serial":
      return "Write each date as YYYY-MM-DD";
    case "number-stored-id":
      return "Store each ID as text";
    default:
      return null;
  }
}
