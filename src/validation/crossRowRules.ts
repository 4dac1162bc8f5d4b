import type { CrossRowRule } from "../spec/types";
import { checkDateTime } from "./dates";
import { isBlank, shown } from "./problem";
import type { GroupFinding, Membership, RowState } from "./rowState";

/** One cross-row rule bound to the file's columns: which groups a row joins, and what a group's rows break. */
export interface CrossRule {
  /** The groups a row joins, as [key, payload] pairs; most rules give none or one. */
  keys(texts: readonly string[], row: RowState): Array<[string, string[]]>;
  /** Judges a group whose members are in row order. */
  evaluate(members: readonly Membership[]): GroupFinding[];
}

const SEP = "\u001f";

/** Compiles the spec's cross-row rules against the file's column positions, dropping those whose columns are absent. */
export function compileCrossRules(rules: readonly CrossRowRule[], positionOf: ReadonlyMap<string, number>): CrossRule[] {
  const at = (name: string) => positionOf.get(name) ?? -1;
  const present = (names: readonly string[]) => names.map(at).filter((p) => p >= 0);
  const compiled: CrossRule[] = [];
  for (const rule of rules) {
    const historyMarkers = "current" in rule ? present(rule.current) : [];
    const isCurrent = (texts: readonly string[]) => historyMarkers.every((p) => isBlank(texts[p] ?? ""));
    switch (rule.kind) {
      case "duplicateRow":
        compiled.push({
          keys: (_, row) => [[row.hash, []]],
          evaluate: (members) => members.slice(1).map((m) => ({ target: m.row, position: -1, code: rule.code, params: {}, refs: { other: members[0].row } })),
        });
        break;
      case "unique": {
        const key = present(rule.key);
        if (key.length !== rule.key.length) break;
        compiled.push({
          keys: (texts) => (key.every((p) => isBlank(texts[p] ?? "")) ? [] : [[join(texts, key), []]]),
          evaluate: (members) =>
            members.slice(1).map((m) => ({
              target: m.row,
              position: key[key.length - 1],
              code: rule.code,
              params: { key: rule.key.join(" + "), value: shown(m.group.key.split(SEP).join(" / ")) },
              refs: { other: members[0].row },
            })),
        });
        break;
      }
      case "consistent": {
        const key = present(rule.key);
        const columns = rule.columns.filter((name) => at(name) >= 0);
        const positions = columns.map(at);
        if (key.length !== rule.key.length || positions.length === 0) break;
        compiled.push({
          keys: (texts) => (key.some((p) => isBlank(texts[p] ?? "")) ? [] : [[join(texts, key), positions.map((p) => texts[p] ?? "")]]),
          evaluate: (members) => {
            if (members.length < 2) return [];
            const findings: GroupFinding[] = [];
            positions.forEach((position, c) => {
              let first: Membership | null = null;
              for (const m of members) {
                const value = m.payload[c];
                if (isBlank(value)) continue;
                if (!first) first = m;
                else if (value !== first.payload[c]) {
                  findings.push({
                    target: m.row,
                    position,
                    code: rule.code,
                    params: { column: columns[c], value: shown(value), otherValue: shown(first.payload[c]), key: rule.key.join(" + "), keyValue: shown(m.group.key.split(SEP).join(" / ")) },
                    refs: { other: first.row },
                  });
                }
              }
            });
            return findings;
          },
        });
        break;
      }
      case "compoundMeter": {
        const key = present(rule.key);
        const meter = at(rule.key[rule.key.length - 1]);
        const register = at(rule.column);
        if (meter < 0) break;
        const meaning = new Map<string, string>();
        for (const same of rule.sameMeaning) for (const code of same) meaning.set(code, same[0]);
        compiled.push({
          keys: (texts) => (isBlank(texts[meter] ?? "") || !isCurrent(texts) ? [] : [[join(texts, key), [register < 0 ? "" : texts[register] ?? ""]]]),
          evaluate: (members) => {
            if (members.length < 2) return [];
            const findings: GroupFinding[] = [];
            const seen = new Map<string, RowState>();
            const hashes = new Set<string>();
            const meterId = shown(members[0].group.key.split(SEP)[key.length - 1]);
            // An exact duplicate row is reported as such, not as a second register.
            const distinct = members.filter((m) => !hashes.has(m.row.hash) && hashes.add(m.row.hash));
            if (distinct.length < 2) return [];
            for (const m of distinct) {
              const value = m.payload[0];
              if (isBlank(value)) {
                findings.push({ target: m.row, position: register < 0 ? meter : register, code: "compound-register-missing", params: { meter: meterId, count: distinct.length } });
                continue;
              }
              const side = meaning.get(value) ?? value;
              const earlier = seen.get(side);
              if (earlier) findings.push({ target: m.row, position: register, code: "compound-register-duplicate", params: { value, meter: meterId }, refs: { other: earlier } });
              else seen.set(side, m.row);
            }
            return findings;
          },
        });
        break;
      }
      case "singleOwner": {
        const key = present(rule.key);
        const owner = present(rule.owner);
        if (key.length !== rule.key.length || owner.length !== rule.owner.length) break;
        compiled.push({
          keys: (texts) => {
            if (key.every((p) => isBlank(texts[p] ?? "")) || owner.some((p) => isBlank(texts[p] ?? "")) || !isCurrent(texts)) return [];
            return [[join(texts, key), [owner.map((p) => texts[p]).join(" / ")]]];
          },
          evaluate: (members) => {
            const first = members[0];
            return members
              .filter((m) => m.payload[0] !== first.payload[0])
              .map((m) => ({
                target: m.row,
                position: key[key.length - 1],
                code: rule.code,
                params: { value: shown(displayKey(m.group.key)), owner: shown(m.payload[0]), otherOwner: shown(first.payload[0]) },
                refs: { other: first.row },
              }));
          },
        });
        break;
      }
      case "historyOrder": {
        const key = present(rule.key);
        const dates = present(rule.dates);
        if (key.length !== rule.key.length || dates.length === 0) break;
        compiled.push({
          keys: (texts) => {
            if (key.every((p) => isBlank(texts[p] ?? ""))) return [];
            const latest = latestDate(texts, dates);
            return latest ? [[join(texts, key), [latest]]] : [];
          },
          evaluate: (members) => {
            const findings: GroupFinding[] = [];
            let newest: Membership | null = null;
            for (const m of members) {
              if (newest && m.payload[0] < newest.payload[0]) {
                findings.push({
                  target: m.row,
                  position: dates[0],
                  code: rule.code,
                  params: { date: m.payload[0], otherDate: newest.payload[0], key: rule.key.join(" + ") },
                  refs: { other: newest.row },
                });
              } else newest = m;
            }
            return findings;
          },
        });
        break;
      }
      case "notExisting": {
        const original = at(rule.original);
        const changed = at(rule.changed);
        const scope = present(rule.scope);
        if (original < 0 || changed < 0 || scope.length !== rule.scope.length) break;
        compiled.push({
          keys: (texts) => {
            const joined: Array<[string, string[]]> = [];
            const prefix = scope.map((p) => texts[p] ?? "").join(SEP);
            if (!isBlank(texts[original] ?? "")) joined.push([prefix + SEP + texts[original], ["original"]]);
            if (!isBlank(texts[changed] ?? "")) joined.push([prefix + SEP + texts[changed], ["changed"]]);
            return joined;
          },
          evaluate: (members) => {
            const findings: GroupFinding[] = [];
            for (const m of members) {
              if (m.payload[0] !== "changed") continue;
              const existing = members.find((o) => o.payload[0] === "original" && o.row !== m.row);
              if (existing) {
                findings.push({ target: m.row, position: changed, code: rule.code, params: { value: shown(m.group.key.split(SEP).pop() ?? ""), column: rule.original }, refs: { other: existing.row } });
              }
            }
            return findings;
          },
        });
        break;
      }
    }
  }
  return compiled;
}

function join(texts: readonly string[], positions: readonly number[]): string {
  if (positions.length === 1) return texts[positions[0]] ?? "";
  let key = texts[positions[0]] ?? "";
  for (let i = 1; i < positions.length; i++) key += SEP + (texts[positions[i]] ?? "");
  return key;
}

function displayKey(key: string): string {
  return key
    .split(SEP)
    .map((part) => (isBlank(part) ? "(blank)" : part))
    .join(" / ");
}

/** The latest valid date among the row's date columns (ISO text sorts as time does). */
function latestDate(texts: readonly string[], positions: readonly number[]): string | null {
  let latest: string | null = null;
  for (const p of positions) {
    const value = texts[p] ?? "";
    if ((latest === null || value > latest) && checkDateTime(value).ok) latest = value;
  }
  return latest;
}
