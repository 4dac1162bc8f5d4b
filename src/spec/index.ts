import { accountsAndAssets } from "./accountsAndAssets";
import { billingReads } from "./billingReads";
import { consumptionTargets } from "./consumptionTargets";
import { idUpdate } from "./idUpdate";
import { intervalReads } from "./intervalReads";
import { transactionHistory } from "./transactionHistory";
import type { ImportSpec, ImportTypeId } from "./types";

export * from "./types";
export { foldHeader, headerIndex, editDistance } from "./headers";
export type { HeaderMatch } from "./headers";

/** Every import type we know, in the order the Activity List names them. */
export const IMPORT_SPECS: readonly ImportSpec[] = [
  accountsAndAssets,
  intervalReads,
  billingReads,
  consumptionTargets,
  transactionHistory,
  idUpdate,
];

/** Finds a spec by its id ("accounts-and-assets") or its label ("Accounts and Assets"), ignoring case and spacing. */
export function findSpec(name: string, specs: readonly ImportSpec[] = IMPORT_SPECS): ImportSpec | undefined {
  const wanted = squash(name);
  return specs.find((spec) => squash(spec.id) === wanted || squash(spec.label) === wanted);
}

export function specById(id: ImportTypeId, specs: readonly ImportSpec[] = IMPORT_SPECS): ImportSpec {
  const spec = specs.find((s) => s.id === id);
  if (!spec) throw new Error(`no spec for import type ${id}`);
  return spec;
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, "");
}
