/// <reference types="office-js" />
/**
 * What this Excel can do beyond the add-in's minimum (ExcelApi 1.9, declared in the manifest), asked at run time with
 * `isSetSupported`; each newer feature has a fallback:
 * - notes (1.18): findings show in the pane only;
 * - triggerSource (1.14): the add-in's own writes are recognised by their addresses instead (see ownWrites.ts);
 * - getItemOrNullObject on conditional formats (1.14) is not needed: the formats are listed and matched by id;
 * - delayForCellEdit (1.11): without it a run made while the user is typing in a cell fails and is retried later.
 */
import { DELAY_FOR_CELL_EDIT_EXCEL_API, EXCEL_API, NOTES_EXCEL_API, TRIGGER_SOURCE_EXCEL_API } from "./requirements";
import type { HostCapabilities } from "./types";

export interface Capabilities extends HostCapabilities {
  delayForCellEdit: boolean;
}

function supported(version: string): boolean {
  try {
    return typeof Office !== "undefined" && Office.context.requirements.isSetSupported(EXCEL_API, version);
  } catch {
    // Outside Office (a test or a browser preview) there is no requirements object to ask.
    return false;
  }
}

export function detectCapabilities(): Capabilities {
  return { notes: supported(NOTES_EXCEL_API), triggerSource: supported(TRIGGER_SOURCE_EXCEL_API), delayForCellEdit: supported(DELAY_FOR_CELL_EDIT_EXCEL_API) };
}
