import { column } from "./columns";
import type { ColumnSpec, ImportSpec, RowRule } from "./types";

/** ID Update: renames Account, Location, Service Point or Meter IDs, in pairs of existing and new (§8, S6). */
const PAIRS: { name: string; maxLength: number; component: ColumnSpec["component"] }[] = [
  { name: "Account_ID", maxLength: 64, component: "Account" },
  { name: "Location_ID", maxLength: 40, component: "Location" },
  { name: "Service_Point_ID", maxLength: 32, component: "ServicePoint" },
  { name: "Meter_ID", maxLength: 40, component: "Meter" },
];

/** Service point IDs only mean something within their location (S6), so they are compared per Location_ID. */
function scopeOf(name: string): string[] {
  return name === "Service_Point_ID" ? ["Location_ID"] : [];
}

const pairColumns = PAIRS.flatMap(({ name, maxLength, component }) => [
  column(name, component, "text", "optional", maxLength, `The existing ${name}.`, "C", "S6", { clearable: false, keepAsText: true }),
  column(`${name}_new`, component, "text", "optional", maxLength, `The ${name} that replaces it.`, "C", "S6", { clearable: false, keepAsText: true }),
]);

const pairRules: RowRule[] = PAIRS.flatMap(({ name }): RowRule[] => [
  { kind: "requires", when: `${name}_new`, then: name, code: "pair-incomplete" },
  { kind: "differs", original: name, changed: `${name}_new`, code: "id-unchanged" },
]);

export const idUpdate: ImportSpec = {
  id: "id-update",
  label: "ID Update",
  version: "S6",
  description: "Corrects or re-keys IDs: each *_new column gives the replacement for the ID beside it.",
  columns: pairColumns,
  signature: PAIRS.map(({ name }) => [`${name}_new`]),
  keys: { columns: PAIRS.map(({ name }) => name), match: "Each existing ID is found and renamed everywhere it is referenced; an existing ID cannot be a new ID." },
  rowRules: [
    ...pairRules,
    { kind: "requires", when: "Service_Point_ID_new", then: "Location_ID", code: "location-required-for-service-point" },
    { kind: "anyOf", columns: PAIRS.map(({ name }) => `${name}_new`), code: "no-id-pair" },
  ],
  crossRowRules: [
    { kind: "duplicateRow", code: "duplicate-row" },
    ...PAIRS.map(({ name }) => ({ kind: "notExisting" as const, original: name, changed: `${name}_new`, scope: scopeOf(name), code: "new-id-in-use" as const })),
    ...PAIRS.map(({ name }) => ({ kind: "unique" as const, key: [...scopeOf(name), `${name}_new`], code: "duplicate-key" as const })),
  ],
};
