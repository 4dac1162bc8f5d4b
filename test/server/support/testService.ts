/**
 * The import API in-process for tests: a fresh database of the given kind, the Fastify app, and a worker with a short
 * poll, plus a signed-in user. Tests drive it with `inject` (no sockets) unless they need a real port.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { buildApp } from "../../../src/server/app";
import { createOrganisation, createUser, type Principal } from "../../../src/server/auth/users";
import { connect, type StoreConnection } from "../../../src/server/db/database";
import { DataFolder } from "../../../src/server/files/dataFolder";
import { Worker } from "../../../src/server/worker/worker";
import { openTestDatabase, type TestDatabase, type TestDatabaseKind } from "./databases";
import { multipartBody, type FilePart } from "./multipart";

export interface TestService {
  database: TestDatabase;
  app: FastifyInstance;
  worker: Worker;
  folder: DataFolder;
  user: Principal;
  password: string;
  /** Basic credentials for `user`. */
  auth: Record<string, string>;
  request(options: InjectOptions & { as?: Record<string, string> }): Promise<LightMyRequestResponse>;
  upload(file: FilePart | null, fields?: Record<string, string>, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** Polls the status until it leaves queued/run (or approved/updating), and returns it. */
  settle(id: string, as?: Record<string, string>): Promise<Record<string, unknown>>;
  addUser(organisation: string | null, email: string): Promise<{ user: Principal; auth: Record<string, string> }>;
  close(): Promise<void>;
}

export const PASSWORD = "correct horse battery";

export function basic(email: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}` };
}

export async function startTestService(kind: TestDatabaseKind, options: { rateLimitPerMinute?: number; allowedOrigins?: string[]; worker?: boolean; leaseMs?: number; database?: TestDatabase } = {},
): Promise<TestService> {
  const database = options.database ?? (await openTestDatabase(kind));
  const { db } = database.connection;
  const folder = new DataFolder(database.dataDir);
  // As in production: on SQLite the worker has its own connection.
  const workerStore: StoreConnection | null = kind === "sqlite" ? await connect(database.settings) : null;
  const worker = new Worker((workerStore ?? database.connection).db, folder, { leaseMs: options.leaseMs ?? 5000, pollMs: 20 });
  const app = await buildApp({
    db,
    folder,
    allowedOrigins: options.allowedOrigins ?? ["https://localhost:3000"],
    rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000,
    onWork: () => worker.poke(),
    logLevel: "silent",
  });
  if (options.worker !== false) worker.start();
  const organisationId = await createOrganisation(db, "Test Water");
  const user = await createUser(db, { organisationId, name: "Pat Clerk", email: "pat@example.com", password: PASSWORD });
  const auth = basic(user.email, PASSWORD);

  const service: TestService = {
    database,
    app,
    worker,
    folder,
    user,
    password: PASSWORD,
    auth,
    request: ({ as, headers, ...rest }) => app.inject({ ...rest, headers: { ...(as ?? auth), ...(headers ?? {}) } }),
    upload(file, fields = {}, headers = {}) {
      const body = multipartBody(file, fields);
      return app.inject({ method: "POST", url: "/v1/bde/import", payload: body.payload, headers: { ...auth, ...body.headers, ...headers } });
    },
    async settle(id, as = auth) {
      for (let i = 0; i < 1500; i++) {
        const status = (await app.inject({ method: "GET", url: `/v1/bde/import/${id}`, headers: as })).json() as Record<string, unknown>;
        if (!["queued", "run", "approved", "updating"].includes(status.state as string)) return status;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`import ${id} did not settle`);
    },
    async addUser(organisation, email) {
      const orgId = organisation ?? (await createOrganisation(db, `Org of ${email}`));
      const added = await createUser(db, { organisationId: orgId, name: email.split("@")[0], email, password: PASSWORD });
      return { user: added, auth: basic(email, PASSWORD) };
    },
    async close() {
      await app.close();
      await worker.stop();
      await workerStore?.close();
      await database.dispose();
    },
  };
  return service;
}
