import type { Code } from "./catalogue";
import type { Params, PlacedProblem } from "./problem";

/**
 * What the engine keeps of one data row: its findings and the cross-row groups it is in, but not its cells, so a
 * file can be checked as it streams past. `index` is the row's place among the data rows; it moves when rows are
 * inserted or deleted above, and every row number in a message is read from it when the message is written.
 */
export class RowState {
  blank = false;
  /** Number of cells the row had, to spot CSV rows shorter than the header. */
  length = 0;
  /** Hash of all the row's texts, to spot exact duplicates. */
  hash = "";
  /** Cell and row-rule findings. */
  problems: PlacedProblem[] | null = null;
  /** Positions without a header that hold a value in this row. */
  stray: number[] | null = null;
  memberships: Membership[] = [];

  constructor(public index: number) {}
}

export interface Membership {
  row: RowState;
  group: Group;
  /** The few texts the rule needs from the row (a register number, an owner, a date). */
  payload: readonly string[];
}

/** Rows that share a key under one cross-row rule, and what the rule found among them. */
export interface Group {
  rule: number;
  key: string;
  /** Kept in row order. */
  members: Membership[];
  findings: GroupFinding[];
}

export interface GroupFinding {
  target: RowState;
  position: number;
  code: Code;
  params: Params;
  /** Rows named in the message ({other}); their numbers are read when the message is written. */
  refs?: Record<string, RowState>;
}

/** Adds a membership to its group, keeping the members in row order. */
export function join(group: Group, membership: Membership): void {
  const members = group.members;
  const index = membership.row.index;
  if (members.length === 0 || members[members.length - 1].row.index < index) {
    members.push(membership);
    return;
  }
  let lo = 0;
  let hi = members.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (members[mid].row.index < index) lo = mid + 1;
    else hi = mid;
  }
  members.splice(lo, 0, membership);
}

export function leave(group: Group, membership: Membership): void {
  const at = group.members.indexOf(membership);
  if (at >= 0) group.members.splice(at, 1);
}
