import type { Component } from "../../spec/types";
import type { ApplierContext, BatchApplier } from "./applier";
import { isKey } from "./cellValues";
import { cellAt, FileLayout } from "./layout";
import { loose } from "./looseDb";
import type { RecordTable } from "./recordTables";
import type { SheetBatch } from "./sheetRows";
import type { ApplyScope } from "./tableBatch";

/** A column holding an ID; `keyed` when it is part of its table's primary key, where two IDs could collide. */
interface Reference {
  table: RecordTable;
  column: string;
  keyed: boolean;
}

/** One kind of ID the ID Update file renames (spec §8), and every place it is stored. */
interface IdKind {
  column: string;
  component: Component;
  /** The table whose record the ID names: it must hold the existing ID. */
  home: RecordTable;
  references: readonly Reference[];
  /** Service point IDs mean something only within their location, so they are matched with the row's Location_ID. */
  withinLocation: boolean;
}

const keyed = (table: RecordTable, column: string): Reference => ({ table, column, keyed: true });
const linked = (table: RecordTable, column: string): Reference => ({ table, column, keyed: false });

/**
 * In the order a row's pairs are applied: the service point first, since it is found by the row's existing
 * Location_ID, which a Location pair in the same row renames. Interval reads name endpoints only, so no rename
 * touches them.
 */
const KINDS: readonly IdKind[] = [
  {
    column: "Service_Point_ID",
    component: "ServicePoint",
    home: "service_points",
    withinLocation: true,
    references: [
      keyed("service_points", "service_point_id"),
      linked("meters", "service_point_id"),
      keyed("service_agreements", "service_point_id"),
      keyed("configuration_history", "service_point_id"),
      linked("billing_reads", "service_point_id"),
      keyed("consumption_targets", "service_point_id"),
    ],
  },
  {
    column: "Account_ID",
    component: "Account",
    home: "accounts",
    withinLocation: false,
    references: [
      keyed("accounts", "account_id"),
      linked("service_points", "account_id"),
      keyed("service_agreements", "account_id"),
      linked("configuration_history", "account_id"),
      linked("billing_reads", "account_id"),
      keyed("consumption_targets", "account_id"),
      // Transactions name accounts of the billing system, unchecked (spec §7); they follow the rename, but one
      // already using the new ID does not stop it: re-keying to a new vendor's IDs is what this file is for.
      linked("transactions", "account_id"),
    ],
  },
  {
    column: "Meter_ID",
    component: "Meter",
    home: "meters",
    withinLocation: false,
    references: [
      keyed("meters", "meter_id"),
      keyed("registers", "meter_id"),
      linked("endpoints", "meter_id"),
      linked("configuration_history", "meter_id"),
      keyed("billing_reads", "meter_id"),
    ],
  },
  {
    column: "Location_ID",
    component: "Location",
    home: "locations",
    withinLocation: false,
    references: [
      keyed("locations", "location_id"),
      keyed("service_points", "location_id"),
      linked("meters", "location_id"),
      keyed("service_agreements", "location_id"),
      keyed("configuration_history", "location_id"),
      linked("billing_reads", "location_id"),
      keyed("consumption_targets", "location_id"),
    ],
  },
];

interface Rename {
  kind: IdKind;
  from: string;
  to: string;
  /** The row's Location_ID, for a service point. */
  location: string;
}

/**
 * ID Update (spec §8): renames IDs everywhere they are stored, row by row in file order, so a row sees the renames
 * of the rows before it. A pair takes part when its *_new cell holds an ID and its component (and, for a service
 * point, the Location component giving its scope) is not blocked. A row is all or nothing: when any of its pairs
 * names an ID that is not stored, or a new ID already used where IDs are keys (its home table or any table
 * keyed by it), the whole row is skipped, so two records are never merged and a row is never half-applied.
 */
export class IdUpdateApplier implements BatchApplier {
  private layout: FileLayout | null = null;

  constructor(private readonly context: ApplierContext) {}

  async apply(batch: SheetBatch): Promise<number> {
    const layout = (this.layout ??= new FileLayout(this.context.spec, batch.header));
    let imported = 0;
    for (const { sheetRow, cells } of batch.rows) {
      const renames = this.renamesOf(layout, sheetRow, cells);
      if (renames.length === 0 || !(await this.allowed(renames))) continue;
      for (const rename of renames) await applyRename(this.context.scope, rename);
      imported++;
    }
    return imported;
  }

  async finish(): Promise<void> {
    // Every rename is written, and waited for, as its row is read.
  }

  private renamesOf(layout: FileLayout, sheetRow: number, cells: readonly string[]): Rename[] {
    const blocked = (component: Component) => this.context.blocked.isBlocked(sheetRow, component);
    if (blocked("File") || blocked("IdUpdate")) return [];
    const location = cellAt(cells, layout.position("Location_ID"));
    const renames: Rename[] = [];
    for (const kind of KINDS) {
      const from = cellAt(cells, layout.position(kind.column));
      const to = cellAt(cells, layout.position(`${kind.column}_new`));
      if (!isKey(to) || !isKey(from) || blocked(kind.component)) continue;
      if (kind.withinLocation && (!isKey(location) || blocked("Location"))) continue;
      renames.push({ kind, from, to, location });
    }
    return renames;
  }

  private async allowed(renames: readonly Rename[]): Promise<boolean> {
    const { scope } = this.context;
    for (const rename of renames) {
      if (rename.from === rename.to) return false;
      if (!(await stored(scope, rename, rename.kind.home, homeColumn(rename.kind), rename.from))) return false;
      for (const reference of rename.kind.references) {
        if (reference.keyed && (await stored(scope, rename, reference.table, reference.column, rename.to))) return false;
      }
    }
    return true;
  }
}

/** Whether `table` holds `value` in `column` (within the row's location, for a service point). */
async function stored(scope: ApplyScope, rename: Rename, table: RecordTable, column: string, value: string): Promise<boolean> {
  let query = loose(scope.db).selectFrom(table).select(column).where("organisation_id", "=", scope.organisationId).where(column, "=", value);
  if (rename.kind.withinLocation) query = query.where("location_id", "=", rename.location);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

/** The ID's column in its home table. */
function homeColumn(kind: IdKind): string {
  const home = kind.references.find((r) => r.table === kind.home);
  if (!home) throw new Error(`ID kind ${kind.column} has no reference in its home table`);
  return home.column;
}

async function applyRename(scope: ApplyScope, rename: Rename): Promise<void> {
  for (const { table, column } of rename.kind.references) {
    let query = loose(scope.db)
      .updateTable(table)
      .set({ [column]: rename.to, import_id: scope.importId })
      .where("organisation_id", "=", scope.organisationId)
      .where(column, "=", rename.from);
    if (rename.kind.withinLocation) query = query.where("location_id", "=", rename.location);
    await query.execute();
  }
}
