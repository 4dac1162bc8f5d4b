/**
 * The database as Kysely sees it. One schema for SQLite and PostgreSQL, so only portable column types are used:
 * text, integer (0/1 for flags), bigint for millisecond times (read back as numbers on both), and JSON kept as text.
 *
 * Service configurations are relational by their keys and links (account, location, service point, meter, register,
 * endpoint, service agreement); the descriptive columns of each component travel in `attributes`, a JSON object keyed
 * by the spec's column names, so a utility's spec override that adds a column needs no migration.
 */
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/** Where an import stands. The BDE status endpoint shows queued → run → done (or exception); approval adds the rest. */
export type ImportState =
  | "queued" // uploaded, waiting for a worker to test-run it
  | "run" // test run in progress
  | "done" // test run finished; waiting for approve or cancel
  | "exception" // file-level failure: nothing in the file can import
  | "approved" // approved, waiting for a worker to apply it
  | "updating" // being applied ("System Updating")
  | "complete" // applied
  | "cancelled"
  | "failed"; // could not be applied; `failure_reason` says why

export type ImportMethod = "ui" | "api";

export interface OrganisationsTable {
  id: string;
  name: string;
  created_at: string;
  /** Kept in step with the imports table (migration 002): the activity list's total without a count. */
  import_count: Generated<number>;
  /** Raised by triggers whenever the activity list may have changed (migration 003); pages are cached by it. */
  activity_version: Generated<number>;
}

export interface UsersTable {
  id: string;
  organisation_id: string;
  name: string;
  /** Lower-cased; unique across organisations, since it is the Basic-auth user name. */
  email: string;
  password_hash: string;
  created_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  /** SHA-256 of the token: tokens are long random strings, so a fast hash suffices and lookups stay indexed. */
  token_hash: string;
  label: string;
  created_at: string;
}

export interface ImportsTable {
  /** A numeric string, as BEACON's bdeUUID is. */
  id: string;
  organisation_id: string;
  user_id: string;
  method: ImportMethod;
  file_name: string;
  /** Path of the stored original under the data folder. */
  file_key: string;
  file_bytes: number;
  file_sha256: string;
  /** The import type asked for at upload, or detected by the test run; null until known. */
  import_type: string | null;
  /** 1 when the upload asked for a dry run (the default): the import waits for approval after its test run. */
  dry_run: number;
  state: ImportState;
  progress: Generated<number>;
  message: Generated<string>;
  records_ready: Generated<number>;
  records_imported: number | null;
  errors: Generated<number>;
  warnings: Generated<number>;
  infos: Generated<number>;
  /** Path of the stored exceptions report (JSON lines) under the data folder; null until the test run ends. */
  report_key: string | null;
  /** Which server process holds the job, and until when (ms since epoch); an expired lease may be taken over. */
  lease_owner: string | null;
  lease_expires_at: number | null;
  attempts: Generated<number>;
  /** Times the apply transaction committed: exactly-once shows as 1. */
  apply_count: Generated<number>;
  failure_reason: string | null;
  created_at: string;
  tested_at: string | null;
  approved_at: string | null;
  applied_at: string | null;
}

export interface AccountsTable {
  organisation_id: string;
  account_id: string;
  attributes: string;
  import_id: string;
}

export interface LocationsTable {
  organisation_id: string;
  location_id: string;
  attributes: string;
  import_id: string;
}

export interface ServicePointsTable {
  organisation_id: string;
  location_id: string;
  service_point_id: string;
  /** The account whose service agreement is open at this service point (move-in changes it). */
  account_id: string | null;
  attributes: string;
  import_id: string;
}

export interface MetersTable {
  organisation_id: string;
  meter_id: string;
  location_id: string;
  service_point_id: string;
  attributes: string;
  import_id: string;
}

export interface RegistersTable {
  organisation_id: string;
  meter_id: string;
  /** "" for the single register of a non-compound meter. */
  register_number: string;
  attributes: string;
  import_id: string;
}

export interface EndpointsTable {
  organisation_id: string;
  endpoint_sn: string;
  endpoint_type: string | null;
  meter_id: string | null;
  attributes: string;
  import_id: string;
}

export interface ServiceAgreementsTable {
  organisation_id: string;
  account_id: string;
  location_id: string;
  service_point_id: string;
  /** "" when the file gave no start date. */
  start_date: string;
  end_date: string | null;
  attributes: string;
  import_id: string;
}

/** Each distinct service-configuration row applied, by content hash, so re-applying a file adds nothing. */
export interface ConfigurationHistoryTable {
  organisation_id: string;
  location_id: string;
  service_point_id: string;
  row_hash: string;
  /** Latest date the row carries (install, removal, agreement dates); "" when it has none. */
  effective_date: string;
  account_id: string | null;
  meter_id: string | null;
  endpoint_sn: string | null;
  import_id: string;
}

export interface IntervalReadsTable {
  organisation_id: string;
  endpoint_sn: string;
  read_time: string;
  encoder_value: string;
  read_interval: string;
  import_id: string;
}

export interface BillingReadsTable {
  organisation_id: string;
  account_id: string;
  location_id: string;
  service_point_id: string;
  meter_id: string;
  register_number: string;
  read_time: string;
  attributes: string;
  import_id: string;
}

export interface ConsumptionTargetsTable {
  organisation_id: string;
  account_id: string;
  location_id: string;
  service_point_id: string;
  period_start: string;
  attributes: string;
  import_id: string;
}

export interface TransactionsTable {
  organisation_id: string;
  account_transaction_id: string;
  account_id: string;
  transaction_type: string;
  amount: string;
  attributes: string;
  import_id: string;
}

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  imports: ImportsTable;
  accounts: AccountsTable;
  locations: LocationsTable;
  service_points: ServicePointsTable;
  meters: MetersTable;
  registers: RegistersTable;
  endpoints: EndpointsTable;
  service_agreements: ServiceAgreementsTable;
  configuration_history: ConfigurationHistoryTable;
  interval_reads: IntervalReadsTable;
  billing_reads: BillingReadsTable;
  consumption_targets: ConsumptionTargetsTable;
  transactions: TransactionsTable;
}

export type ImportRow = Selectable<ImportsTable>;
export type NewImport = Insertable<ImportsTable>;
export type ImportUpdate = Updateable<ImportsTable>;
export type UserRow = Selectable<UsersTable>;
