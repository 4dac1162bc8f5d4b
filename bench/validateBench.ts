import { spawnSync } from "node:child_process";
import { createReadStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { READ_CHUNK_BYTES, validateFile } from "../src/exchange/validateFile";
import { IMPORT_SPECS } from "../src/spec";
import { readCsvStream } from "../src/exchange/readCsv";
import { accountsAndAssets } from "../src/spec/accountsAndAssets";
import { ValidationSession } from "../src/validation/session";
import { BENCH_COLUMNS, writeAccountsFile } from "./generateAccounts";

/**
 * `npm run bench [-- --rows N] [-- --skip-70mb]`: generates an Accounts and Assets file and measures parsing alone
 * (one streamed read), the whole validation pipeline of `dx` in process (a streamed read of the whole file, then a
 * read of just the rows that meet others, every check, the findings list), the memory of a whole `dx validate` run,
 * a 70 MB file end to end, and re-validating one edited row of a sheet held in a session. Prints a table and one JSON
 * line. Timings are medians of several runs; nothing here asserts.
 *
 * Beside wall time, each run's CPU time (all of the process's threads, the collector's helpers included) is reported:
 * on a shared machine other processes stretch wall time, while the work a run does is what its CPU time counts.
 */

const RUNS = 5;
const EDITS = 300;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: "string", default: "100000" }, "skip-70mb": { type: "boolean", default: false } } });
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`--rows must be a positive whole number, not ${values.rows}`);
  const dir = mkdtempSync(join(tmpdir(), "dx-bench-"));
  try {
    const file = join(dir, "accounts.csv");
    const { bytes } = await writeAccountsFile(file, rows);
    const cells = rows * BENCH_COLUMNS.length;

    const parseTimes: Timing[] = [];
    const validateTimes: Timing[] = [];
    let findings = 0;
    for (let run = 0; run < RUNS; run++) {
      parseTimes.push(await timed(() => parseOnly(file)));
      validateTimes.push(await timed(async () => (findings = await parseAndValidate(file))));
    }
    const parseS = median(parseTimes.map((t) => t.wall));
    const validateS = median(validateTimes.map((t) => t.wall));
    const parseCpuS = median(parseTimes.map((t) => t.cpu));
    const validateCpuS = median(validateTimes.map((t) => t.cpu));
    const engineS = Math.max(validateS - parseS, 1e-9);

    const whole = runDx(file);
    const incremental = await incrementalEdits(file);
    const big = values["skip-70mb"] ? null : await seventyMegabytes(dir);

    const result = {
      rows,
      columns: BENCH_COLUMNS.length,
      file_mb: round(bytes / 1048576, 1),
      findings,
      parse_s: round(parseS, 3),
      validate_s: round(validateS, 3),
      ratio_validate_over_parse: round(validateS / parseS, 2),
      parse_cpu_s: round(parseCpuS, 3),
      validate_cpu_s: round(validateCpuS, 3),
      ratio_cpu: round(validateCpuS / parseCpuS, 2),
      cells_per_s: Math.round(cells / engineS),
      dx_s: round(whole.seconds, 2),
      peak_rss_mb: Math.round(whole.peakMb),
      rss_over_file: round(whole.peakMb / (bytes / 1048576), 2),
      incremental_row_ms: round(incremental.median, 3),
      incremental_row_p95_ms: round(incremental.p95, 3),
      e2e_70mb_s: big ? round(big.seconds, 2) : null,
      e2e_70mb_peak_rss_mb: big ? Math.round(big.peakMb) : null,
    };
    printTable([
      ["file", `${result.rows.toLocaleString("en-US")} rows × ${result.columns} columns, ${result.file_mb} MB, ${findings.toLocaleString("en-US")} findings`, ""],
      ["parse only (one read)", `${result.parse_s} s`, ""],
      ["parse + validate (dx pipeline: read + rows that meet)", `${result.validate_s} s`, ""],
      ["ratio validate / parse", String(result.ratio_validate_over_parse), target(result.ratio_validate_over_parse <= 2, "≤ 2.0")],
      ["CPU time: parse, parse + validate, ratio", `${result.parse_cpu_s} s, ${result.validate_cpu_s} s, ${result.ratio_cpu}`, ""],
      ["validation cells/s (one core; pipeline minus one read)", result.cells_per_s.toLocaleString("en-US"), target(result.cells_per_s >= 2e6, "≥ 2,000,000")],
      ["dx validate, whole run", `${result.dx_s} s`, ""],
      ["dx peak RSS", `${result.peak_rss_mb} MB (${result.rss_over_file} × file)`, target(result.rss_over_file <= 4, "≤ 4 × file")],
      ["one edited row re-validated", `${result.incremental_row_ms} ms median, ${result.incremental_row_p95_ms} ms p95`, target(result.incremental_row_ms < 5, "< 5 ms")],
      ["70 MB file, dx end to end", big ? `${result.e2e_70mb_s} s, ${result.e2e_70mb_peak_rss_mb} MB peak` : "skipped", big ? target(big.seconds < 6, "< 6 s") : ""],
    ]);
    console.log(JSON.stringify(result));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function parseOnly(file: string): Promise<void> {
  let count = 0;
  await readCsvStream(createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }), { header: () => undefined, row: () => void count++ });
}

