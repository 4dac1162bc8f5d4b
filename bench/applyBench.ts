import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance, PerformanceObserver } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { sql, type Kysely } from "kysely";
import { validateFile } from "../src/exchange/validateFile";
import { applyImport, blockedFromFindings, type ApplyJob, type BlockedComponents } from "../src/server/apply";
import { connect, migrate, type StoreConnection } from "../src/server/db/database";
import type { Database } from "../src/server/db/schema";
import { IMPORT_SPECS } from "../src/spec";
import { accountsAndAssets } from "../src/spec/accountsAndAssets";
import { writeAccountsFile } from "./generateAccounts";

/**
 * `npm run build && node dist/bench/applyBench.js [--rows N] [--db sqlite|postgres|both]`: generates an Accounts
 * and Assets file (bench/generateAccounts.ts: 40 columns, compound and manual meters, ~1% spoiled cells), test-runs
 * it for its blocked components (not timed), then times applying it into an empty database in one transaction,
 * commit included, and applying it again (the idempotent case: nothing is written). PostgreSQL is TEST_DATABASE_URL
 * or postgres://postgres@127.0.0.1:5432/test, in a schema of its own, dropped afterwards.
 *
 * Besides wall time it prints this process's CPU and GC time and, for PostgreSQL, the server backend's CPU (read
 * from /proc): on a shared machine those say where the time goes when the wall clock does not. Prints a table and
 * one JSON line; nothing asserts.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: "string", default: "100000" }, db: { type: "string", default: "both" } } });
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`--rows must be a positive whole number, not ${values.rows}`);
  const kinds = values.db === "both" ? ["sqlite", "postgres"] : [values.db ?? "sqlite"];
  const dir = mkdtempSync(join(tmpdir(), "dx-apply-bench-"));
  try {
    const file = join(dir, "accounts.csv");
    await writeAccountsFile(file, rows);
    const job = { organisationId: "org-1", spec: accountsAndAssets, filePath: file, blocked: await testRun(file) };
    const results: Record<string, number> = { rows };
    for (const kind of kinds) Object.assign(results, await measure(kind, dir, job, rows));
    for (const [name, value] of Object.entries(results)) console.log(`${name.padEnd(30)} ${value}`);
    console.log(JSON.stringify(results));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The blocked components of the file's test run; its own function so the validation session is freed before timing. */
async function testRun(file: string): Promise<BlockedComponents> {
  const validation = await validateFile(file, { specs: IMPORT_SPECS, spec: accountsAndAssets });
  return blockedFromFindings(validation.exceptions);
}

async function measure(kind: string, dir: string, job: Omit<ApplyJob, "importId">, rows: number): Promise<Record<string, number>> {
  const schema = `apply_bench_${process.pid}`;
  const store = await open(kind, dir, schema);
  try {
    let imported = 0;
    let serverCpuS = Number.NaN;
    const first = await timed(() =>
      store.db.transaction().execute(async (trx) => {
        const before = kind === "postgres" ? await backendCpuS(trx) : 0;
        imported = (await applyImport(trx, { ...job, importId: "1" })).recordsImported;
        if (kind === "postgres") serverCpuS = (await backendCpuS(trx)) - before;
      }),
    );
    const again = await timed(() => store.db.transaction().execute((trx) => applyImport(trx, { ...job, importId: "2" })));
    const out: Record<string, number> = {
      imported,
      rows_per_s: Math.round(rows / first.seconds),
      first_s: round(first.seconds),
      first_node_cpu_s: round(first.cpuSeconds),
      first_gc_s: round(first.gcSeconds),
      ...(kind === "postgres" ? { first_server_cpu_s: round(serverCpuS) } : {}),
      again_rows_per_s: Math.round(rows / again.seconds),
      again_s: round(again.seconds),
    };
    return Object.fromEntries(Object.entries(out).map(([name, value]) => [`${kind}_${name}`, value]));
  } finally {
    if (kind === "postgres") await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
    await store.close();
  }
}

async function open(kind: string, dir: string, schema: string): Promise<StoreConnection> {
  const store =
    kind === "postgres"
      ? await connect({ sqlitePath: "", databaseUrl: process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test", postgresSchema: schema })
      : await connect({ sqlitePath: join(dir, "bench.sqlite") });
  try {
    await migrate(store.db, store.schema);
  } catch (error) {
    if (kind === "postgres") await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
    await store.close();
    throw error;
  }
  return store;
}

/** CPU seconds used so far by the PostgreSQL backend serving this transaction (the server runs on this machine). */
async function backendCpuS(trx: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
  try {
    const fields = readFileSync(`/proc/${rows[0].pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Garbage-collection time so far, in ms: apply's cost is as much the garbage it makes as the work it does. */
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ["gc"] });

async function timed(work: () => Promise<unknown>): Promise<{ seconds: number; cpuSeconds: number; gcSeconds: number }> {
  const gcBefore = gcMs;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await work();
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, gcSeconds: (gcMs - gcBefore) / 1000 };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
