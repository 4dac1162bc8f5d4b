import type { FindingList } from "./findingList";

/** One import type's checks of a data row against the stored data loaded for it. Synchronous: no query per row. */
export type RowCheck = (cells: readonly string[], sheetRow: number, findings: FindingList) => void;

/** How an empty ID reads in a message: a service point stored without an ID, or one the row leaves blank. */
export const NO_ID = "(none)";
