/// <reference types="office-js" />
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createExcelAdapter } from "../src/excel/adapter";
import type { LiveTiming, SheetValidation } from "../src/excel/types";
import { columnLetter } from "../src/validation";
import { BENCH_COLUMNS, accountRow, seeded } from "./generateAccounts";

/**
 * `npm run bench:excel [-- --rows N --bad N --edits N]`: the Excel add-in against the fake Excel host (test/fakes):
 * a 100,000 × 40 Accounts and Assets sheet with 10,000 bad cells scattered, validated and marked in full, then single
 * cells edited and re-validated live. Counts the syncs and the largest request, response and address of each, and
 * the time the engine takes for an edit. Prints a table and one JSON line; nothing here asserts.
 *
 * The fake host is test code, so `npm run build` does not compile it: the script compiles it on its own
 * (test/fakes/tsconfig.bench.json) and this file loads it at run time. `BenchFakes` names what is used of it; a test
 * (test/excel/benchHost.test.ts) holds the fake to that shape.
 */

type BenchValue = string | number | boolean;

export interface BenchHost {
  install(): () => void;
  edit(address: string, value: BenchValue): void;
  settle(): Promise<void>;
  stats: { mark(): number; since(mark: number): { syncs: number; maxRequestBytes: number; maxResponseBytes: number; maxAddressChars: number } };
}

export interface BenchFakes {
  fakeHost(workbook: { sheets: Array<{ name: string; rows: BenchValue[][] }> }, options?: { apiVersion?: string }): BenchHost;
}

/** Columns Excel would hold as numbers once typed (not IDs): latitude, longitude, year built, read sequence. */
const NUMERIC = new Set(["Location_Latitude", "Location_Longitude", "Location_Year_Built", "Read_Sequence"]);

/** Clean rows: record indexes whose IDs would collide with a compound meter's are skipped, so no row has a finding. */
function cleanRows(count: number): BenchValue[][] {
  const rows: BenchValue[][] = [];
  const never = () => 1; // a random source that never spoils a cell
  for (let i = 0; rows.length < count; i++) {
    const compound = Math.floor(i / 2) % 10 === 0;
    if (!compound && i % 10 === 0) continue;
    rows.push(accountRow(i, never).map((v, c) => (NUMERIC.has(BENCH_COLUMNS[c]) && v !== "" ? Number(v) : v)));
  }
  return rows;
}

interface Spoil {
  row: number;
  column: number;
  good: BenchValue;
  bad: BenchValue;
}

