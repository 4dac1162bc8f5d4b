/**
 * Which import type a sheet is checked against: the user's choice when given; otherwise the type its header row
 * identifies; otherwise the type the user chose for this sheet before (kept in the workbook's settings). With none,
 * the sheet is not checked and the one finding says why.
 */
import { detectImportType } from "../spec/detect";
import type { ImportSpec, ImportTypeId } from "../spec/types";
import { fileException, type CellValue, type Exception } from "../validation";
import type { SheetValidation } from "./types";

export interface SpecChoice {
  spec: ImportSpec | null;
  detectedBy: SheetValidation["detectedBy"];
  /** Why no spec was chosen. */
  finding: Exception | null;
}

export function chooseSpec(header: readonly CellValue[], override: ImportTypeId | undefined, remembered: ImportTypeId | undefined, specs: readonly ImportSpec[]): SpecChoice {
  const byId = (id: ImportTypeId | undefined) => (id === undefined ? undefined : specs.find((s) => s.id === id));
  const chosen = byId(override);
  if (chosen) return { spec: chosen, detectedBy: "user", finding: null };
  const detection = detectImportType(header, specs);
  if (detection.ok) return { spec: detection.spec, detectedBy: "header", finding: null };
  const earlier = byId(remembered);
  if (earlier) return { spec: earlier, detectedBy: "user", finding: null };
  const code = detection.reason === "several" ? "ambiguous-import-type" : "unknown-import-type";
  return { spec: null, detectedBy: "none", finding: fileException(code, { detail: detection.message }) };
}
