/// <reference types="office-js" />
/**
 * What travels with the workbook (never in cell values): the conditional formats the add-in made and the sheet they
 * are on, the import type chosen for each sheet, and the sheets the add-in created for itself (the Exceptions sheet,
 * the hidden list sheet). One JSON setting in `workbook.settings` (ExcelApi 1.4), read at every operation so that a
 * new pane (or another copy of the add-in) can clear marks an earlier one made. Parsed with zod: a setting edited by
 * hand, or written by a later version, is ignored rather than trusted.
 */
import { z } from "zod";
import type { ImportTypeId } from "../spec/types";

export const SETTINGS_KEY = "dataExchange.addin";

const importTypeId = z.enum(["accounts-and-assets", "interval-reads", "billing-reads", "consumption-targets", "transaction-history", "id-update"]);

const storedState = z.object({
  version: z.literal(1),
  marks: z
    .object({
      sheetId: z.string(),
      formats: z.array(z.object({ id: z.string(), severity: z.enum(["error", "warning"]), first: z.number().int(), last: z.number().int() })),
    })
    .nullable(),
  importTypes: z.record(z.string(), importTypeId),
  exceptionsSheetId: z.string().nullable(),
  listSheetId: z.string().nullable(),
});

export type StoredState = z.infer<typeof storedState>;

export function emptyState(): StoredState {
  return { version: 1, marks: null, importTypes: {}, exceptionsSheetId: null, listSheetId: null };
}

/** Queues the read; call `parseSetting` on the result after the sync. */
export function loadSetting(context: Excel.RequestContext): Excel.Setting {
  const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
  item.load("value");
  return item;
}

export function parseSetting(item: Excel.Setting): StoredState {
  if (item.isNullObject) return emptyState();
  const raw: unknown = item.value;
  let json: unknown;
  try {
    json = typeof raw === "string" ? JSON.parse(raw) : raw;
  } catch {
    return emptyState();
  }
  const parsed = storedState.safeParse(json);
  return parsed.success ? parsed.data : emptyState();
}

/** Queues the write (the caller syncs). */
export function saveSetting(context: Excel.RequestContext, state: StoredState): void {
  context.workbook.settings.add(SETTINGS_KEY, JSON.stringify(state));
}

export function storedImportType(state: StoredState, sheetId: string): ImportTypeId | undefined {
  return state.importTypes[sheetId];
}
