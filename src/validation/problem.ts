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
  return value.length > SHOWN ? `${value.slice(0, SHOWN - 1)}…` : value;
}

/** A problem placed on a column of a row; position -1 means the row as a whole. */
export interface PlacedProblem extends Problem {
  position: number;
}

/** Blank for every rule: empty or only spaces. A lone space is not data BEACON can use. */
export function isBlank(text: string): boolean {
  return text.length === 0 || text.trim().length === 0;
}
