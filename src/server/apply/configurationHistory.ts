import { keyText } from "./keys";
import type { FileLayout } from "./layout";
import { fingerprintFields, rowFingerprint, type FingerprintFields } from "./hashing";
import { insertStatements } from "./statements";
import type { ApplyScope } from "./tableBatch";

/** One service-configuration row as history keeps it. */
export interface ConfigurationEntry {
  locationId: string;
  servicePointId: string;
  rowHash: string;
  effectiveDate: string;
  accountId: string | null;
  meterId: string | null;
  endpointSn: string | null;
}

/**
 * How a row is recognised again: a hash of its non-blank values under their canonical column names (see
 * rowFingerprint). The same row written with other header spellings, another column order or extra empty columns
 * gives the same hash, so re-applying a file finds every row already recorded.
 */
export class RowFingerprint {
  private readonly fields: FingerprintFields;
  private readonly dates: readonly number[];

  constructor(layout: FileLayout) {
    this.fields = fingerprintFields(layout.fields(() => true));
    this.dates = layout.present.filter(({ column }) => column.type === "date" || column.type === "datetime").map(({ position }) => position);
  }

  hash(cells: readonly string[]): string {
    return rowFingerprint(cells, this.fields);
  }

  /**
   * The latest date the row carries (install, removal, agreement dates), "" when it has none. Dates were checked
   * as YYYY-MM-DD (with an optional time) by the test run, so comparing the texts orders them.
   */
  effectiveDate(cells: readonly string[]): string {
    let latest = "";
    for (const position of this.dates) {
      const cell = cells[position] ?? "";
      if (cell > latest && cell !== "_CLEAR_") latest = cell;
    }
    return latest;
  }
}

/**
 * Configuration rows of one batch, inserted once each: an entry already recorded (same location, service point and
 * hash) is left as it is, import_id included, so history only grows when a file brings something new.
 */
export class ConfigurationBatch {
  private readonly pending = new Map<string, ConfigurationEntry>();

  add(entry: ConfigurationEntry): void {
    const text = keyText([entry.locationId, entry.servicePointId, entry.rowHash]);
    if (!this.pending.has(text)) this.pending.set(text, entry);
  }

  /** Sends the batch's entries (without waiting; see PendingWrites). */
  submit(scope: ApplyScope): void {
    if (this.pending.size === 0) return;
    // The organisation and the import go once per statement (shared), not in every row.
    const rows = [...this.pending.values()].map((e) => [e.locationId, e.servicePointId, e.rowHash, e.effectiveDate, e.accountId, e.meterId, e.endpointSn]);
    this.pending.clear();
    const columns = ["organisation_id", "location_id", "service_point_id", "row_hash", "effective_date", "account_id", "meter_id", "endpoint_sn", "import_id"];
    const shared = { first: scope.organisationId, last: scope.importId };
    scope.writes.send(insertStatements(scope.dialect, "configuration_history", columns, { columns: columns.slice(0, 4), update: null }, rows, shared));
  }
}

