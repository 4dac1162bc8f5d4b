import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration, type MigrationProvider, type SqliteDatabase as KyselySqliteDatabase } from "kysely";
import pg from "pg";
import * as initial from "./migrations/001_initial";
import * as importCounts from "./migrations/002_import_counts";
import * as activityVersions from "./migrations/003_activity_versions";
import * as withoutRowid from "./migrations/004_sqlite_without_rowid";
import type { Database } from "./schema";

export type DialectName = "sqlite" | "postgres";

export interface StoreConnection {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The PostgreSQL schema worked in, when not the default. */
  schema?: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** A postgres:// URL; when absent, the embedded SQLite file at `sqlitePath` is used. */
  databaseUrl?: string;
  sqlitePath: string;
  /** PostgreSQL schema to work in (tests give each suite its own); created when missing. */
  postgresSchema?: string;
  poolSize?: number;
}

// PostgreSQL returns bigint (int8) as a string so as not to lose precision; our bigints are millisecond times and
// byte counts, well inside a double.
pg.types.setTypeParser(20, (value) => Number(value));

/** Opens the database named by the configuration. Migrations are run separately (see migrate). */
export async function connect(options: ConnectOptions): Promise<StoreConnection> {
  if (options.databaseUrl) return connectPostgres(options.databaseUrl, options);
  mkdirSync(dirname(options.sqlitePath), { recursive: true });
  const sqlite = new SqliteDatabase(options.sqlitePath);
  // WAL lets readers (the activity list) go on while an import is applied; NORMAL is durable at each checkpoint
  // and is what WAL mode is designed for. The busy timeout covers a second connection in tests.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  // An apply is one transaction that writes a few hundred MB of pages over 18 B-trees. With SQLite's default 2 MB page
  // cache it spills dirty pages to the WAL mid-transaction, writes many of them again later and reads evicted ones
  // back (measured: about half of a 100,000-row apply's time). 64 MiB keeps a transaction's hot pages; it is memory
  // the pager takes only as a transaction needs it, and durability is unchanged (the WAL is written at commit as before).
  sqlite.pragma("cache_size = -65536");
  // Each multi-row INSERT inside a transaction keeps a statement journal (the pages it changes, as they were) so that
  // it alone can be undone; by default that is a temporary file. For a 100,000-row apply those files took 220 MB of
  // the 490 MB written. In memory it is a copy instead of a write. Crash safety is untouched: statement journals only
  // ever undo a statement, recovery after a crash uses the WAL.
  sqlite.pragma("temp_store = MEMORY");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

/**
 * Kysely prepares a statement on every query, and better-sqlite3 compiles SQL on each prepare. Reusing compiled
 * statements by their text removed that cost (measured at 7% of an apply and 8% of an activity-list request). A
 * statement still being iterated (busy) is never handed out twice.
 */
function withStatementCache(database: SqliteDatabase.Database, size = 500): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached && !cached.busy) return cached;
      const statement = database.prepare(sql);
      if (!cached) {
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

async function connectPostgres(url: string, options: ConnectOptions): Promise<StoreConnection> {
  const schema = options.postgresSchema;
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  if (schema) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`create schema if not exists ${schema}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client whose server went away emits 'error'; without a listener that would end the process. The next
  // query then fails and is answered with 503 until the database is back.
  pool.on("error", () => undefined);
  // A checked-out client whose socket drops emits 'error' too; its query already fails with that error, which the
  // caller handles, so the event itself needs only a listener (without one it would end the process).
  pool.on("connect", (client) => client.on("error", () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", schema: schema ?? "public", close: () => db.destroy() };
}

/** Every migration, in order. New ones are appended with the next number. */
export const MIGRATIONS: Record<string, Migration> = {
  "001_initial": initial,
  "002_import_counts": importCounts,
  "003_activity_versions": activityVersions,
  "004_sqlite_without_rowid": withoutRowid,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Brings the schema up to date; safe to run at every start and from two processes (Kysely takes a lock). Pass the
 * connection's PostgreSQL schema so Kysely's own bookkeeping tables live beside ours, not in "public".
 */
export async function migrate(db: Kysely<Database>, schema?: string): Promise<void> {
  const { error, results } = await new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`database migration ${failed} failed: ${(error as Error).message ?? String(error)}`);
  }
}
