import type { Component } from "../../spec/types";
import { AccountsLayout } from "./accountsLayout";
import type { ApplierContext, BatchApplier } from "./applier";
import { isKey } from "./cellValues";
import { ConfigurationBatch } from "./configurationHistory";
import { cellAt, FileLayout } from "./layout";
import { ACCOUNTS, ENDPOINTS, LOCATIONS, METERS, REGISTERS, SERVICE_AGREEMENTS, SERVICE_POINTS } from "./recordTables";
import type { SheetBatch } from "./sheetRows";
import { TableBatch } from "./tableBatch";

/**
 * Accounts and Assets (spec §3.1, §10): each row is one service configuration built from components, and each
 * component becomes a record of its own table. A component is written only when it is not blocked on the row and
 * its key cells hold IDs. Blocking follows one rule: a component is skipped when any component owning a column of
 * its key, or of the place it must record, is blocked (we cannot tell which column of a blocked component is wrong,
 * so its ID is not trusted either):
 *
 *   Account          Account                                   accounts (Account_ID)
 *   Location + Tags  Location (Tags blocked alone drops tags)  locations (Location_ID)
 *   ServicePoint     Location, ServicePoint                    service_points (Location_ID, Service_Point_ID)
 *   Meter, register  Meter, Location, ServicePoint             meters (Meter_ID) at its place; registers
 *   Endpoint         Endpoint                                  endpoints (Endpoint_SN)
 *   ServiceAgreement ServiceAgreement, Account, Location, SP   service_agreements (Account, Location, SP, start)
 *
 * Links that are not part of a key (a service point's occupant account, an endpoint's meter) are left unchanged
 * when their component is blocked, as if the cell were blank: so a Meter error still lets the endpoint update
 * (the spec's own example). A blank Service_Point_ID (a location with one service) writes no service point and
 * is stored as "" where a meter or agreement records its place; a blank SA_Start_Date is stored as "".
 */
/** The answer for every component of a row with nothing blocked. */
const nothingBlocked = (): boolean => false;

/** The relational columns of a table that has none beyond its key: one array for every change, not one per row. */
const NO_COLUMNS: readonly string[] = [];

export class AccountsAndAssetsApplier implements BatchApplier {
  private layout: AccountsLayout | null = null;
  private readonly accounts = new TableBatch(ACCOUNTS);
  private readonly locations = new TableBatch(LOCATIONS);
  private readonly servicePoints = new TableBatch(SERVICE_POINTS);
  private readonly meters = new TableBatch(METERS);
  private readonly registers = new TableBatch(REGISTERS);
  private readonly endpoints = new TableBatch(ENDPOINTS);
  private readonly agreements = new TableBatch(SERVICE_AGREEMENTS);
  private readonly history = new ConfigurationBatch();

  constructor(private readonly context: ApplierContext) {}

  async apply(batch: SheetBatch): Promise<number> {
    this.layout ??= new AccountsLayout(new FileLayout(this.context.spec, batch.header));
    let imported = 0;
    for (const { sheetRow, cells } of batch.rows) if (this.plan(this.layout, sheetRow, cells)) imported++;
    // The tables do not depend on each other (no foreign keys between records), so their order here is free.
    // Every table's lookup is sent at once; then the records that need none are written while the lookups run, and
    // the rest once they are answered. Writes go out unawaited, to overlap the next batch's reading.
    const { scope } = this.context;
    const tables = this.tables();
    await Promise.all(tables.map((table) => table.checkEmpty(scope)));
    const answers = scope.writes.readAll(tables.map((table) => table.lookUp(scope)));
    // A lookup may fail while the fresh records are written: its error waits for the await below, and must not stop
    // the process meanwhile as an unhandled rejection.
    answers.catch(() => undefined);
    for (const table of tables) {
      table.writeFresh(scope);
      await scope.writes.letDriverSend();
    }
    const found = await answers;
    tables.forEach((table, i) => table.submit(scope, found[i]));
    this.history.submit(scope);
    return imported;
  }