/** `bad` distinct cells, seeded: two in three too long (an error), one in three with a leading space (a warning). */
function spoil(rows: BenchValue[][], bad: number, random: () => number): Spoil[] {
  const seen = new Set<number>();
  const spoiled: Spoil[] = [];
  const width = BENCH_COLUMNS.length;
  while (spoiled.length < bad) {
    const row = Math.floor(random() * rows.length);
    const column = Math.floor(random() * width);
    const key = row * width + column;
    if (seen.has(key)) continue;
    seen.add(key);
    const good = rows[row][column];
    const badValue = spoiled.length % 3 === 2 ? ` ${String(good)}` : `${String(good)}${"x".repeat(70)}`;
    rows[row][column] = badValue;
    spoiled.push({ row, column, good, bad: badValue });
  }
  return spoiled;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: "string", default: "100000" }, bad: { type: "string", default: "10000" }, edits: { type: "string", default: "30" } } });
  const rowCount = Number(values.rows);
  const badCount = Number(values.bad);
  const editCount = Number(values.edits);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fakes = require(join(__dirname, "..", "test", "fakes", "index.js")) as BenchFakes;

  const rows = cleanRows(rowCount);
  const spoiled = spoil(rows, badCount, seeded(7));
  const host = fakes.fakeHost({ sheets: [{ name: "Accounts", rows: [[...BENCH_COLUMNS], ...rows] }] });
  const uninstall = host.install();
  const timings: LiveTiming[] = [];
  const adapter = createExcelAdapter({ onLiveTiming: (t) => timings.push(t) });
  let live: SheetValidation | null = null;
  adapter.onValidationChanged((result) => (live = result));
  try {
    let mark = host.stats.mark();
    let started = performance.now();
    const full = await adapter.validate();
    const fullSeconds = (performance.now() - started) / 1000;
    const fullStats = host.stats.since(mark);

    // Single-cell edits: fix a bad cell, then spoil it again, each re-validated and re-marked live.
    const editSyncs: number[] = [];
    const editStats: Array<ReturnType<BenchHost["stats"]["since"]>> = [];
    const editWall: number[] = [];
    for (let i = 0; i < editCount; i++) {
      const cell = spoiled[(i >> 1) * 97 % spoiled.length];
      const address = `${columnLetter(cell.column)}${cell.row + 2}`;
      mark = host.stats.mark();
      started = performance.now();
      host.edit(address, i % 2 === 0 ? cell.good : cell.bad);
      await host.settle();
      await adapter.whenIdle();
      editWall.push(performance.now() - started);
      const stats = host.stats.since(mark);
      editSyncs.push(stats.syncs);
      editStats.push(stats);
    }
    const edits = timings.filter((t) => !t.full);
    const engineMs = edits.map((t) => t.engineMs);
    const listMs = edits.map((t) => t.listMs);

    // After the edits, the live result must equal a fresh full validation of the same sheet.
    const after = await adapter.validate();
    const key = (r: SheetValidation | null) => JSON.stringify(r?.exceptions.map((e) => [e.row, e.column, e.code]));

    const result = {
      rows: rowCount,
      columns: BENCH_COLUMNS.length,
      bad_cells: badCount,
      findings: full.exceptions.length,
      errors: full.counts.errors,
      warnings: full.counts.warnings,
      full_s: round(fullSeconds, 2),
      syncs_full: fullStats.syncs,
      max_request_bytes: Math.max(fullStats.maxRequestBytes, ...editStats.map((s) => s.maxRequestBytes)),
      max_response_bytes: Math.max(fullStats.maxResponseBytes, ...editStats.map((s) => s.maxResponseBytes)),
      max_address_chars: Math.max(fullStats.maxAddressChars, ...editStats.map((s) => s.maxAddressChars)),
      edits: editCount,
      syncs_edit: Math.max(...editSyncs),
      edit_engine_ms: round(Math.max(...engineMs), 2),
      edit_engine_median_ms: round(median(engineMs), 3),
      edit_list_ms: round(median(listMs), 2),
      edit_wall_median_ms: round(median(editWall), 1),
      live_equals_full: key(live) === key(after),
    };
    const target = (ok: boolean, text: string) => `${ok ? "ok" : "MISSED"} (${text})`;
    const table: Array<[string, string, string]> = [
      ["sheet", `${rowCount.toLocaleString("en-US")} rows × ${result.columns} columns, ${badCount.toLocaleString("en-US")} bad cells`, ""],
      ["findings", `${result.findings.toLocaleString("en-US")} (${result.errors} errors, ${result.warnings} warnings)`, ""],
      ["full validate + mark", `${result.syncs_full} syncs, ${result.full_s} s`, target(result.syncs_full <= 25, "≤ 25 syncs")],
      ["largest request", `${result.max_request_bytes.toLocaleString("en-US")} bytes`, target(result.max_request_bytes <= 5 * 1024 * 1024, "≤ 5 MB")],
      ["largest response", `${result.max_response_bytes.toLocaleString("en-US")} bytes`, target(result.max_response_bytes <= 5 * 1024 * 1024, "≤ 5 MB")],
      ["longest address", `${result.max_address_chars.toLocaleString("en-US")} characters`, target(result.max_address_chars <= 8192, "≤ 8,192")],
      ["one-cell edit", `${result.syncs_edit} syncs at most (${editCount} edits)`, target(result.syncs_edit <= 3, "≤ 3 syncs")],
      ["edit engine time", `${result.edit_engine_ms} ms at most, ${result.edit_engine_median_ms} ms median`, target(result.edit_engine_ms < 20, "< 20 ms")],
      ["edit: findings list rebuilt", `${result.edit_list_ms} ms median`, ""],
      ["live result equals a full re-validation", String(result.live_equals_full), ""],
    ];
    const widths = [0, 1, 2].map((i) => Math.max(...table.map((r) => r[i].length)));
    for (const row of table) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd());
    console.log(JSON.stringify(result));
  } finally {
    await adapter.dispose();
    uninstall();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
