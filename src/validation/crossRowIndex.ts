import type { CrossRule } from "./crossRowRules";
import type { MeetingPoints } from "./meetingPoints";
import { detach } from "./problem";
import { insertInOrder, isLoneRow, newRowState, type Group, type GroupFinding, type Member, type RowState, type Slot } from "./rowState";

/**
 * Where rows meet for the cross-row rules. Rows are indexed by a partition value, and each rule judges only rows of
 * one partition: rules whose keys start with the same column (Location_ID for the compound-meter, service-point,
 * history and location-consistency rules) share one index on that column's value, so a row costs one hash-map entry a
 * partition rather than one a rule; a rule whose key starts elsewhere gets an index of its own keys.
 *
 * A partition value held by one row stays that bare row: a lone row breaks no cross-row rule, and most values (an
 * account, a meter) are held by one row. Two rows on a value make a Group, judged again whenever its rows change.
 */
export class CrossRowIndex {
  private readonly indexes: Array<{ position: number; rules: number[]; participates: Array<(texts: readonly string[]) => boolean> }> = [];
  private readonly slots: Map<string, Slot>[];
  /** Where each rule's [key, payload] pairs start in a row's `entries`, after one partition value an index. */
  private readonly entryBase: number[];
  private readonly entryLength: number;
  private readonly dirty = new Set<Group>();
  /** Bumped by every change to the partitions, so the findings by row are gathered again only after one. */
  private version = 0;
  private byRow: { version: number; map: Map<RowState, GroupFinding[]> } | null = null;
  private enteringRow: RowState | null = null;
  private enteringAt = 0;
  /** Where `recordKey` files the hashes of a rule with its own index: the row being looked at, and its index. */
  private points: MeetingPoints | null = null;
  private pointsRow = 0;
  private pointsIndex = 0;
  /** Bound once, like `enter`. */
  private readonly recordKey = (key: string): void => this.points!.record(this.pointsRow, this.pointsIndex, hashOf(key));
  /** Bound once, so entering keys allocates no closure a row. */
  private readonly enter = (key: string, payload: string): void => {
    const entries = (this.enteringRow!.entries ??= new Array<string | undefined>(this.entryLength));
    entries[this.enteringAt] = key;
    entries[this.enteringAt + 1] = payload;
    this.enteringAt += 2;
  };

  constructor(private readonly rules: readonly CrossRule[]) {
    const byColumn = new Map<number, number>();
    const anywhere: number[] = [];
    rules.forEach((rule, r) => {
      if (rule.partition === "any") anywhere.push(r);
      else if (rule.partition === "own") this.indexes.push({ position: -1, rules: [r], participates: [] });
      else {
        const existing = byColumn.get(rule.partition);
        if (existing !== undefined) this.indexes[existing].rules.push(r);
        else {
          byColumn.set(rule.partition, this.indexes.length);
          this.indexes.push({ position: rule.partition, rules: [r], participates: [] });
        }
      }
    });
    // Rules that hold in any partition (exact duplicate rows agree on every column) join the first column index.
    for (const r of anywhere) {
      const host = this.indexes.find((index) => index.position >= 0);
      if (host) host.rules.push(r);
      else this.indexes.push({ position: -1, rules: [r], participates: [] });
    }
    for (const index of this.indexes) index.participates = index.rules.map((r) => rules[r].participates);
    this.slots = this.indexes.map(() => new Map());
    let base = this.indexes.length;
    this.entryBase = rules.map((rule) => {
      const start = base;
      base += 2 * rule.slots;
      return start;
    });
    this.entryLength = base;
  }

  /** How many partition indexes the rules need. */
  get partitions(): number {
    return this.indexes.length;
  }

  /**
   * Records the row's keys and enters it in its partitions: all of them, or those of `only`, a bit mask of partition
   * indexes (bit i for index i). Leaving out a partition where the row meets no other row changes no finding, since a
   * lone row breaks no rule, and saves building its keys.
   *
   * With `counted` (a two-pass session's second pass), a group the row completes is judged at once: see judgeNow.
   */
  add(row: RowState, texts: readonly string[], only = ALL_PARTITIONS, counted: MeetingPoints | null = null): void {
    this.version++;
    this.enteringRow = row;
    for (let i = 0; i < this.indexes.length; i++) {
      if (!inMask(only, i)) continue;
      for (const r of this.indexes[i].rules) {
        this.enteringAt = this.entryBase[r];
        this.rules[r].keys(texts, row, this.enter);
      }
    }
    this.enteringRow = null;
    const entries = row.entries;
    if (entries === null) return;
    for (let i = 0; i < this.indexes.length; i++) {
      if (!inMask(only, i)) continue;
      const { position, rules } = this.indexes[i];
      if (position < 0) {
        for (const key of this.ownKeys(entries, rules[0])) this.join(i, key, row);
      } else if (this.entersAny(entries, rules)) {
        const value = detach(texts[position] ?? "");
        entries[i] = value;
        const slot = this.join(i, value, row);
        if (counted !== null && !isLoneRow(slot) && slot.members.length === counted.sharing(i, row.index)) this.judgeNow(slot);
      }
    }
  }

