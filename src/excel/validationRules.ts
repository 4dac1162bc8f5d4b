/**
 * Excel data validation derived from the spec (pure; prepareSheet.ts applies it): a dropdown for a column with a code
 * list (or Y/N for a flag), a text-length limit for a text column with a maximum length, and on every column an input
 * prompt with the column's description. Errors show as a warning the user may override: the engine is the judge
 * (it also knows the _CLEAR_ token and case rules a dropdown cannot), and ordinary paste bypasses Excel's checks anyway.
 */
import type { ColumnSpec } from "../spec/types";

/** Excel's limits: an inline list, an input prompt's title and message, an error alert's title and message. */
export const INLINE_LIST_LIMIT = 255;
const PROMPT_TITLE = 32;
const PROMPT_MESSAGE = 255;
const ALERT_TITLE = 32;
const ALERT_MESSAGE = 225;

export interface ColumnValidation {
  /** The allowed values, for a dropdown. */
  list: string[] | null;
  maxLength: number | null;
  prompt: { title: string; message: string };
  alert: { title: string; message: string } | null;
}

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

export function columnValidation(column: ColumnSpec): ColumnValidation {
  const list = column.type === "flag" ? (column.codes ?? ["Y", "N"]) : column.type === "code" && column.codes ? column.codes : null;
  const textual = column.type === "text" || column.type === "email" || column.type === "code";
  const maxLength = list === null && textual && column.maxLength !== undefined ? column.maxLength : null;
  const prompt = { title: clip(column.name, PROMPT_TITLE), message: clip(column.description || column.name, PROMPT_MESSAGE) };
  let alert: ColumnValidation["alert"] = null;
  if (list) alert = { title: clip(column.name, ALERT_TITLE), message: clip(`Not a value of ${column.name}. Allowed: ${list.join(", ")}`, ALERT_MESSAGE) };
  else if (maxLength !== null) alert = { title: clip(column.name, ALERT_TITLE), message: clip(`${column.name} takes at most ${maxLength} characters.`, ALERT_MESSAGE) };
  return { list, maxLength, prompt, alert };
}

/**
 * The list as an inline source ("W,S,F"), or null when it must live in cells: longer than Excel's 255 characters, or
 * holding a comma or spaces at an end (which an inline list cannot carry).
 */
export function inlineList(list: readonly string[]): string | null {
  const source = list.join(",");
  if (source.length > INLINE_LIST_LIMIT) return null;
  if (list.some((v) => v.includes(",") || v !== v.trim() || v.includes('"'))) return null;
  return source;
}
