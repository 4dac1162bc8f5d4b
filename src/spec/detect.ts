import { headerIndex } from "./headers";
import { IMPORT_SPECS } from "./index";
import type { ImportSpec } from "./types";

export type Detection =
  | { ok: true; spec: ImportSpec }
  | { ok: false; reason: "none" | "several"; candidates: ImportSpec[]; message: string };

interface Fit {
  spec: ImportSpec;
  known: Set<string>;
  unknown: number;
  missing: string[];
}

/**
 * Works out the import type from the header row. A type fits when the file has every column of one of its signatures;
 * when several fit, the one that leaves the fewest headers unexplained wins, and a tie is reported rather than guessed.
 */
export function detectImportType(headers: readonly unknown[], specs: readonly ImportSpec[] = IMPORT_SPECS): Detection {
  const written = headers.filter((h): h is string => typeof h === "string" && h.trim() !== "");
  const fits = specs.map((spec) => fitOf(spec, written));
  const matching = fits.filter((fit) => fit.missing.length === 0);
  if (matching.length === 1) return { ok: true, spec: matching[0].spec };
  if (matching.length > 1) {
    const fewest = Math.min(...matching.map((fit) => fit.unknown));
    const best = matching.filter((fit) => fit.unknown === fewest);
    if (best.length === 1) return { ok: true, spec: best[0].spec };
    const labels = best.map((fit) => fit.spec.label);
    return {
      ok: false,
      reason: "several",
      candidates: best.map((fit) => fit.spec),
      message: `The header row fits several import types (${labels.join(", ")}); choose one with --type or in the task pane.`,
    };
  }
  if (written.length === 0) {
    return { ok: false, reason: "none", candidates: [], message: "The header row is empty, so the import type cannot be told." };
  }
  const closest = [...fits].sort((a, b) => b.known.size - a.known.size || a.missing.length - b.missing.length)[0];
  const hint = closest.known.size > 0 ? ` The closest is ${closest.spec.label}, which also needs ${closest.missing.join(", ")}.` : "";
  return {
    ok: false,
    reason: "none",
    candidates: [],
    message: `The header row matches no Data Exchange import type.${hint} Check the header names on row 1.`,
  };
}

function fitOf(spec: ImportSpec, written: string[]): Fit {
  const index = headerIndex(spec);
  const known = new Set<string>();
  let unknown = 0;
  for (const header of written) {
    const match = index.match(header);
    if (match.kind === "unknown") unknown++;
    else known.add(match.column.name);
  }
  const missingBySignature = spec.signature.map((set) => set.filter((name) => !known.has(name)));
  const missing = missingBySignature.reduce((a, b) => (b.length < a.length ? b : a));
  return { spec, known, unknown, missing };
}
