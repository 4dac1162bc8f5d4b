import type { CrossRule } from "./crossRowRules";
import { detach } from "./problem";
import { insertInOrder, RowState, type Group, type GroupFinding, type Member, type Slot } from "./rowState";

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
  private readonly indexes: Array<{ position: number; rules: number[] }> = [];
  private readonly slots: Map<string, Slot>[];
  /** Where each rule's [key, payload] pairs start in a row's `entries`, after one partition value an index. */
  private readonly entryBase: number[];
  private readonly entryLength: number;
  private readonly dirty = new Set<Group>();
  private enteringRow: RowState | null = null;
  private enteringAt = 0;
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
      else if (rule.partition === "own") this.indexes.push({ position: -1, rules: [r] });
      else {
        const existing = byColumn.get(rule.partition);
        if (existing !== undefined) this.indexes[existing].rules.push(r);
        else {
          byColumn.set(rule.partition, this.indexes.length);
          this.indexes.push({ position: rule.partition, rules: [r] });
        }
      }
    });
    // Rules that hold in any partition (exact duplicate rows agree on every column) join the first column index.
    for (const r of anywhere) {
      const host = this.indexes.find((index) => index.position >= 0);
      if (host) host.rules.push(r);
      else this.indexes.push({ position: -1, rules: [r] });
    }
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

  /** Records the row's keys under every rule and enters it in its partitions. */
  add(row: RowState, texts: readonly string[]): void {
    this.enteringRow = row;
    for (let r = 0; r < this.rules.length; r++) {
      this.enteringAt = this.entryBase[r];
      this.rules[r].keys(texts, row, this.enter);
    }
    this.enteringRow = null;
    const entries = row.entries;
    if (entries === null) return;
    for (let i = 0; i < this.indexes.length; i++) {
      const { position, rules } = this.indexes[i];
      if (position < 0) {
        for (const key of this.ownKeys(entries, rules[0])) this.join(i, key, row);
      } else if (rules.some((r) => entries[this.entryBase[r]] !== undefined)) {
        const value = detach(texts[position] ?? "");
        entries[i] = value;
        this.join(i, value, row);
      }
    }
  }

  /**
   * Calls `visit` with a hash of each partition value the row would be entered under, building no strings: a first
   * pass over a file collects these, and only rows whose hash meets another row's need the full entry.
   */
  meetingPoints(texts: readonly string[], visit: (index: number, hash: number) => void): void {
    for (let i = 0; i < this.indexes.length; i++) {
      const { position, rules } = this.indexes[i];
      if (position < 0) this.rules[rules[0]].keys(texts, NO_ROW, (key) => visit(i, hashOf(key)));
      else if (rules.some((r) => this.rules[r].participates(texts))) visit(i, hashOf(texts[position] ?? ""));
    }
  }

  /** Takes the row out of its partitions, before it is re-checked or deleted. */
  remove(row: RowState): void {
    this.forEachPartition(row, (i, key) => {
      const slots = this.slots[i];
      const slot = slots.get(key);
      if (slot === row) slots.delete(key);
      else if (slot !== undefined && !(slot instanceof RowState)) {
        const at = slot.members.indexOf(row);
        if (at >= 0) slot.members.splice(at, 1);
        this.dirty.add(slot);
      }
    });
    row.entries = null;
  }

  /** Re-judges the partitions that changed; adds to `touched` every row whose cross-row findings may differ. */
  flush(touched: Set<RowState>): void {
    for (const group of this.dirty) {
      for (const finding of group.findings) touched.add(finding.target);
      group.findings = [];
      const slots = this.slots[group.index];
      if (slots.get(group.key) !== group) continue;
      // A partition down to one row (or none) breaks no rule: it goes back to a lone row, or away.
      if (group.members.length <= 1) {
        if (group.members.length === 1) slots.set(group.key, group.members[0]);
        else slots.delete(group.key);
        continue;
      }
      group.findings = this.judge(group);
      for (const finding of group.findings) touched.add(finding.target);
    }
    this.dirty.clear();
  }

  /** Every cross-row finding, by the row it sits on (call after flush). */
  findingsByRow(): Map<RowState, GroupFinding[]> {
    const byRow = new Map<RowState, GroupFinding[]>();
    for (const slots of this.slots) {
      for (const slot of slots.values()) {
        if (slot instanceof RowState) continue;
        for (const finding of slot.findings) {
          const list = byRow.get(finding.target);
          if (list) list.push(finding);
          else byRow.set(finding.target, [finding]);
        }
      }
    }
    return byRow;
  }

  /** The cross-row findings on one row (call after flush). */
  findingsOf(row: RowState): GroupFinding[] {
    const found: GroupFinding[] = [];
    const seen = new Set<Group>();
    this.forEachPartition(row, (i, key) => {
      const slot = this.slots[i].get(key);
      if (slot === undefined || slot instanceof RowState || seen.has(slot)) return;
      seen.add(slot);
      for (const finding of slot.findings) if (finding.target === row) found.push(finding);
    });
    return found;
  }

  private join(index: number, key: string, row: RowState): void {
    const slots = this.slots[index];
    const slot = slots.get(key);
    if (slot === undefined) {
      slots.set(key, row);
      return;
    }
    let group: Group;
    if (slot instanceof RowState) {
      group = { index, key, members: [slot], findings: [] };
      slots.set(key, group);
    } else group = slot;
    insertInOrder(group.members, row);
    this.dirty.add(group);
  }

  /** Runs each rule of the partition over the partition's rows that share the rule's full key. */
  private judge(group: Group): GroupFinding[] {
    const { position, rules } = this.indexes[group.index];
    const findings: GroupFinding[] = [];
    for (const r of rules) {
      const byKey = new Map<string, Member[]>();
      const start = this.entryBase[r];
      const end = start + 2 * this.rules[r].slots;
      for (const row of group.members) {
        const entries = row.entries!;
        for (let at = start; at < end; at += 2) {
          const key = entries[at];
          if (key === undefined || (position < 0 && r === rules[0] && key !== group.key)) continue;
          const members = byKey.get(key);
          const member = { row, partition: group.key, key, payload: entries[at + 1] ?? "" };
          if (members) members.push(member);
          else byKey.set(key, [member]);
        }
      }
      for (const members of byKey.values()) if (members.length > 1) findings.push(...this.rules[r].evaluate(members));
    }
    return findings;
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

/** Rules with their own index key on texts alone; this stands in for the row they are not given. */
const NO_ROW = new RowState(-1);

/** FNV-1a over UTF-16 code units. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}
