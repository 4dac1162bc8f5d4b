import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { connect, type StoreConnection } from "../../src/server/db/database";
import type { ImportState, NewImport } from "../../src/server/db/schema";

export type DatabaseKind = "sqlite" | "postgres";

/** Where one benchmarked server keeps its data, and how the bench itself reaches the same database. */
export interface BenchDatabase {
  kind: DatabaseKind;
  /** The server's DATA_DIR (uploads, reports, and the SQLite file when kind is sqlite). */
  dataDir: string;
  /** The server's DATABASE_URL and DATABASE_SCHEMA; absent for SQLite. */
  databaseUrl?: string;
  databaseSchema?: string;
  /** A connection of the bench's own, beside the server's (SQLite in WAL mode allows it). */
  open(): Promise<StoreConnection>;
  /** Removes the data folder and, for PostgreSQL, the schema. */
  dispose(): Promise<void>;
}

export function prepareDatabase(kind: DatabaseKind, postgresUrl: string): BenchDatabase {
  const dataDir = mkdtempSync(join(tmpdir(), `dx-server-bench-${kind}-`));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (kind === "sqlite") {
    const settings = { sqlitePath: join(dataDir, "dx.sqlite") };
    return { kind, dataDir, open: () => connect(settings), dispose: async () => removeDir() };
  }
  // The server creates and migrates its schema itself (DATABASE_SCHEMA), as a deployment's would be.
  const schema = `bench_server_${process.pid}_${Date.now().toString(36)}`;
  return {
    kind,
    dataDir,
    databaseUrl: postgresUrl,
    databaseSchema: schema,
    open: () => connect({ sqlitePath: "", databaseUrl: postgresUrl, postgresSchema: schema }),
    dispose: async () => {
      try {
        await dropSchema(postgresUrl, schema);
      } finally {
        removeDir();
      }
    },
  };
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const store = await connect({ sqlitePath: "", databaseUrl: url });
  try {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
  } finally {
    await store.close();
  }
}

/** States a worker never picks up, so seeded imports are listed but never worked on. */
const RESTING: readonly ImportState[] = ["complete", "done", "complete", "exception", "cancelled", "complete", "failed"];
const BATCH = 500;
const DAY_MS = 86_400_000;

/**
 * Tops the organisation of `email` up to `total` imports, inserted straight into the table in batches of one
 * transaction: the activity list is measured on a realistic history without uploading ten thousand files.
 */
export async function seedImports(store: StoreConnection, email: string, total: number): Promise<number> {
  const user = await store.db.selectFrom("users").select(["id", "organisation_id"]).where("email", "=", email).executeTakeFirstOrThrow();
  const { n } = await store.db.selectFrom("imports").select((eb) => eb.fn.countAll<number>().as("n")).where("organisation_id", "=", user.organisation_id).executeTakeFirstOrThrow();
  const missing = Math.max(0, total - Number(n));
  const now = Date.now();
  await store.db.transaction().execute(async (trx) => {
    for (let start = 0; start < missing; start += BATCH) {
      const rows: NewImport[] = [];
      for (let i = start; i < Math.min(missing, start + BATCH); i++) rows.push(seededImport(i, user, now - (i + 1) * (30 * DAY_MS / missing)));
      await trx.insertInto("imports").values(rows).execute();
    }
    // The server keeps each organisation's import count beside its imports (migration 002); so must we.
    await trx.updateTable("organisations").set((eb) => ({ import_count: eb("import_count", "+", missing) })).where("id", "=", user.organisation_id).execute();
  });
  return missing;
}

function seededImport(i: number, user: { id: string; organisation_id: string }, createdMs: number): NewImport {
  const id = String(900_000_000_000_000_000n + BigInt(i)); // numeric like the server's ids, and never one of them
  const state = RESTING[i % RESTING.length];
  const at = (offsetMs: number) => new Date(createdMs + offsetMs).toISOString();
  return {
    id,
    organisation_id: user.organisation_id,
    user_id: user.id,
    method: i % 3 === 0 ? "ui" : "api",
    file_name: `accounts-${i}.csv`,
    file_key: `files/${id}.upload`,
    file_bytes: 1_000_000 + i,
    file_sha256: i.toString(16).padStart(64, "0"),
    import_type: "accounts-and-assets",
    dry_run: 1,
    state,
    progress: 100,
    message: "import operation succeeded",
    records_ready: 1000 + (i % 500),
    records_imported: state === "complete" ? 1000 + (i % 500) : null,
    errors: i % 7,
    warnings: i % 11,
    report_key: `reports/${id}.jsonl`,
    lease_owner: null,
    lease_expires_at: null,
    failure_reason: state === "failed" ? "seeded by the benchmark" : null,
    created_at: at(0),
    tested_at: at(2_000),
    approved_at: state === "complete" ? at(60_000) : null,
    applied_at: state === "complete" ? at(65_000) : null,
  };
}
