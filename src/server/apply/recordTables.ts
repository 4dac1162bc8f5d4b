import type { Database } from "../db/schema";

/** The tables an import writes: every one is keyed by organisation_id plus its own key columns. */
export type RecordTable =
  | "accounts"
  | "locations"
  | "service_points"
  | "meters"
  | "registers"
  | "endpoints"
  | "service_agreements"
  | "configuration_history"
  | "interval_reads"
  | "billing_reads"
  | "consumption_targets"
  | "transactions";

type ColumnOf<T extends RecordTable> = Extract<keyof Database[T], string>;

/**
 * How apply sees a record table: its key (after organisation_id, in primary-key order), its other relational
 * columns, and whether it has an `attributes` JSON object. Typed against the schema, so a renamed column fails to
 * compile here rather than at run time.
 */
export interface TableDef {
  name: RecordTable;
  key: readonly string[];
  columns: ReadonlyArray<{ name: string; nullable: boolean }>;
  attributes: boolean;
}

function table<T extends RecordTable>(
  name: T,
  key: ReadonlyArray<ColumnOf<T>>,
  columns: ReadonlyArray<{ name: ColumnOf<T>; nullable: boolean }>,
  attributes: boolean,
): TableDef {
  return { name, key, columns, attributes };
}

export const ACCOUNTS = table("accounts", ["account_id"], [], true);
export const LOCATIONS = table("locations", ["location_id"], [], true);
export const SERVICE_POINTS = table("service_points", ["location_id", "service_point_id"], [{ name: "account_id", nullable: true }], true);
export const METERS = table("meters", ["meter_id"], [
  { name: "location_id", nullable: false },
  { name: "service_point_id", nullable: false },
], true);
export const REGISTERS = table("registers", ["meter_id", "register_number"], [], true);
export const ENDPOINTS = table("endpoints", ["endpoint_sn"], [
  { name: "endpoint_type", nullable: true },
  { name: "meter_id", nullable: true },
], true);
export const SERVICE_AGREEMENTS = table("service_agreements", ["account_id", "location_id", "service_point_id", "start_date"], [{ name: "end_date", nullable: true }], true);
export const INTERVAL_READS = table("interval_reads", ["endpoint_sn", "read_time"], [
  { name: "encoder_value", nullable: false },
  { name: "read_interval", nullable: false },
], false);
export const BILLING_READS = table("billing_reads", ["meter_id", "register_number", "read_time"], [
  { name: "account_id", nullable: false },
  { name: "location_id", nullable: false },
  { name: "service_point_id", nullable: false },
], true);
export const CONSUMPTION_TARGETS = table("consumption_targets", ["account_id", "location_id", "service_point_id", "period_start"], [], true);
export const TRANSACTIONS = table("transactions", ["account_transaction_id"], [
  { name: "account_id", nullable: false },
  { name: "transaction_type", nullable: false },
  { name: "amount", nullable: false },
], true);