  /**
   * Records in `points`, for data row `row`, a hash of each partition value the row would be entered under, building
   * no strings: a first pass over a file collects these, and only rows whose hash meets another row's need the full
   * entry.
   */
  meetingPoints(texts: readonly string[], row: number, points: MeetingPoints): void {
    for (let i = 0; i < this.indexes.length; i++) {
      const { position, rules, participates } = this.indexes[i];
      if (position < 0) {
        this.points = points;
        this.pointsRow = row;
        this.pointsIndex = i;
        this.rules[rules[0]].keys(texts, NO_ROW, this.recordKey);
        continue;
      }
      for (let k = 0; k < participates.length; k++) {
        if (participates[k](texts)) {
          points.record(row, i, hashOf(texts[position] ?? ""));
          break;
        }
      }
    }
  }

  /**
   * Judges a group (under a column's value) that holds every row whose value there has the group's hash, as the first
   * pass counted them, and lets its rows' keys there go. No other row can join it (a row with the value has the hash),
   * so its findings are final; and the keys, most of what a row keeps, then die young instead of being copied into the
   * old generation and kept to the end (on the benchmark file nearly every group is rows close together: a compound
   * meter's two, an account's). A group of values whose hashes collide never reaches its count and is judged in
   * `flush`, as before.
   */
  private judgeNow(group: Group): void {
    this.dirty.delete(group);
    group.findings = this.judge(group);
    for (const member of group.members) this.release(member, group.index);
    // Kept to the end now: cut to size a list that grew by pushing (which leaves room for sixteen more).
    if (group.members.length > 2) group.members = group.members.slice();
  }

  /** Forgets a row's keys under partition index `index` (judged for good); the row keeps nothing once all are. */
  private release(row: RowState, index: number): void {
    const entries = row.entries;
    if (entries === null) return;
    entries[index] = undefined;
    for (const r of this.indexes[index].rules) entries.fill(undefined, this.entryBase[r], this.entryBase[r] + 2 * this.rules[r].slots);
    for (let k = 0; k < entries.length; k++) if (entries[k] !== undefined) return;
    row.entries = null;
  }

  /** Takes the row out of its partitions, before it is re-checked or deleted. */
  remove(row: RowState): void {
    this.version++;
    this.forEachPartition(row, (i, key) => {
      const slots = this.slots[i];
      const slot = slots.get(key);
      if (slot === row) slots.delete(key);
      else if (slot !== undefined && !isLoneRow(slot)) {
        const at = slot.members.indexOf(row);
        if (at >= 0) slot.members.splice(at, 1);
        this.dirty.add(slot);
      }
    });
    row.entries = null;
  }

  /** Re-judges the partitions that changed; adds to `touched` (if given) every row whose cross-row findings may differ. */
  flush(touched: Set<RowState> | null): void {
    if (this.dirty.size === 0) return;
    this.version++;
    for (const group of this.dirty) {
      if (touched) for (const finding of group.findings) touched.add(finding.target);
      group.findings = NO_FINDINGS;
      const slots = this.slots[group.index];
      if (slots.get(group.key) !== group) continue;
      // A partition down to one row (or none) breaks no rule: it goes back to a lone row, or away.
      if (group.members.length <= 1) {
        if (group.members.length === 1) slots.set(group.key, group.members[0]);
        else slots.delete(group.key);
        continue;
      }
      group.findings = this.judge(group);
      if (touched) for (const finding of group.findings) touched.add(finding.target);
    }
    this.dirty.clear();
  }

  /**
   * Every cross-row finding, by the row it sits on (call after flush). Kept until the partitions change, since a
   * report reads it more than once (the counts, the file-level errors, the findings); treat it as read-only.
   */
  findingsByRow(): ReadonlyMap<RowState, readonly GroupFinding[]> {
    if (this.byRow?.version === this.version) return this.byRow.map;
    const byRow = new Map<RowState, GroupFinding[]>();
    for (const slots of this.slots) {
      for (const slot of slots.values()) {
        if (isLoneRow(slot)) continue;
        for (const finding of slot.findings) {
          const list = byRow.get(finding.target);
          if (list) list.push(finding);
          else byRow.set(finding.target, [finding]);
        }
      }
    }
    this.byRow = { version: this.version, map: byRow };
    return byRow;
  }

