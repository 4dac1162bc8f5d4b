import type { CrossRowRule } from "../spec/types";
import { checkDateTime } from "./dates";
import { detach, isBlank, shown } from "./problem";
import type { GroupFinding, Member, RowState } from "./rowState";

/** Receives the keys a row holds under a rule, with the texts the rule keeps for it. */
export type Enter = (key: string, payload: string) => void;

/** One cross-row rule bound to the file's columns: which keys a row holds, and what rows sharing a key break. */
export interface CrossRule {
  /** How many keys a row may hold under this rule (most rules: one). */
  slots: number;
  /**
   * The column position every key of the rule starts with, so rows can be partitioned on it; the rule then enters
   * only the rest of its key, since the partition holds the first part. "own": partition on the rule's whole key;
   * "any": the rule holds within any partition, since exact duplicates agree on every column.
   */
  partition: number | "own" | "any";
  /**
   * Whether the row holds a key under the rule: exactly when `keys` enters one, but with no string built, so a first
   * pass over a file can tell which rows may meet others at all.
   */
  participates(texts: readonly string[]): boolean;
  /** Calls `enter` for each key the row holds, at most `slots` times. */
  keys(texts: readonly string[], row: RowState, enter: Enter): void;
  /** Judges the rows sharing one key, in row order (always two or more). */
  evaluate(members: readonly Member[]): GroupFinding[];
}

const SEP = "\u001f";

