/**
 * Dates as the Data Exchange files write them (YYYY-MM-DD, and YYYY-MM-DD HH:MM[:SS] for read times) and as Excel
 * stores them (serial day numbers in the 1900 date system).
 */

const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?$/;
const YEAR_FIRST_SLASHED = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

export type DateVerdict = { ok: true } | { ok: false; kind: "format" } | { ok: false; kind: "impossible"; detail: string };

const VALID: DateVerdict = { ok: true };
const BAD_FORMAT: DateVerdict = { ok: false, kind: "format" };

export function checkDate(text: string): DateVerdict {
  if (text.length !== 10) return BAD_FORMAT;
  // By character codes rather than a regular expression: dates fill several columns of every row.
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  if (year < 0 || month < 0 || day < 0 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return BAD_FORMAT;
  return checkParts(year, month, day);
}

/** The number written by the digits from `start` to `end`, or -1 when one of them is not a digit. */
function digits(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A read time: a date, optionally with hours and minutes, seconds and a zone. */
export function checkDateTime(text: string): DateVerdict {
  if (text.length === 10) return checkDate(text);
  const m = ISO_DATETIME.exec(text);
  if (!m) return { ok: false, kind: "format" };
  const date = checkParts(+m[1], +m[2], +m[3]);
  if (!date.ok) return date;
  if (m[4] !== undefined && (+m[4] > 23 || +m[5] > 59 || (m[6] !== undefined && +m[6] > 59))) {
    return { ok: false, kind: "impossible", detail: `${m[4]}:${m[5]}${m[6] === undefined ? "" : ":" + m[6]} is not a time of day` };
  }
  return VALID;
}

function checkParts(year: number, month: number, day: number): DateVerdict {
  if (month < 1 || month > 12) return { ok: false, kind: "impossible", detail: `there is no month ${month}` };
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return { ok: false, kind: "impossible", detail: `${MONTHS[month - 1]} ${year} has ${days} days` };
  }
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return { ok: false, kind: "impossible", detail: `the year ${year} is outside ${MIN_YEAR} to ${MAX_YEAR}` };
  }
  return VALID;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A date written another common way, read as YYYY-MM-DD; `ambiguous` when the day could also be the month. */
export interface DateReading {
  iso: string;
  ambiguous: boolean;
  /** The text also gave a time of day (which the reading leaves out). */
  hasTime: boolean;
}

/**
 * Reads a date written another common way (2020/5/1, 5/13/2020, 13.5.2020, 5/1/20). US month-first is assumed for
 * slashed dates, and flagged as an assumption when the day could also be the month. Null when it is no such date or
 * not a real one.
 */
export function readOtherDate(text: string): DateReading | null {
  const trimmed = text.trim();
  const yearFirst = YEAR_FIRST_SLASHED.exec(trimmed);
  if (yearFirst) return reading(+yearFirst[1], +yearFirst[2], +yearFirst[3], false, false);
  const m = SLASHED.exec(trimmed);
  if (!m) return null;
  const first = +m[1];
  const second = +m[2];
  const year = m[3].length === 2 ? 2000 + +m[3] : +m[3];
  const hasTime = /\s\d/.test(trimmed);
  if (first > 12 && second <= 12) return reading(year, second, first, false, hasTime);
  return reading(year, first, second, first <= 12 && second <= 12 && first !== second, hasTime);
}

/**
 * The ISO spelling of a date written another common way, for the error message; US month-first is assumed for
 * slashed dates, and said to be an assumption when the day could also be the month.
 */
export function suggestIsoDate(text: string): string {
  const read = readOtherDate(text);
  if (!read) return "";
  return read.ambiguous ? `; if the month comes first, write ${read.iso}` : `; write ${read.iso}`;
}

function reading(year: number, month: number, day: number, ambiguous: boolean, hasTime: boolean): DateReading | null {
  if (!checkParts(year, month, day).ok) return null;
  return { iso: `${year}-${pad(month)}-${pad(day)}`, ambiguous, hasTime };
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Largest serial Excel shows as a date (9999-12-31). */
export const MAX_DATE_SERIAL = 2958465;
const MS_PER_DAY = 86_400_000;
/** Serial 0 of the 1900 system, as JavaScript time; right for serials from 61 on (after Excel's phantom 1900-02-29). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);

/** Turns an Excel serial date into YYYY-MM-DD, or YYYY-MM-DD HH:MM[:SS] when `withTime` and it has a time part. */
export function serialToIso(serial: number, withTime: boolean): string {
  const adjusted = serial < 61 ? serial + 1 : serial; // Excel counts a 1900-02-29 that never was
  const ms = Math.round((adjusted * MS_PER_DAY) / 1000) * 1000 + EPOCH_1900;
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (!withTime || ms % MS_PER_DAY === 0) return date;
  const seconds = d.getUTCSeconds();
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds ? ":" + pad(seconds) : ""}`;
}

/** The Excel serial of a JavaScript date read from a workbook (whose clock fields are the cell's, in UTC). */
export function dateToSerial(date: Date): number {
  const serial = (date.getTime() - EPOCH_1900) / MS_PER_DAY;
  return serial < 61 ? serial - 1 : serial;
}
