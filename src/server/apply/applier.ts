import type { BlockedComponents } from "./blocked";
import type { SheetBatch } from "./sheetRows";
import type { ImportSpec } from "../../spec/types";
import type { ApplyScope } from "./tableBatch";

/** Applies one import type, a batch of rows at a time, in file order. */
export interface BatchApplier {
  /** Writes the batch; returns how many of its rows imported (see index.ts for what counts). */
  apply(batch: SheetBatch): Promise<number>;
  /** Runs once after the last batch. */
  finish(): Promise<void>;
}

export interface ApplierContext {
  scope: ApplyScope;
  spec: ImportSpec;
  blocked: BlockedComponents;
}