/** Compiles the spec's cross-row rules against the file's column positions, dropping those whose columns are absent. */
export function compileCrossRules(rules: readonly CrossRowRule[], positionOf: ReadonlyMap<string, number>): CrossRule[] {
  const at = (name: string) => positionOf.get(name) ?? -1;
  const present = (names: readonly string[]) => names.map(at).filter((p) => p >= 0);
  const compiled: CrossRule[] = [];
  for (const rule of rules) {
    const historyMarkers = "current" in rule ? present(rule.current) : [];
    // Named in messages; made once a rule, not once a finding.
    const keyName = "key" in rule ? rule.key.join(" + ") : "";
    const isCurrent = (texts: readonly string[]) => allBlank(texts, historyMarkers);
    switch (rule.kind) {
      case "duplicateRow":
        compiled.push({
          slots: 1,
          partition: "any",
          participates: () => true,
          keys: (_, __, enter) => enter("", ""),
          evaluate: (members) => {
            const findings: GroupFinding[] = [];
            // Partitions are small (rows of one location): finding each row's first twin by a scan beats a map.
            for (let i = 1; i < members.length; i++) {
              const hash = members[i].row.hash;
              let original = -1;
              for (let j = 0; j < i && original < 0; j++) if (members[j].row.hash === hash) original = j;
              // The first twin is itself an original (had it a twin before it, that one would be found first).
              if (original >= 0) findings.push({ target: members[i].row, position: -1, code: rule.code, params: { other: 0 }, other: members[original].row });
            }
            return findings;
          },
        });
        break;
      case "unique": {
        const key = present(rule.key);
        if (key.length !== rule.key.length) break;
        const rest = key.slice(1);
        compiled.push({
          slots: 1,
          partition: key[0],
          participates: (texts) => !allBlank(texts, key),
          keys: (texts, _, enter) => {
            if (!allBlank(texts, key)) enter(join(texts, rest), "");
          },
          evaluate: (members) =>
            members.slice(1).map((m) => ({
              target: m.row,
              position: key[key.length - 1],
              code: rule.code,
              params: { key: keyName, value: shown(fullKey(m, rest).split(SEP).join(" / ")), other: 0 },
              other: members[0].row,
            })),
        });
        break;
      }
      case "consistent": {
        const key = present(rule.key);
        const columns = rule.columns.filter((name) => at(name) >= 0);
        const positions = columns.map(at);
        if (key.length !== rule.key.length || positions.length === 0) break;
        const rest = key.slice(1);
        compiled.push({
          slots: 1,
          partition: key[0],
          participates: (texts) => !anyBlank(texts, key),
          keys: (texts, _, enter) => {
            if (!anyBlank(texts, key)) enter(join(texts, rest), join(texts, positions));
          },
          evaluate: (members) => {
            // Rows that agree on every column (nearly all of them) are consistent; no need to take them apart.
            if (samePayloads(members)) return [];
            const findings: GroupFinding[] = [];
            const values = members.map((m) => m.payload.split(SEP));
            // The members share the rule's whole key (rows are judged by key), so it is written once.
            const keyValue = shown(fullKey(members[0], rest).split(SEP).join(" / "));
            positions.forEach((position, c) => {
              let first = -1;
              for (let i = 0; i < members.length; i++) {
                const value = values[i][c];
                if (isBlank(value)) continue;
                if (first < 0) first = i;
                else if (value !== values[first][c]) {
                  const m = members[i];
                  findings.push({
                    target: m.row,
                    position,
                    code: rule.code,
                    params: { column: columns[c], value: shown(value), otherValue: shown(values[first][c]), key: keyName, keyValue, other: 0 },
                    other: members[first].row,
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
        const rest = key.slice(1);
        compiled.push({
          slots: 1,
          partition: key[0],
          participates: (texts) => !isBlank(texts[meter] ?? "") && isCurrent(texts),
          keys: (texts, _, enter) => {
            if (!isBlank(texts[meter] ?? "") && isCurrent(texts)) enter(join(texts, rest), register < 0 ? "" : detach(texts[register] ?? ""));
          },
          evaluate: (members) => {
            const findings: GroupFinding[] = [];
            const seen = new Map<string, RowState>();
            const hashes = new Set<number>();
            // An exact duplicate row is reported as such, not as a second register.
            const distinct = members.filter((m) => !hashes.has(m.row.hash) && hashes.add(m.row.hash));
            if (distinct.length < 2) return [];
            // Written only into findings, which most meters have none of.
            const meterId = () => shown(fullKey(members[0], rest).split(SEP)[key.length - 1]);
            for (const m of distinct) {
              const value = m.payload;
              if (isBlank(value)) {
                findings.push({ target: m.row, position: register < 0 ? meter : register, code: "compound-register-missing", params: { meter: meterId(), count: distinct.length } });
                continue;
              }
              const side = meaning.get(value) ?? value;
              const earlier = seen.get(side);
              if (earlier) findings.push({ target: m.row, position: register, code: "compound-register-duplicate", params: { value, meter: meterId(), other: 0 }, other: earlier });
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
        const rest = key.slice(1);
        compiled.push({
          slots: 1,
          partition: key[0],
          participates: (texts) => !allBlank(texts, key) && !anyBlank(texts, owner) && isCurrent(texts),
          keys: (texts, _, enter) => {
            if (allBlank(texts, key) || anyBlank(texts, owner) || !isCurrent(texts)) return;
            enter(join(texts, rest), join(texts, owner));
          },
          evaluate: (members) => {
            const first = members[0];
            if (samePayloads(members)) return [];
            return members
              .filter((m) => m.payload !== first.payload)
              .map((m) => ({
                target: m.row,
                position: key[key.length - 1],
                code: rule.code,
                params: { value: shown(displayKey(fullKey(m, rest))), owner: shown(displayKey(m.payload)), otherOwner: shown(displayKey(first.payload)), other: 0 },
                other: first.row,
              }));
          },
        });
        break;
      }
      case "historyOrder": {
        const key = present(rule.key);
        const dates = present(rule.dates);
        if (key.length !== rule.key.length || dates.length === 0) break;
        const rest = key.slice(1);
        compiled.push({
          slots: 1,
          partition: key[0],
          participates: (texts) => !allBlank(texts, key) && latestDate(texts, dates) !== null,
          keys: (texts, _, enter) => {
            if (allBlank(texts, key)) return;
            const latest = latestDate(texts, dates);
            if (latest !== null) enter(join(texts, rest), detach(latest));
          },
          evaluate: (members) => {
            const findings: GroupFinding[] = [];
            let newest: Member | null = null;
            for (const m of members) {
              if (newest && m.payload < newest.payload) {
                findings.push({
                  target: m.row,
                  position: dates[0],
                  code: rule.code,
                  params: { date: m.payload, otherDate: newest.payload, key: keyName, other: 0 },
                  other: newest.row,
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
          slots: 2,
          partition: "own",
          participates: (texts) => !isBlank(texts[original] ?? "") || !isBlank(texts[changed] ?? ""),
          keys: (texts, _, enter) => {
            const prefix = scope.map((p) => texts[p] ?? "").join(SEP);
            // A row renaming an ID to itself is reported by the row rule; here it would only meet itself.
            const from = texts[original] ?? "";
            const to = texts[changed] ?? "";
            if (!isBlank(from) && from !== to) enter(prefix + SEP + from, "original");
            if (!isBlank(to)) enter(prefix + SEP + to, "changed");
          },
          evaluate: (members) => {
            const findings: GroupFinding[] = [];
            for (const m of members) {
              if (m.payload !== "changed") continue;
              const existing = members.find((o) => o.payload === "original" && o.row !== m.row);
              if (existing) {
                findings.push({ target: m.row, position: changed, code: rule.code, params: { value: shown(m.key.split(SEP).pop() ?? ""), column: rule.original, other: 0 }, other: existing.row });
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

/** Whether every member holds the same payload: what most groups come to, and then most rules find nothing. */
function samePayloads(members: readonly Member[]): boolean {
  for (let i = 1; i < members.length; i++) if (members[i].payload !== members[0].payload) return false;
  return true;
}

/** A partitioned rule's whole key: the partition value, then the rest the rule entered. */
function fullKey(member: Member, rest: readonly number[]): string {
  return rest.length === 0 ? member.partition : member.partition + SEP + member.key;
}

/**
 * The texts at `positions`, joined by a unit separator. Built with Array.join, which makes one flat string; `+=`
 * would leave a rope of small strings that costs several times the memory for as long as the key is kept.
 */
function join(texts: readonly string[], positions: readonly number[]): string {
  if (positions.length === 0) return "";
  if (positions.length === 1) return detach(texts[positions[0]] ?? "");
  const parts = (joinScratch[positions.length] ??= new Array<string>(positions.length));
  for (let i = 0; i < positions.length; i++) parts[i] = texts[positions[i]] ?? "";
  return parts.join(SEP);
}

/** Reused by join, one array a length: the hot path makes one string a key, not an array as well. */
const joinScratch: string[][] = [];

/** Loops rather than every/some: those would make a closure over the row's texts for every row and rule. */
function allBlank(texts: readonly string[], positions: readonly number[]): boolean {
  for (let i = 0; i < positions.length; i++) if (!isBlank(texts[positions[i]] ?? "")) return false;
  return true;
}

function anyBlank(texts: readonly string[], positions: readonly number[]): boolean {
  for (let i = 0; i < positions.length; i++) if (isBlank(texts[positions[i]] ?? "")) return true;
  return false;
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