  /** The cross-row findings on one row (call after flush). */
  findingsOf(row: RowState): GroupFinding[] {
    const found: GroupFinding[] = [];
    const seen = new Set<Group>();
    this.forEachPartition(row, (i, key) => {
      const slot = this.slots[i].get(key);
      if (slot === undefined || isLoneRow(slot) || seen.has(slot)) return;
      seen.add(slot);
      for (const finding of slot.findings) if (finding.target === row) found.push(finding);
    });
    return found;
  }

  private entersAny(entries: ReadonlyArray<string | undefined>, rules: readonly number[]): boolean {
    for (let k = 0; k < rules.length; k++) if (entries[this.entryBase[rules[k]]] !== undefined) return true;
    return false;
  }

  /** Enters the row under `key` in partition `index`; returns the slot it is now in (itself, alone, or a group). */
  private join(index: number, key: string, row: RowState): Slot {
    const slots = this.slots[index];
    const slot = slots.get(key);
    if (slot === undefined) {
      slots.set(key, row);
      return row;
    }
    let group: Group;
    if (isLoneRow(slot)) {
      // Both rows in one literal, which holds exactly two, where pushing the second would make room for seventeen: most
      // groups stay two rows, and a two-pass session keeps every group to the end.
      group = { index, key, members: slot.index < row.index ? [slot, row] : [row, slot], findings: NO_FINDINGS };
      slots.set(key, group);
    } else {
      group = slot;
      insertInOrder(group.members, row);
    }
    this.dirty.add(group);
    return group;
  }

  /** Runs each rule of the partition over the partition's rows that share the rule's full key. */
  private judge(group: Group): readonly GroupFinding[] {
    const { position, rules } = this.indexes[group.index];
    const findings: GroupFinding[] = [];
    for (const r of rules) {
      const start = this.entryBase[r];
      const end = start + 2 * this.rules[r].slots;
      const members: Member[] = [];
      // Most often every row of the partition holds the same key (a meter's two registers, an account's rows):
      // then they are judged together as they stand, and no map of keys is needed.
      let sameKey = true;
      for (const row of group.members) {
        const entries = row.entries!;
        for (let at = start; at < end; at += 2) {
          const key = entries[at];
          if (key === undefined || (position < 0 && r === rules[0] && key !== group.key)) continue;
          if (members.length > 0 && key !== members[0].key) sameKey = false;
          members.push({ row, partition: group.key, key, payload: entries[at + 1] ?? "" });
        }
      }
      if (members.length < 2) continue;
      if (sameKey) {
        findings.push(...this.rules[r].evaluate(members));
        continue;
      }
      const byKey = new Map<string, Member[]>();
      for (const member of members) {
        const same = byKey.get(member.key);
        if (same) same.push(member);
        else byKey.set(member.key, [member]);
      }
      for (const same of byKey.values()) if (same.length > 1) findings.push(...this.rules[r].evaluate(same));
    }
    // Kept until the report is written: an exact copy rather than a list with room to grow.
    return findings.length === 0 ? NO_FINDINGS : findings.slice();
  }

  private *ownKeys(entries: ReadonlyArray<string | undefined>, rule: number): Iterable<string> {
    const end = this.entryBase[rule] + 2 * this.rules[rule].slots;
    for (let at = this.entryBase[rule]; at < end; at += 2) {
      const key = entries[at];
      if (key !== undefined) yield key;
    }
  }

  private forEachPartition(row: RowState, visit: (index: number, key: string) => void): void {
    const entries = row.entries;
    if (entries === null) return;
    for (let i = 0; i < this.indexes.length; i++) {
      const { position, rules } = this.indexes[i];
      if (position < 0) for (const key of this.ownKeys(entries, rules[0])) visit(i, key);
      else if (entries[i] !== undefined) visit(i, entries[i]!);
    }
  }
}

/** The findings of a group that breaks no rule (most), shared rather than an empty array a group. */
const NO_FINDINGS: readonly GroupFinding[] = Object.freeze([]);

/** Every partition index, as a mask for `add`. */
export const ALL_PARTITIONS = -1;

function inMask(mask: number, index: number): boolean {
  return index >= 31 || (mask & (1 << index)) !== 0;
}

/** Rules with their own index key on texts alone; this stands in for the row they are not given. */
const NO_ROW = newRowState(-1);

/** FNV-1a over UTF-16 code units. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}
