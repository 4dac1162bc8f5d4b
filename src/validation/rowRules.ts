import type { RowRule } from "../spec/types";
import { checkDateTime } from "./dates";
import { isBlank, shown, type PlacedProblem } from "./problem";

/** Checks one row's texts (indexed by header position) against a rule; returns a problem or null. */
export type RowCheck = (texts: readonly string[]) => PlacedProblem | null;

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * Compiles the spec's row rules against the file's column positions. A rule whose columns are not in the file is
 * dropped, except "requires", whose missing `then` column is itself the problem on every row that needs it.
 */
export function compileRowRules(rules: readonly RowRule[], positionOf: ReadonlyMap<string, number>): RowCheck[] {
  const at = (name: string) => positionOf.get(name) ?? -1;
  const checks: RowCheck[] = [];
  for (const rule of rules) {
    switch (rule.kind) {
      case "requires": {
        const when = at(rule.when);
        const then = at(rule.then);
        if (when < 0) break;
        checks.push((texts) =>
          !isBlank(texts[when] ?? "") && isBlank(then < 0 ? "" : texts[then] ?? "")
            ? { position: then < 0 ? when : then, code: rule.code, params: { when: rule.when, then: rule.then, value: shown(texts[when]) } }
            : null,
        );
        break;
      }
      case "dateOrder": {
        const earlier = at(rule.earlier);
        const later = at(rule.later);
        if (earlier < 0 || later < 0) break;
        checks.push((texts) => {
          const a = texts[earlier] ?? "";
          const b = texts[later] ?? "";
          if (isBlank(a) || isBlank(b) || !checkDateTime(a).ok || !checkDateTime(b).ok) return null;
          // ISO text sorts as time does; a date against a date-time is compared by day.
          const before = a.length === b.length ? b < a : b.slice(0, 10) < a.slice(0, 10);
          if (!before) return null;
          return { position: later, code: rule.code, params: { earlier: rule.earlier, earlierValue: shown(a), later: rule.later, laterValue: shown(b) } };
        });
        break;
      }
      case "numberOrder": {
        const lower = at(rule.lower);
        const higher = at(rule.higher);
        if (lower < 0 || higher < 0) break;
        checks.push((texts) => {
          const a = texts[lower] ?? "";
          const b = texts[higher] ?? "";
          if (!DECIMAL.test(a) || !DECIMAL.test(b) || Number(b) >= Number(a)) return null;
          return { position: higher, code: rule.code, params: { lower: rule.lower, lowerValue: shown(a), higher: rule.higher, higherValue: shown(b) } };
        });
        break;
      }
      case "anyOf": {
        const positions = rule.columns.map(at).filter((p) => p >= 0);
        if (positions.length === 0) break;
        const columns = rule.columns.filter((name) => at(name) >= 0).join(", ");
        checks.push((texts) => (positions.every((p) => isBlank(texts[p] ?? "")) ? { position: -1, code: rule.code, params: { columns } } : null));
        break;
      }
      case "differs": {
        const original = at(rule.original);
        const changed = at(rule.changed);
        if (original < 0 || changed < 0) break;
        checks.push((texts) =>
          !isBlank(texts[changed] ?? "") && texts[changed] === texts[original]
            ? { position: changed, code: rule.code, params: { original: rule.original, changed: rule.changed, value: shown(texts[changed]) } }
            : null,
        );
        break;
      }
    }
  }
  return checks;
}
