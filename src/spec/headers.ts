import type { ColumnSpec, ImportSpec } from "./types";

/** How a written header was matched to a spec column. Anything but "exact" earns the user a warning. */
export type HeaderMatch =
  | { kind: "exact"; column: ColumnSpec }
  | { kind: "alias"; column: ColumnSpec; alias: string }
  | { kind: "folded"; column: ColumnSpec }
  | { kind: "unknown"; suggestion: string | null };

/**
 * The one place header spelling is compared: trimmed, lower-cased, with runs of spaces, hyphens and underscores
 * made one underscore. "location zip", " Location_ZIP " and "Location-Zip" all fold to "location_zip".
 */
export function foldHeader(header: string): string {
  return header.trim().toLowerCase().replace(/[\s_-]+/g, "_");
}

/** Resolves written headers to the columns of one spec: exact names, then aliases, then folded spellings. */
export class HeaderIndex {
  private readonly exact = new Map<string, ColumnSpec>();
  private readonly aliases = new Map<string, ColumnSpec>();
  private readonly folded = new Map<string, ColumnSpec>();

  constructor(readonly spec: ImportSpec) {
    for (const column of spec.columns) {
      this.exact.set(column.name, column);
      for (const alias of column.aliases ?? []) this.aliases.set(alias, column);
    }
    // Folded names go in after every exact name so a column's own spelling wins over another's alias.
    for (const column of spec.columns) {
      for (const alias of column.aliases ?? []) this.folded.set(foldHeader(alias), column);
    }
    for (const column of spec.columns) this.folded.set(foldHeader(column.name), column);
  }

  match(header: string): HeaderMatch {
    const exact = this.exact.get(header);
    if (exact) return { kind: "exact", column: exact };
    const alias = this.aliases.get(header);
    if (alias) return { kind: "alias", column: alias, alias: header };
    const folded = this.folded.get(foldHeader(header));
    if (folded) {
      const viaAlias = (folded.aliases ?? []).find((a) => foldHeader(a) === foldHeader(header));
      return viaAlias && foldHeader(folded.name) !== foldHeader(header)
        ? { kind: "alias", column: folded, alias: header }
        : { kind: "folded", column: folded };
    }
    return { kind: "unknown", suggestion: this.suggest(header) };
  }

  /** The closest column name, when it is close enough to be a likely typo. */
  suggest(header: string): string | null {
    const target = foldHeader(header);
    if (target === "") return null;
    let best: string | null = null;
    let bestDistance = Math.max(2, Math.floor(target.length / 4)) + 1;
    for (const column of this.spec.columns) {
      const distance = editDistance(target, foldHeader(column.name), bestDistance);
      if (distance < bestDistance) {
        best = column.name;
        bestDistance = distance;
      }
    }
    return best;
  }
}

/** Damerau-Levenshtein (optimal string alignment) distance, giving up once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prev2[j - 2] + 1);
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= limit) return limit;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length];
}

const indexes = new WeakMap<ImportSpec, HeaderIndex>();

/** The header index of a spec, built once. */
export function headerIndex(spec: ImportSpec): HeaderIndex {
  let index = indexes.get(spec);
  if (!index) {
    index = new HeaderIndex(spec);
    indexes.set(spec, index);
  }
  return index;
}
