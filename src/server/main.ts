import { seedFirstUser } from "./auth/users";
import { buildApp } from "./app";
import { ConfigError, loadConfig, sqlitePathOf, type ServerConfig } from "./config";
import { connect, migrate, type StoreConnection } from "./db/database";
import { DataFolder } from "./files/dataFolder";
import { Worker } from "./worker/worker";

/**
 * `npm run server`: the import API on the embedded SQLite default (or PostgreSQL with DATABASE_URL), with its worker.
 * Prints where it listens and how to sign in; a bad setting or an unreachable database is one line, not a trace.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const settings = { databaseUrl: config.databaseUrl, postgresSchema: config.databaseSchema, sqlitePath: sqlitePathOf(config) };
  const store = await connect(settings);
  await migrate(store.db, store.schema);
  const admin = await seedFirstUser(store.db, config);
  const folder = new DataFolder(config.dataDir);

  // SQLite: the worker gets its own connection, so a long apply transaction never queues the API's reads behind it
  // (WAL lets them run side by side). PostgreSQL: the pool already gives each its own connection.
  let workerStore: StoreConnection | null = null;
  let worker: Worker | null = null;
  if (config.worker) {
    workerStore = store.dialect === "sqlite" ? await connect(settings) : null;
    worker = new Worker((workerStore ?? store).db, folder, { leaseMs: config.leaseMs, pollMs: config.pollMs, log: (message, fields) => app.log.info(fields ?? {}, message) });
  }
  const app = await buildApp({
    db: store.db,
    folder,
    allowedOrigins: config.allowedOrigins,
    rateLimitPerMinute: config.rateLimitPerMinute,
    onWork: () => worker?.poke(),
    logLevel: config.logLevel,
  });
  const address = await app.listen({ port: config.port, host: config.host });
  worker?.start();
  printBanner(config, address, store.dialect, admin);

  const shutdown = async (signal: string) => {
    app.log.info(`${signal}: finishing the job in hand, then stopping`);
    await app.close();
    await worker?.stop();
    await workerStore?.close();
    await store.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

function printBanner(config: ServerConfig, address: string, dialect: string, admin: Awaited<ReturnType<typeof seedFirstUser>>): void {
  const password = admin.generatedPassword
    ? `${admin.generatedPassword}   (generated on this first start and shown once; set DX_ADMIN_PASSWORD to choose it)`
    : admin.created
      ? "the DX_ADMIN_PASSWORD you set"
      : "as set when this database was first started";
  const lines = [
    "",
    `Data Exchange import API listening on ${address}`,
    `  database     ${dialect === "sqlite" ? sqlitePathOf(config) : "PostgreSQL (DATABASE_URL)"}`,
    `  files        ${config.dataDir}`,
    `  worker       ${config.worker ? "on" : "off (DX_WORKER=off)"}`,
    `  add-in CORS  ${config.allowedOrigins.join(", ")}`,
    `  API          ${address}/v1/bde/import   (OpenAPI: ${address}/v1/openapi.json)`,
    `  sign in      ${admin.email}`,
    `  password     ${password}`,
    `  try it       curl -u ${admin.email}:<password> -F data=@assets/samples/starter-with-mistakes.csv ${address}/v1/bde/import`,
    "",
  ];
  process.stdout.write(lines.join("\n") + "\n");
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`dx server: configuration: ${error.message}\n`);
    process.exit(2);
  }
  const e = error as NodeJS.ErrnoException;
  const detail = e.code === "ECONNREFUSED" ? "the database does not answer (is PostgreSQL running at DATABASE_URL?)" : e.message;
  process.stderr.write(`dx server: cannot start: ${detail}\n`);
  process.exit(1);
});
