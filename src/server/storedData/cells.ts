import { isBlank } from "../../validation/problem";

const CLEAR = "_CLEAR_";

/**
 * The value a row gives at `position`, or "" when it gives none: a missing column (position -1), a short row, a blank
 * cell, or `_CLEAR_`. A blank means "no change", and `_CLEAR_` is never allowed in the ID and date columns these
 * checks read (the engine reports it), so neither names anything to compare with stored data.
 */
export function given(cells: readonly string[], position: number): string {
  const text = cells[position];
  if (text === undefined || text.length === 0) return "";
  const first = text.charCodeAt(0);
  // The common case, a value starting with a printable ASCII character, is not blank: skip the trim.
  if (first > 32 && first < 127) return first === 95 /* _ */ && text === CLEAR ? "" : text;
  return isBlank(text) ? "" : text;
}
