import type { Component } from "../../spec/types";
import type { ApplierContext, BatchApplier } from "./applier";
import { isKey } from "./cellValues";
import { keyText, selectByKeys } from "./keys";
import { cellAt, FileLayout, type Field } from "./layout";
import { BILLING_READS, CONSUMPTION_TARGETS, INTERVAL_READS, TRANSACTIONS, type RecordTable, type TableDef } from "./recordTables";
import type { SheetBatch } from "./sheetRows";
import { TableBatch, type Change } from "./tableBatch";

/** A stored record a row must refer to, or it is skipped (spec B15: reads and targets attach to existing assets). */
interface Reference {
  table: RecordTable;
  /** Key columns of `table`, and the spec columns whose cells give them. */
  key: readonly string[];
  from: readonly string[];
}

/**
 * An import type whose every row is one record of one table. Its key cells must hold IDs, except a key column with
 * `blankAs`, which stands for that value when blank (a single-register meter's Register_Number is ""). Columns
 * named neither in the key nor in `columns` go to the record's attributes under their canonical names; `unstored`
 * ones are read for checks only.
 */
export interface RecordImport {
  table: TableDef;
  key: ReadonlyArray<{ column: string; blankAs?: string }>;
  /** Spec columns for the table's relational columns, in the table's order. */
  columns: readonly string[];
  unstored?: readonly string[];
  references: readonly Reference[];
}

/** Interval reads attach to a provisioned endpoint (spec §4); a read for an unknown endpoint is skipped. */
export const INTERVAL_READ_IMPORT: RecordImport = {
  table: INTERVAL_READS,
  key: [{ column: "Endpoint_SN" }, { column: "Read_Time" }],
  columns: ["Encoder_Value", "Read_Interval"],
  // Checked by the test run against the provisioned endpoint; interval_reads has no column for it.
  unstored: ["Endpoint_Type"],
  references: [{ table: "endpoints", key: ["endpoint_sn"], from: ["Endpoint_SN"] }],
};

/** Billing reads attach to an existing meter (spec §5); the account and place are recorded as the file gives them. */
export const BILLING_READ_IMPORT: RecordImport = {
  table: BILLING_READS,
  key: [{ column: "Meter_ID" }, { column: "Register_Number", blankAs: "" }, { column: "Read_Time" }],
  columns: ["Account_ID", "Location_ID", "Service_Point_ID"],
  references: [{ table: "meters", key: ["meter_id"], from: ["Meter_ID"] }],
};

/** A consumption target needs its account and its service point to exist (spec §6). */
export const CONSUMPTION_TARGET_IMPORT: RecordImport = {
  table: CONSUMPTION_TARGETS,
  key: [{ column: "Account_ID" }, { column: "Location_ID" }, { column: "Service_Point_ID" }, { column: "Target_Start_Date" }],
  columns: [],
  references: [
    { table: "accounts", key: ["account_id"], from: ["Account_ID"] },
    { table: "service_points", key: ["location_id", "service_point_id"], from: ["Location_ID", "Service_Point_ID"] },
  ],
};

/** Transactions are kept whatever their Account_ID (spec §7: it is not validated against stored accounts). */
export const TRANSACTION_IMPORT: RecordImport = {
  table: TRANSACTIONS,
  key: [{ column: "Account_Transaction_ID" }],
  columns: ["Account_ID", "Transaction_Type", "Amount"],
  references: [],
};

interface Candidate {
  cells: readonly string[];
  change: Change;
}

/**
 * Applies a one-record-a-row import. The row is the record, so any blocked component of the row skips it whole: a
 * read with a bad unit or a transaction with a bad account ID is not half-written.
 */
export class RecordImportApplier implements BatchApplier {
  private layout: FileLayout | null = null;
  private components: Component[] = [];
  /** The columns that go to attributes, [canonical name, position]. */
  private descriptive: Field[] = [];
  private readonly records: TableBatch;

  constructor(private readonly context: ApplierContext, private readonly kind: RecordImport) {
    this.records = new TableBatch(kind.table);
  }

  async apply(batch: SheetBatch): Promise<number> {
    const layout = (this.layout ??= this.start(batch.header));
    let candidates: Candidate[] = [];
    for (const { sheetRow, cells } of batch.rows) {
      if (this.components.some((c) => this.context.blocked.isBlocked(sheetRow, c))) continue;
      const change = this.changeOf(layout, cells);
      if (change) candidates.push({ cells, change });
    }
    const { scope } = this.context;
    const references = await scope.writes.readAll(this.kind.references.map((reference) => this.existing(layout, reference, candidates)));
    candidates = candidates.filter((candidate) => references.every((found) => found.has(candidate)));
    for (const { change } of candidates) this.records.add(change);
    const [found] = await scope.writes.readAll([this.records.lookUp(scope)]);
    this.records.submit(scope, found);
    return candidates.length;
  }

  async finish(): Promise<void> {
    await this.context.scope.writes.drain();
    await this.records.finish(this.context.scope);
  }

  private start(header: readonly string[]): FileLayout {
    const layout = new FileLayout(this.context.spec, header);
    this.components = ["File", ...layout.components()];
    const taken = new Set([...this.kind.key.map((k) => k.column), ...this.kind.columns, ...(this.kind.unstored ?? [])]);
    this.descriptive = this.kind.table.attributes ? layout.fields((c) => !taken.has(c.name)) : [];
    return layout;
  }

  private changeOf(layout: FileLayout, cells: readonly string[]): Change | null {
    const key: string[] = [];
    for (const { column, blankAs } of this.kind.key) {
      const cell = cellAt(cells, layout.position(column));
      if (isKey(cell)) key.push(cell);
      else if (blankAs !== undefined && cell === "") key.push(blankAs);
      else return null;
    }
    const columns = this.kind.columns.map((column) => cellAt(cells, layout.position(column)));
    return { key, columns, cells, fields: this.descriptive };
  }

  /** The candidates whose referenced record is stored for this organisation. */
  private async existing(layout: FileLayout, reference: Reference, candidates: readonly Candidate[]): Promise<Set<Candidate>> {
    const positions = reference.from.map((column) => layout.position(column));
    const keyOf = (cells: readonly string[]) => positions.map((p) => cellAt(cells, p));
    const keys = new Map<string, string[]>();
    for (const { cells } of candidates) {
      const key = keyOf(cells);
      keys.set(keyText(key), key);
    }
    const { scope } = this.context;
    const stored = await selectByKeys(scope, reference.table, reference.key, [...keys.values()], []);
    return new Set(candidates.filter(({ cells }) => stored.has(keyText(keyOf(cells)))));
  }
}
