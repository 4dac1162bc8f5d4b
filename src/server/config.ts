import { join, resolve } from "node:path";
import { z } from "zod";

/** Everything the service reads from its environment, checked once at start (a trust boundary like any other). */
export interface ServerConfig {
  port: number;
  host: string;
  /** Holds the SQLite database (when no DATABASE_URL), uploaded originals and exceptions reports. */
  dataDir: string;
  databaseUrl?: string;
  /** PostgreSQL schema to keep the tables in (default public); lets several services share one database. */
  databaseSchema?: string;
  adminEmail: string;
  /** Null: a password is generated on first start and printed once. */
  adminPassword: string | null;
  adminName: string;
  organisationName: string;
  /** Origins a browser may call from (the add-in's task pane); nothing else gets CORS headers. */
  allowedOrigins: string[];
  /** Requests per user per minute before 429. */
  rateLimitPerMinute: number;
  /** Whether this process also runs the worker that test-runs and applies imports. */
  worker: boolean;
  /** How long a worker's claim on a job lasts without renewal; a crashed worker's jobs are taken over after it. */
  leaseMs: number;
  /** How often an idle worker looks for work. */
  pollMs: number;
  logLevel: string;
}

const DEFAULT_ORIGINS = "https://localhost:3000";

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, "must be a lower-case SQL name")
    .optional(),
  DX_ADMIN_EMAIL: z.email().default("admin@example.com"),
  DX_ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  DX_ADMIN_NAME: z.string().min(1).default("Demo Administrator"),
  DX_ORGANISATION: z.string().min(1).default("Demo Water Utility"),
  DX_ALLOWED_ORIGINS: z.string().default(DEFAULT_ORIGINS),
  DX_RATE_LIMIT: z.coerce.number().int().positive().default(600),
  DX_WORKER: z.enum(["on", "off"]).default("on"),
  DX_LEASE_MS: z.coerce.number().int().min(200).default(30_000),
  DX_POLL_MS: z.coerce.number().int().min(10).default(250),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Reads the configuration; a bad variable is one line naming it and what it must be. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  const origins = e.DX_ALLOWED_ORIGINS.split(",").map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) throw new ConfigError(`DX_ALLOWED_ORIGINS: "${origin}" is not an origin like https://addin.example.com`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    adminEmail: e.DX_ADMIN_EMAIL.toLowerCase(),
    adminPassword: e.DX_ADMIN_PASSWORD ?? null,
    adminName: e.DX_ADMIN_NAME,
    organisationName: e.DX_ORGANISATION,
    allowedOrigins: origins,
    rateLimitPerMinute: e.DX_RATE_LIMIT,
    worker: e.DX_WORKER === "on",
    leaseMs: e.DX_LEASE_MS,
    pollMs: e.DX_POLL_MS,
    logLevel: e.LOG_LEVEL,
  };
}

export function sqlitePathOf(config: ServerConfig): string {
  return join(config.dataDir, "dx.sqlite");
}
