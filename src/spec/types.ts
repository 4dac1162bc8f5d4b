/**
 * The shape of a Data Exchange specification held as data.
 *
 * Everything downstream (the engine, Excel data validation, the starter sheet, the CSV header, the server's test run)
 * is derived from these objects, so they say what a column is, not how to check it.
 */

/** How sure we are of a fact, as tagged in shared/reference/data-exchange-spec.md. */
export type Confidence = "C" | "C-exp" | "3P" | "I" | "?";

/** The parts a service configuration is built from; an error blocks only its own component (spec §10). */
export type Component =
  | "File"
  | "Account"
  | "Location"
  | "Tags"
  | "ServicePoint"
  | "Meter"
  | "Endpoint"
  | "ServiceAgreement"
  | "Reading"
  | "Read"
  | "Target"
  | "Transaction"
  | "IdUpdate";

export type ColumnType =
  | "text"
  | "integer"
  | "decimal"
  | "date"
  | "datetime"
  | "code"
  | "flag"
  | "latitude"
  | "longitude"
  | "email"
  | "year";

/**
 * required: the column must be present and every row must have a value.
 * conditional: needed by some rows only (a rule of the spec says which); blank cells are not flagged on their own.
 * recommended: may be blank; its absence from the header is reported as info.
 * optional: may be blank or absent.
 */
export type Requirement = "required" | "conditional" | "recommended" | "optional";

export interface ColumnSpec {
  /** The Column Heading exactly as the spec writes it. */
  name: string;
  component: Component;
  type: ColumnType;
  requirement: Requirement;
  /** Longest value the importer takes, in characters. */
  maxLength?: number;
  /**
   * A shorter limit from a related spec (the Billing Read Export): longer values import but may be cut on export,
   * so they get a warning rather than an error.
   */
  softMaxLength?: number;
  /** Allowed values for type "code" (and the letters for "flag"). */
  codes?: string[];
  /** Codes compared without regard to case (the value is still reported as written). */
  codesIgnoreCase?: boolean;
  /** A regular expression (source text) a value must match, with the words the error message uses for it. */
  pattern?: string;
  patternHint?: string;
  /** Set for a column that was removed or moved in a later spec version: using it earns a warning saying so. */
  deprecated?: string;
  /** Whether the `_CLEAR_` token may empty this field (spec §3.1, B10). */
  clearable: boolean;
  /**
   * An identifier or code that must travel as text: a number stored in such a cell loses leading zeros or turns into
   * 1.23E+12, so the engine warns when Excel holds it as a number.
   */
  keepAsText?: boolean;
  /** Older names the importer still recognises (spec §3.4); a file using one gets a deprecation warning. */
  aliases?: string[];
  /** Part of the Starter Spreadsheet subset. */
  starter?: boolean;
  description: string;
  /** Confidence of the facts above, with a short source note. */
  confidence: Confidence;
  source: string;
}

/** Rules that relate cells of one row. Each names its columns, so a utility's spec can add or drop them. */
export type RowRule =
  /** When `when` has a value, `then` must have one too. */
  | { kind: "requires"; when: string; then: string; code: RowRuleCode }
  /** `later` must not be before `earlier` when both hold dates. */
  | { kind: "dateOrder"; earlier: string; later: string; code: RowRuleCode }
  /** `higher` must not be below `lower` when both hold numbers. */
  | { kind: "numberOrder"; lower: string; higher: string; code: RowRuleCode }
  /** At least one of the columns must have a value (e.g. one ID Update pair). */
  | { kind: "anyOf"; columns: string[]; code: RowRuleCode }
  /** `changed` must differ from `original` (an ID must not be "updated" to itself). */
  | { kind: "differs"; original: string; changed: string; code: RowRuleCode };

export type RowRuleCode =
  | "endpoint-type-missing"
  | "endpoint-sn-missing"
  | "removal-before-install"
  | "sa-end-before-start"
  | "end-before-start"
  | "limits-reversed"
  | "pair-incomplete"
  | "id-unchanged"
  | "location-required-for-service-point"
  | "no-id-pair";

export type CrossRowCode =
  | "duplicate-row"
  | "duplicate-key"
  | "conflicting-values"
  | "compound-register-missing"
  | "compound-register-duplicate"
  | "endpoint-on-two-meters"
  | "meter-at-two-locations"
  | "service-point-shared"
  | "history-out-of-order"
  | "new-id-in-use";

/**
 * Rules across rows. Each groups rows by a key made of some columns and then judges the group, which is what lets the
 * engine re-check only the groups an edited row belongs to. `current`, where given, names the columns that mark a row
 * as history (a removal or end date): such rows are left out, since a history row may repeat an ID legitimately.
 */
export type CrossRowRule =
  /** Two rows with the same value in every column. */
  | { kind: "duplicateRow"; code: "duplicate-row" }
  /** The combination of `key` values must not repeat (rows whose key is all blank are left out). */
  | { kind: "unique"; key: string[]; code: "duplicate-key" }
  /** Rows sharing `key` must agree on each of `columns`; a blank means "no change" and agrees with anything. */
  | { kind: "consistent"; key: string[]; columns: string[]; code: "conflicting-values" }
  /**
   * Current rows sharing `key` describe one meter; when there are several they are the registers of a compound meter
   * and need distinct, non-blank values in `column` (values listed together in `sameMeaning` count as one).
   */
  | { kind: "compoundMeter"; key: string[]; column: string; sameMeaning: string[][]; current: string[] }
  /** Among current rows, one `key` belongs to one `owner` (an Endpoint_SN to one Meter_ID). */
  | { kind: "singleOwner"; key: string[]; owner: string[]; current: string[]; code: CrossRowCode }
  /** Rows of one `key` must run oldest first by their latest date among `dates`. */
  | { kind: "historyOrder"; key: string[]; dates: string[]; current: string[]; code: "history-out-of-order" }
  /**
   * No row's `changed` value may be another row's `original` value within the same `scope` values (an ID Update may
   * not reuse an existing ID).
   */
  | { kind: "notExisting"; original: string; changed: string; scope: string[]; code: "new-id-in-use" };

export type ImportTypeId =
  | "accounts-and-assets"
  | "interval-reads"
  | "billing-reads"
  | "consumption-targets"
  | "transaction-history"
  | "id-update";

export interface ImportSpec {
  id: ImportTypeId;
  /** The label BEACON's Activity List shows. */
  label: string;
  /** Spec version this data follows. */
  version: string;
  columns: ColumnSpec[];
  /**
   * Headers that identify this type when a file is detected by its header row: a file matches when it has every
   * column of one of these sets (after alias and case folding).
   */
  signature: string[][];
  /** The columns that match a row to a stored record, and how (for imports that update records). */
  keys: { columns: string[]; match: string };
  rowRules: RowRule[];
  crossRowRules: CrossRowRule[];
  description: string;
}
