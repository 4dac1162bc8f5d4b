import type { Code } from "./catalogue";

export type Params = Record<string, string | number>;

/** A finding before it is placed on a row: its code and what its message needs. */
export interface Problem {
  code: Code;
  params: Params;
}

/** Longest value quoted in a message; longer ones are cut with an ellipsis so a message stays one line. */
const SHOWN = 60;

export function shown(value: string): string {
  // Three dots rather than an ellipsis character, which would make every message holding one a two-byte string.
  return value.length > SHOWN ? `${detach(value.slice(0, SHOWN - 3))}...` : detach(value);
}

/**
 * A copy of a cell's text that does not keep the parser's buffer alive. V8 cuts strings of 13 characters or more out
 * of their source as slices that pin the whole source (a megabyte of CSV) for as long as the slice is kept; the
 * engine keeps a few texts a row, which would otherwise pin the entire file.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : (" " + text).slice(1);
}

/** A problem placed on a column of a row; position -1 means the row as a whole. */
export interface PlacedProblem extends Problem {
  position: number;
  /**
   * For a problem found in one cell's text by the cell checks alone: that text, from which the same check makes the
   * same parameters again (see ProblemLog, which keeps only this).
   */
  cell?: string;
}

/** Blank for every rule: empty or only spaces. A lone space is not data BEACON can use. */
export function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  // Nearly every value starts with a visible ASCII character, which no kind of space is: no need to trim.
  const first = text.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  return text.trim().length === 0;
}