/** The command line's own pipeline, in process: detection, both passes, and the full findings list. */
async function parseAndValidate(file: string): Promise<number> {
  const result = await validateFile(file, { specs: IMPORT_SPECS });
  let findings = 0;
  for (const _ of result.exceptions) findings++; // writing each message is part of the work
  return findings;
}

/**
 * Runs the real command line on the file, as `npx dx` would (with the Node options of its #! line), and reads its
 * own report of time and peak memory.
 */
function runDx(file: string): { seconds: number; peakMb: number } {
  const dx = join(__dirname, "..", "src", "cli", "dx.js");
  const nodeOptions = /^#!.*?\bnode\b(.*)$/m.exec(readFileSync(dx, "utf8").split("\n")[0])?.[1].trim().split(/\s+/).filter(Boolean) ?? [];
  const run = spawnSync(process.execPath, [...nodeOptions, dx, "validate", file, "--format", "json", "--out", "/dev/null", "--stats"], { encoding: "utf8" });
  const stats = /dx: ([\d.]+) s, peak memory (\d+) MB/.exec(run.stderr);
  if (!stats) throw new Error(`dx did not report its stats (exit ${run.status}): ${run.stderr}`);
  return { seconds: Number(stats[1]), peakMb: Number(stats[2]) };
}

async function seventyMegabytes(dir: string): Promise<{ seconds: number; peakMb: number }> {
  const file = join(dir, "accounts-70mb.csv");
  await writeAccountsFile(file, 0, 7, 70 * 1048576 - 4096);
  return runDx(file);
}

/** Loads the file into a session, then replaces single rows at random and times each re-validation. */
async function incrementalEdits(file: string): Promise<{ median: number; p95: number }> {
  const table: string[][] = [];
  let session: ValidationSession | null = null;
  await readCsvStream(createReadStream(file), {
    header: (cells) => void (session = new ValidationSession(accountsAndAssets, cells)),
    row: (cells) => {
      table.push(cells);
      session!.appendRow(cells);
    },
  });
  const s = session as unknown as ValidationSession;
  s.exceptions();
  const times: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const index = Math.floor((i * 7919) % table.length);
    const cells = [...table[index]];
    cells[22] = i % 2 === 0 ? `MTR-EDIT-${i}` : cells[22]; // move the row to another meter and back
    cells[0] = cells[0] + (i % 3 === 0 ? " " : "");
    const start = performance.now();
    s.replaceRows([{ index, cells }]);
    s.rowExceptions(index);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: median(times), p95: times[Math.floor(times.length * 0.95)] };
}

interface Timing {
  wall: number;
  cpu: number;
}

async function timed(work: () => Promise<unknown>): Promise<Timing> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  await work();
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - start) / 1000, cpu: (used.user + used.system) / 1e6 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function round(n: number, digits: number): number {
  return Number(n.toFixed(digits));
}

function target(met: boolean, goal: string): string {
  return `${met ? "met" : "MISSED"} (${goal})`;
}

function printTable(rows: string[][]): void {
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd());
}

main().catch((error: Error) => {
  console.error(`bench: ${error.message}`);
  process.exitCode = 1;
});
