import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { mergeFields, type FieldCells } from "./attributes";
import { CLEAR } from "./cellValues";
import type { Dialect } from "./dialect";
import type { PendingWrites } from "./pendingWrites";
import { keyText, selectByKeys } from "./keys";
import type { TableDef } from "./recordTables";
import { KeyFilter, sha256Hex } from "./hashing";
import { loose, slices, type LooseRow } from "./looseDb";
import { insertStatements } from "./statements";

/** Who is importing: every read and write is confined to the organisation, and changed rows carry the import. */
export interface ApplyScope {
  db: Kysely<Database>;
  dialect: Dialect;
  organisationId: string;
  importId: string;
  writes: PendingWrites;
}

/**
 * What one row says about one record. The descriptive fields are not copied out of the row: `cells` is the row
 * and `fields` says which of its cells are the record's (sorted by name), so a batch holds no per-field garbage.
 */
export interface Change extends FieldCells {
  /** Values of the table's key columns, in order. */
  key: readonly string[];
  /** Cells for the table's other relational columns, in order: "" keeps, `_CLEAR_` clears, anything else sets. */
  columns: readonly string[];
}

interface Group {
  text: string;
  key: readonly string[];
  changes: Change[];
}

/** A batch's groups with the stored records they were looked up against. */
interface LookedUp {
  groups: Group[];
  stored: Map<string, LooseRow>;
}

/** A stored record as it was before this apply first rewrote it. */
interface Original {
  key: readonly string[];
  importId: string;
  content: string;
}

/**
 * The changes a batch of rows makes to one table, written together: one lookup of the stored records the batch
 * touches, the rows' changes folded over them in file order (so a later row for the same key wins, field by field),
 * then multi-row writes of the records that came out different. Records that come out identical are not written
 * at all, which is what keeps a repeated import from touching anything, `import_id` included.
 */
export class TableBatch {
  private readonly pending = new Map<string, Group>();
  /**
   * Records that existed before this apply and were rewritten by it, by key text. Rows of one key in different
   * batches pass it through intermediate states (a service point's earlier occupant, a value a later row
   * overrides), so a repeated import rewrites it and then writes it back as it was; `finish` gives those their
   * old import_id back. Only such records are held, and only a fingerprint of their content.
   */
  private readonly originals = new Map<string, Original>();
  /**
   * For a table that held nothing of the organisation when this apply began (a utility's first full load), the
   * keys written since: a key not among them cannot be stored, so it needs no lookup. Null when the table held
   * older records, and every key is looked up.
   */
  private written: KeyFilter | null = null;
  /** Groups of this batch whose records cannot be stored, taken by `lookUp` and written by `writeFresh`. */
  private fresh: Group[] = [];
  private checkedEmpty = false;
  private readonly stored: string[];
  private readonly columnsWritten: string[];

  constructor(readonly def: TableDef) {
    this.stored = def.columns.map((c) => c.name);
    if (def.attributes) this.stored.push("attributes");
    this.columnsWritten = ["organisation_id", ...def.key, ...this.stored, "import_id"];
  }

  add(change: Change): void {
    const text = keyText(change.key);
    const group = this.pending.get(text);
    if (group) group.changes.push(change);
    else this.pending.set(text, { text, key: change.key, changes: [change] });
  }

  /**
   * Asks, once, whether the table held anything of the organisation as the apply began (see `written`). A batch
   * asks before `lookUp`, so that the lookup is sent at once.
   */
  async checkEmpty(scope: ApplyScope): Promise<void> {
    if (this.checkedEmpty) return;
    this.checkedEmpty = true;
    const query = loose(scope.db).selectFrom(this.def.name).select("organisation_id").where("organisation_id", "=", scope.organisationId).limit(1);
    const any = await scope.writes.read(query.executeTakeFirst());
    if (any === undefined) this.written = new KeyFilter();
  }

  /**
   * Takes the pending changes and sends the lookup of the stored records they may touch. Split from `submit` so a
   * batch can send every table's lookup before waiting for any. Changes to records that cannot be stored (see
   * `written`) need no lookup: they wait in `fresh` for `writeFresh`, or else for `submit`.
   */
  async lookUp(scope: ApplyScope): Promise<LookedUp> {
    await this.checkEmpty(scope);
    const written = this.written;
    const groups: Group[] = [];
    for (const group of this.pending.values()) (written !== null && !written.mayHave(group.text) ? this.fresh : groups).push(group);
    this.pending.clear();
    if (groups.length === 0) return { groups, stored: new Map() };
    const keys = groups.map((group) => group.key);
    const stored = await scope.writes.read(selectByKeys(scope, this.def.name, this.def.key, keys, [...this.stored, "import_id"]));
    return { groups, stored };
  }

  /**
   * Sends the writes of the records `lookUp` found cannot be stored, without waiting for any lookup: on PostgreSQL
   * the batch's folding then overlaps the database's work instead of waiting for it.
   */
  writeFresh(scope: ApplyScope): void {
    if (this.fresh.length === 0) return;
    const groups = this.fresh;
    this.fresh = [];
    this.write(scope, groups, new Map());
  }

