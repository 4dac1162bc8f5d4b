import { mkdtempSync, rmSync } from "node:fs";
import { constants, cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { writeAccountsFile } from "./generateAccounts";
import { ApiClient } from "./server/client";
import { prepareDatabase, seedImports, type BenchDatabase, type DatabaseKind } from "./server/databases";
import { apply, bigUpload, load, testRun } from "./server/measure";
import { startServer, type RunningServer } from "./server/serverProcess";

/**
 * `npm run bench:server [-- --rows N] [-- --db sqlite|postgres|both] [-- --cpu-prof]` (also --connections,
 * --duration and --log-level, default 50, 10 s and info, the server's default): starts the real import API
 * (dist/src/server/main.js) once per database and measures, over HTTP as a client would:
 *  - the test run of an N-row Accounts and Assets file (a dry-run upload) and the apply of it (approve);
 *  - the server's peak resident memory while a file of just under 70 MiB is uploaded, and through its test run;
 *  - the activity list with 10,000 imports stored, under autocannon (50 connections, 10 s), with an API token and
 *    with Basic auth.
 * Prints a table and one JSON line; nothing asserts. PostgreSQL is TEST_DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432/test, in a schema of its own dropped afterwards.
 */

const ADMIN_EMAIL = "bench@example.com";
const ADMIN_PASSWORD = "bench-password-not-secret";
/** Just under the 70 MiB an import takes, like `npm run bench`'s 70 MB file; a different seed from the N-row file. */
const BIG_FILE_BYTES = 70 * 1048576 - 4096;
const BIG_FILE_SEED = 7;
const STORED_IMPORTS = 10_000;
const ACTIVITY_PATH = "/v1/bde/import?page=1&pageSize=25";

interface Options {
  rows: number;
  kinds: DatabaseKind[];
  postgresUrl: string;
  connections: number;
  duration: number;
  logLevel: string;
  cpuProfileDir?: string;
}

interface BenchFiles {
  accounts: { path: string; rows: number; bytes: number };
  big: { path: string; rows: number; bytes: number };
}

/**
 * One database's figures, named as the JSON line reports them. `*_s` durations are on the server's clock (its
 * recorded times); `*_wall_s` as the bench saw them over HTTP; `*_server_cpu_s` and `*_cpu_ms_per_req` are the
 * server process's own CPU time (PostgreSQL's work happens in its own processes and is not in them).
 */
interface Figures {
  /** Runnable processes on the machine (1-minute load average) as this database's run began: noise, if high. */
  host_load_1m: number;
  test_run_rows_per_s: number;
  test_run_s: number;
  test_run_wall_s: number;
  test_run_server_cpu_s: number;
  records_ready: number;
  test_run_errors: number;
  apply_rows_per_s: number;
  apply_s: number;
  apply_wall_s: number;
  apply_server_cpu_s: number;
  records_imported: number;
  upload_70mb_s: number;
  upload_rss_before_mb: number;
  upload_peak_rss_mb: number;
  upload_test_run_peak_rss_mb: number;
  upload_peak_reset: boolean;
  test_run_70mb_rows_per_s: number;
  activity_imports: number;
  activity_p50_ms: number;
  activity_p99_ms: number;
  activity_req_per_s: number;
  activity_cpu_ms_per_req: number;
  activity_basic_p50_ms: number;
  activity_basic_p99_ms: number;
  activity_basic_req_per_s: number;
  activity_basic_cpu_ms_per_req: number;
}

type Results = Partial<Record<DatabaseKind, Figures>>;

/** Cleanups that must run even when the bench is interrupted: each runs once, last registered first. */
const cleanups: Array<() => Promise<void>> = [];

function onCleanup(work: () => Promise<void>): () => Promise<void> {
  let ran: Promise<void> | null = null;
  const once = () => (ran ??= work().catch((error: Error) => console.error(`bench: cleanup: ${error.message}`)));
  cleanups.push(once);
  return once;
}

async function main(): Promise<void> {
  const options = readOptions();
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void interrupted(signal));
  if (options.kinds.includes("postgres")) await requirePostgres(options.postgresUrl);
  const dir = mkdtempSync(join(tmpdir(), "dx-server-bench-files-"));
  const removeFiles = onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  try {
    const files = await writeFiles(dir, options.rows);
    const results: Results = {};
    for (const kind of options.kinds) results[kind] = await benchDatabase(kind, files, options);
    printTable(files, results);
    console.log(JSON.stringify(jsonLine(files, results)));
    if (options.cpuProfileDir) console.error(`bench: CPU profiles of the server in ${options.cpuProfileDir}`);
  } finally {
    await removeFiles();
  }
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      rows: { type: "string", default: "100000" },
      db: { type: "string", default: "both" },
      connections: { type: "string", default: "50" },
      duration: { type: "string", default: "10" },
      "log-level": { type: "string", default: "info" }, // the server's own default, so logging costs what it costs in service
      "cpu-prof": { type: "boolean", default: false },
    },
  });
  const whole = (name: string, text: string | undefined) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number, not ${text}`);
    return n;
  };
  if (!["sqlite", "postgres", "both"].includes(values.db ?? "")) throw new Error(`--db must be sqlite, postgres or both, not ${values.db}`);
  return {
    rows: whole("rows", values.rows),
    kinds: values.db === "both" ? ["sqlite", "postgres"] : [values.db as DatabaseKind],
    postgresUrl: process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
    connections: whole("connections", values.connections),
    duration: whole("duration", values.duration),
    logLevel: values["log-level"] ?? "info",
    cpuProfileDir: values["cpu-prof"] ? mkdtempSync(join(tmpdir(), "dx-server-bench-profiles-")) : undefined,
  };
}

async function interrupted(signal: "SIGINT" | "SIGTERM"): Promise<void> {
  console.error(`bench: ${signal}: stopping the server and removing what the bench made`);
  for (const cleanup of [...cleanups].reverse()) await cleanup();
  process.exit(128 + constants.signals[signal]); // the shell's convention for "ended by this signal"
}

/** Fails before minutes of work when PostgreSQL is not there, saying how to run without it. */
async function requirePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    throw new Error(`PostgreSQL does not answer at ${url} (${(error as Error).message}); set TEST_DATABASE_URL, or run with --db sqlite`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function writeFiles(dir: string, rows: number): Promise<BenchFiles> {
  const accounts = join(dir, "accounts.csv");
  const big = join(dir, "accounts-70mb.csv");
  return {
    accounts: { path: accounts, ...(await writeAccountsFile(accounts, rows)) },
    big: { path: big, ...(await writeAccountsFile(big, 0, BIG_FILE_SEED, BIG_FILE_BYTES)) },
  };
}

/** Starts a server on a fresh database of the kind, measures it, and removes it all whatever happens. */
async function benchDatabase(kind: DatabaseKind, files: BenchFiles, options: Options): Promise<Figures> {
  console.error(`bench: ${kind}: starting the server`);
  const hostLoad = loadavg()[0];
  const database = prepareDatabase(kind, options.postgresUrl);
  const disposeDatabase = onCleanup(() => database.dispose());
  let stopServer: (() => Promise<void>) | null = null;
  try {
    const server = await startServer({
      dataDir: database.dataDir,
      databaseUrl: database.databaseUrl,
      databaseSchema: database.databaseSchema,
      adminEmail: ADMIN_EMAIL,
      adminPassword: ADMIN_PASSWORD,
      logLevel: options.logLevel,
      cpuProfileDir: options.cpuProfileDir,
    });
    stopServer = onCleanup(() => server.stop());
    return { host_load_1m: round(hostLoad, 2), ...(await measureServer(kind, server, database, files, options)) };
  } finally {
    await stopServer?.();
    await disposeDatabase();
  }
}

async function measureServer(
  kind: DatabaseKind,
  server: RunningServer,
  database: BenchDatabase,
  files: BenchFiles,
  options: Options,
): Promise<Omit<Figures, "host_load_1m">> {
  const basic = ApiClient.basic(server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const client = await basic.withToken("server benchmark");

  // The large upload comes first, on a fresh process, so its peak is the upload's and not the leftovers of an apply.
  console.error(`bench: ${kind}: uploading ${mb(files.big.bytes)} MB`);
  const upload = await bigUpload(client, server.pid, files.big.path);

  console.error(`bench: ${kind}: test run and apply of ${files.accounts.rows.toLocaleString("en-US")} rows`);
  const tested = await testRun(client, server.pid, files.accounts.path);
  const applied = await apply(client, server.pid, tested.id);

  console.error(`bench: ${kind}: activity list, ${options.connections} connections for ${options.duration} s (token, then Basic)`);
  const { listed, byToken, byPassword } = await activityList(server, database, [client, basic], options);

  const rows = files.accounts.rows;
  return {
    test_run_rows_per_s: Math.round(rows / tested.seconds),
    test_run_s: round(tested.seconds, 3),
    test_run_wall_s: round(tested.wallSeconds, 3),
    test_run_server_cpu_s: round(tested.cpuSeconds, 3),
    records_ready: tested.recordsReady,
    test_run_errors: tested.errors,
    apply_rows_per_s: Math.round(rows / applied.seconds),
    apply_s: round(applied.seconds, 3),
    apply_wall_s: round(applied.wallSeconds, 3),
    apply_server_cpu_s: round(applied.cpuSeconds, 3),
    records_imported: applied.recordsImported,
    upload_70mb_s: round(upload.uploadSeconds, 2),
    upload_rss_before_mb: Math.round(upload.rssBeforeMb),
    upload_peak_rss_mb: Math.round(upload.uploadPeakMb),
    upload_test_run_peak_rss_mb: Math.round(upload.testRunPeakMb),
    upload_peak_reset: upload.peakReset,
    test_run_70mb_rows_per_s: Math.round(files.big.rows / upload.testRun.seconds),
    activity_imports: listed.total,
    activity_p50_ms: byToken.p50Ms,
    activity_p99_ms: byToken.p99Ms,
    activity_req_per_s: Math.round(byToken.requestsPerS),
    activity_cpu_ms_per_req: round(byToken.cpuMsPerRequest, 2),
    activity_basic_p50_ms: byPassword.p50Ms,
    activity_basic_p99_ms: byPassword.p99Ms,
    activity_basic_req_per_s: Math.round(byPassword.requestsPerS),
    activity_basic_cpu_ms_per_req: round(byPassword.cpuMsPerRequest, 2),
  };
}

/**
 * Stores the history first (straight into the database), then loads the list's first page with each way of signing
 * in. Basic auth is measured as a polling script meets it: the server remembers a verified password for a while.
 */
async function activityList(server: RunningServer, database: BenchDatabase, clients: [ApiClient, ApiClient], options: Options) {
  const store = await database.open();
  try {
    await seedImports(store, ADMIN_EMAIL, STORED_IMPORTS);
  } finally {
    await store.close();
  }
  const [byTokenClient, basicClient] = clients;
  const listed = await byTokenClient.call<{ total: number }>("GET", ACTIVITY_PATH);
  const url = server.url + ACTIVITY_PATH;
  const byToken = await load(server.pid, url, byTokenClient.authorization, options.connections, options.duration);
  const byPassword = await load(server.pid, url, basicClient.authorization, options.connections, options.duration);
  return { listed, byToken, byPassword };
}

/** A figure the issue sets a goal for; the goal may differ by database. */
interface Target {
  key: "test_run_rows_per_s" | "apply_rows_per_s" | "upload_peak_rss_mb" | "activity_p99_ms";
  text: string;
  met(value: number, kind: DatabaseKind): boolean;
}

const TARGETS: Record<Target["key"], Target> = {
  test_run_rows_per_s: { key: "test_run_rows_per_s", text: "≥ 50,000", met: (v) => v >= 50_000 },
  apply_rows_per_s: { key: "apply_rows_per_s", text: "≥ 20,000 SQLite, ≥ 10,000 PostgreSQL", met: (v, kind) => v >= (kind === "sqlite" ? 20_000 : 10_000) },
  upload_peak_rss_mb: { key: "upload_peak_rss_mb", text: "< 300 MB", met: (v) => v < 300 },
  activity_p99_ms: { key: "activity_p99_ms", text: "< 50 ms", met: (v) => v < 50 },
};

interface TableRow {
  label: string;
  cell(f: Figures): string;
  target?: Target;
}

function tableRows(files: BenchFiles): TableRow[] {
  const n = (value: number) => value.toLocaleString("en-US");
  return [
    { label: `machine load (1-minute average, ${cpus().length} cores) as the run began`, cell: (f) => String(f.host_load_1m) },
    { label: `test run rows/s (${n(files.accounts.rows)} rows; queue → tested, server clock)`, cell: (f) => `${n(f.test_run_rows_per_s)} (${f.test_run_s} s)`, target: TARGETS.test_run_rows_per_s },
    { label: "  as the polling client saw it (202 → done); server CPU", cell: (f) => `${f.test_run_wall_s} s; ${f.test_run_server_cpu_s} s` },
    { label: "  records ready, errors found", cell: (f) => `${n(f.records_ready)}, ${n(f.test_run_errors)}` },
    { label: "apply rows/s (approved → complete, server clock)", cell: (f) => `${n(f.apply_rows_per_s)} (${f.apply_s} s)`, target: TARGETS.apply_rows_per_s },
    { label: "  as the client saw it (PUT → complete); server CPU", cell: (f) => `${f.apply_wall_s} s; ${f.apply_server_cpu_s} s` },
    { label: "  records imported", cell: (f) => n(f.records_imported) },
    { label: `${mb(files.big.bytes)} MB upload (${n(files.big.rows)} rows): time to 202`, cell: (f) => `${f.upload_70mb_s} s` },
    { label: "  server RSS before the upload", cell: (f) => `${f.upload_rss_before_mb} MB` },
    { label: "  server peak RSS during the upload", cell: (f) => `${f.upload_peak_rss_mb} MB${f.upload_peak_reset ? "" : " (since start)"}`, target: TARGETS.upload_peak_rss_mb },
    { label: "  server peak RSS through its test run", cell: (f) => `${f.upload_test_run_peak_rss_mb} MB` },
    { label: "  its test run rows/s", cell: (f) => n(f.test_run_70mb_rows_per_s) },
    { label: "activity list p99, API token", cell: (f) => `${f.activity_p99_ms} ms (${n(f.activity_imports)} imports)`, target: TARGETS.activity_p99_ms },
    { label: "  p50, requests/s, server CPU per request", cell: (f) => `${f.activity_p50_ms} ms, ${n(f.activity_req_per_s)}/s, ${f.activity_cpu_ms_per_req} ms` },
    { label: "  Basic auth: p99, p50, requests/s, CPU per request", cell: (f) => `${f.activity_basic_p99_ms} ms, ${f.activity_basic_p50_ms} ms, ${n(f.activity_basic_req_per_s)}/s, ${f.activity_basic_cpu_ms_per_req} ms` },
  ];
}

function printTable(files: BenchFiles, results: Results): void {
  const kinds = Object.keys(results) as DatabaseKind[];
  const header = ["", ...kinds, "target", "met?"];
  const body = tableRows(files).map((row) => [
    row.label,
    ...kinds.map((kind) => row.cell(results[kind]!)),
    row.target?.text ?? "",
    row.target ? verdict(row.target, results) : "",
  ]);
  const lines = [header, ...body];
  const widths = header.map((_, i) => Math.max(...lines.map((line) => line[i].length)));
  for (const line of lines) console.log(line.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd());
}

/** "met" when every database measured meets the goal; otherwise which ones missed it. */
function verdict(target: Target, results: Results): string {
  const missed = (Object.keys(results) as DatabaseKind[]).filter((kind) => !target.met(results[kind]![target.key], kind));
  return missed.length === 0 ? "met" : `MISSED (${missed.join(", ")})`;
}

function jsonLine(files: BenchFiles, results: Results): Record<string, unknown> {
  return { rows: files.accounts.rows, file_mb: mb(files.accounts.bytes), big_file_mb: mb(files.big.bytes), big_file_rows: files.big.rows, ...results };
}

function mb(bytes: number): number {
  return round(bytes / 1048576, 1);
}

function round(n: number, digits: number): number {
  return Number(n.toFixed(digits));
}

main().catch((error: Error) => {
  console.error(`bench: ${error.message}`);
  process.exitCode = 1;
});
