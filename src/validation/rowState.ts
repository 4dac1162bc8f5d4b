import type { Code } from "./catalogue";
import type { Params, PlacedProblem } from "./problem";

/**
 * What the engine keeps of one data row: its findings and its cross-row keys, but not its cells, so a file can be
 * checked as it streams past. `index` is the row's place among the data rows; it moves when rows are inserted or
 * deleted above, and every row number in a message is read from it when the message is written.
 */
export interface RowState {
  blank: boolean;
  /** Hash of all the row's texts, to spot exact duplicates. */
  hash: number;
  /** Cell and row-rule findings. */
  problems: PlacedProblem[] | null;
  /** Positions without a header that hold a value in this row. */
  stray: number[] | null;
  /**
   * The row's cross-row keys, flat: its partition values, then [key, payload] for each slot of each rule (undefined
   * where the row holds none). One array a row, rather than an object a rule, because a 100,000-row sheet would hold
   * eight such objects a row.
   */
  entries: Array<string | undefined> | null;
  index: number;
}

/**
 * A new row's state. Made by an object literal rather than a class: V8 tracks where literals are made and, seeing
 * that nearly every row state lives to the end of the check, makes later ones straight in the old generation, instead
 * of copying a hundred thousand of them out of the young one.
 */
export function newRowState(index: number): RowState {
  return { blank: false, hash: 0, problems: null, stray: null, entries: null, index };
}

/**
 * A row as a cross-row rule sees it. A rule partitioned on its first key column sees that column's value as
 * `partition` and the rest of its key as `key`; a rule with its own index sees its whole key in both.
 */
export interface Member {
  row: RowState;
  partition: string;
  key: string;
  payload: string;
}

/** Two or more rows sharing a partition value, and what the cross-row rules found among them. */
export interface Group {
  /** The partition index the group belongs to. */
  index: number;
  key: string;
  /** Kept in row order. */
  members: RowState[];
  findings: readonly GroupFinding[];
}

/** A partition value is held by one row (most: an account, a meter) or shared by a group; a lone row breaks no rule. */
export type Slot = RowState | Group;

export function isLoneRow(slot: Slot): slot is RowState {
  return (slot as Partial<Group>).members === undefined;
}

export interface GroupFinding {
  target: RowState;
  position: number;
  code: Code;
  params: Params;
  /**
   * The row the message names ({other}): its number is read when the message is written, since rows move, and put in
   * `params.other`, which the finding is made with (as 0), so that writing the number changes no object's shape (a
   * property added to a kept object would need storage of its own, made young and copied out by the collector).
   */
  other?: RowState;
}

/** Adds a row to a group's members, keeping them in row order. */
export function insertInOrder(members: RowState[], row: RowState): void {
  const index = row.index;
  if (members.length === 0 || members[members.length - 1].index < index) {
    members.push(row);
    return;
  }
  let lo = 0;
  let hi = members.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (members[mid].index < index) lo = mid + 1;
    else hi = mid;
  }
  members.splice(lo, 0, row);
}