  async finish(): Promise<void> {
    await this.context.scope.writes.drain();
    for (const table of this.tables()) await table.finish(this.context.scope);
  }

  private tables(): TableBatch[] {
    return [this.accounts, this.locations, this.servicePoints, this.meters, this.registers, this.endpoints, this.agreements];
  }

  /** Queues the row's components; true when at least one was queued. */
  private plan(layout: AccountsLayout, sheetRow: number, cells: readonly string[]): boolean {
    const rowBlocks = this.context.blocked;
    const blocked = rowBlocks.anyBlocked?.(sheetRow) === false ? nothingBlocked : (component: Component) => rowBlocks.isBlocked(sheetRow, component);
    // A "File" error on a row is about the row as a whole (blockedFromFindings already answers so for every
    // component; a BlockedComponents built otherwise may only answer for "File").
    if (blocked("File")) return false;
    const account = cellAt(cells, layout.account);
    const location = cellAt(cells, layout.location);
    const servicePoint = cellAt(cells, layout.servicePoint);
    const meter = cellAt(cells, layout.meter);
    const endpoint = cellAt(cells, layout.endpoint);
    const accountOk = !blocked("Account") && isKey(account);
    const locationOk = !blocked("Location") && isKey(location);
    const placeOk = locationOk && !blocked("ServicePoint");
    const servicePointOk = placeOk && isKey(servicePoint);
    const meterOk = placeOk && !blocked("Meter") && isKey(meter);
    const endpointOk = !blocked("Endpoint") && isKey(endpoint);
    const agreementOk = accountOk && placeOk && !blocked("ServiceAgreement");
    const place = isKey(servicePoint) ? servicePoint : "";

    if (accountOk) this.accounts.add({ key: [account], columns: NO_COLUMNS, cells, fields: layout.fields.account });
    if (locationOk) {
      const fields = blocked("Tags") ? layout.fields.location : layout.fields.locationWithTags;
      this.locations.add({ key: [location], columns: NO_COLUMNS, cells, fields });
    }
    if (servicePointOk) {
      this.servicePoints.add({ key: [location, servicePoint], columns: [accountOk ? account : ""], cells, fields: layout.fields.servicePoint });
    }
    if (meterOk) {
      // A blank Service_Point_ID keeps the meter's stored place ("" for a new meter).
      this.meters.add({ key: [meter], columns: [location, isKey(servicePoint) ? servicePoint : ""], cells, fields: layout.fields.meter });
      const register = cellAt(cells, layout.register);
      const fields = blocked("Reading") || blocked("Read") ? layout.fields.register : layout.fields.registerWithReadings;
      this.registers.add({ key: [meter, isKey(register) ? register : ""], columns: NO_COLUMNS, cells, fields });
    }
    if (endpointOk) {
      this.endpoints.add({ key: [endpoint], columns: [cellAt(cells, layout.endpointType), meterOk ? meter : ""], cells, fields: layout.fields.endpoint });
    }
    if (agreementOk) {
      const start = cellAt(cells, layout.saStart);
      this.agreements.add({ key: [account, location, place, isKey(start) ? start : ""], columns: [cellAt(cells, layout.saEnd)], cells, fields: layout.fields.agreement });
    }
    const imported = accountOk || locationOk || servicePointOk || meterOk || endpointOk || agreementOk;
    // History records the configuration at its place, so it needs a place that was not refused.
    if (imported && placeOk) {
      this.history.add({
        locationId: location,
        servicePointId: place,
        rowHash: layout.fingerprint.hash(cells),
        effectiveDate: layout.fingerprint.effectiveDate(cells),
        accountId: accountOk ? account : null,
        meterId: meterOk ? meter : null,
        endpointSn: endpointOk ? endpoint : null,
      });
    }
    return imported;
  }
}