  /** Sends the writes of the batch's other records, folded over what the lookup found (and any fresh ones left). */
  submit(scope: ApplyScope, { groups, stored }: LookedUp): void {
    this.writeFresh(scope);
    this.write(scope, groups, stored);
  }

  /**
   * Folds the changes over the stored records and sends the writes (without waiting): a plain INSERT for records
   * not stored, an upsert for those that are.
   */
  private write(scope: ApplyScope, groups: readonly Group[], stored: ReadonlyMap<string, LooseRow>): void {
    const { def } = this;
    const inserts: Array<Array<string | null>> = [];
    const updates: Array<Array<string | null>> = [];
    for (const group of groups) {
      const { text } = group;
      const before = stored.get(text);
      const row = this.fold(before, group);
      if (!row) continue;
      (before ? updates : inserts).push(row);
      // A record already carrying this import was written by an earlier batch: its original, if any, is noted.
      if (before && before.import_id !== scope.importId && !this.originals.has(text)) {
        this.originals.set(text, { key: group.key, importId: before.import_id ?? "", content: this.content(before) });
      }
    }
    // Not found means not stored (the lookup or the filter of keys written runs on this transaction), so those need
    // no conflict handling, which costs PostgreSQL a quarter more. Another apply of the same organisation writing the
    // same key at the same moment would make this INSERT fail, and the apply with it, to be retried: never a merge.
    const shared = { first: scope.organisationId, last: scope.importId };
    scope.writes.send(insertStatements(scope.dialect, def.name, this.columnsWritten, null, inserts, shared));
    if (updates.length > 0) {
      const conflict = { columns: ["organisation_id", ...def.key], update: [...this.stored, "import_id"] };
      scope.writes.send(insertStatements(scope.dialect, def.name, this.columnsWritten, conflict, updates, shared));
    }
    if (this.written) for (const { text } of groups) this.written.add(text);
  }

  /**
   * Ends the apply for this table: records that came back to exactly their content before the apply get their
   * import_id back, so re-applying a file leaves every row as it was.
   */
  async finish(scope: ApplyScope): Promise<void> {
    const { def } = this;
    const originals = [...this.originals];
    this.originals.clear();
    for (const slice of slices(originals, 1000)) {
      const current = await scope.writes.read(selectByKeys(scope, def.name, def.key, slice.map(([, o]) => o.key), this.stored));
      const restored: Array<Array<string | null>> = [];
      for (const [text, original] of slice) {
        const now = current.get(text);
        if (!now || this.content(now) !== original.content) continue;
        restored.push([scope.organisationId, ...original.key, ...this.stored.map((c) => now[c] ?? null), original.importId]);
      }
      const conflict = { columns: ["organisation_id", ...def.key], update: ["import_id"] };
      scope.writes.send(insertStatements(scope.dialect, def.name, this.columnsWritten, conflict, restored));
    }
  }

  /** A fingerprint of a stored record's content (all but its key and import_id), small enough to hold many. */
  private content(row: LooseRow): string {
    return sha256Hex(JSON.stringify(this.stored.map((c) => row[c] ?? null)));
  }

  /**
   * The record after the group's changes, as values in `columnsWritten` order without the organisation and the
   * import (sent once per statement); null when it is stored exactly so.
   */
  private fold(stored: LooseRow | undefined, { key, changes }: Group): Array<string | null> | null {
    const columns = this.def.columns;
    // The row is built in place (key, then columns, then attributes), allocated at its size once.
    const first = key.length;
    const row = new Array<string | null>(first + columns.length + (this.def.attributes ? 1 : 0));
    for (let i = 0; i < first; i++) row[i] = key[i];
    // A new record starts empty: null where the column allows it, "" where it does not (a blank Service_Point_ID).
    for (let i = 0; i < columns.length; i++) row[first + i] = stored ? (stored[columns[i].name] ?? null) : columns[i].nullable ? null : "";
    for (const change of changes) {
      for (let i = 0; i < columns.length; i++) {
        const cell = change.columns[i];
        if (cell === "" || cell === undefined) continue;
        // _CLEAR_ nulls a nullable column. The others (IDs, a meter's place) refuse _CLEAR_ in the test run, so a row
        // carrying it there was blocked; were one to arrive, "" is the only empty value such a column can hold.
        row[first + i] = cell === CLEAR ? (columns[i].nullable ? null : "") : cell;
      }
    }
    let changed = !stored;
    if (stored) for (let i = 0; i < columns.length && !changed; i++) changed = stored[columns[i].name] !== row[first + i];
    if (this.def.attributes) {
      const text = mergeFields(stored ? (stored.attributes ?? "{}") : null, changes);
      changed ||= stored?.attributes !== text;
      row[first + columns.length] = text;
    }
    return changed ? row : null;
  }

}
