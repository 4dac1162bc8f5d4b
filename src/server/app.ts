import cors from "@fastify/cors";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import Fastify, { LogController, type FastifyInstance } from "fastify";
import { jsonSchemaTransform, validatorCompiler } from "fastify-type-provider-zod";
import { sql, type Kysely } from "kysely";
import { accountRoutes } from "./auth/accountRoutes";
import authPlugin from "./auth/authPlugin";
import { Authenticator } from "./auth/authenticate";
import type { Database } from "./db/schema";
import { ApiError, errorReply } from "./errors";
import type { DataFolder } from "./files/dataFolder";
import { importRoutes } from "./imports/routes";

export interface AppOptions {
  db: Kysely<Database>;
  folder: DataFolder;
  allowedOrigins: string[];
  rateLimitPerMinute: number;
  onWork?: () => void;
  logLevel?: string;
}

/** The HTTP service: each route group a plugin, the database and folder handed in once. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? "info" },
    // Uploads are streamed by the multipart parser; this limit is for JSON bodies only.
    bodyLimit: 1024 * 1024,
    // A line per request only when debugging: at info level the log says what happened to imports, not to polls.
    logController: new LogController({ disableRequestLogging: options.logLevel !== "debug" && options.logLevel !== "trace" }),
  });
  // Requests are parsed with zod (a trust boundary); responses are our own, typed at compile time, so they are
  // written with plain JSON.stringify rather than checked again at run time (that check was 10% of a list request).
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(errorReply);
  app.setNotFoundHandler((request, reply) => errorReply(new ApiError(404, "not_found", `There is no ${request.method} ${request.url.split("?")[0]}; see /v1/openapi.json for the API.`), request, reply));

  await app.register(swagger, {
    openapi: {
      info: { title: "Data Exchange import API", version: "1.0.0", description: "BEACON Data Exchange (BDE) compatible: upload, test run, exceptions report, approve or cancel, activity list." },
      components: { securitySchemes: { basic: { type: "http", scheme: "basic" }, token: { type: "http", scheme: "bearer" } } },
      security: [{ basic: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // CORS before authentication, so a browser can read even a 401 from an allowed origin.
  await app.register(cors, {
    origin: options.allowedOrigins,
    methods: ["GET", "POST", "PUT", "DELETE", "OPTIONS"],
    allowedHeaders: ["authorization", "content-type", "x-dx-client"],
    exposedHeaders: ["content-disposition", "retry-after"],
    maxAge: 600,
  });
  await app.register(authPlugin, { authenticator: new Authenticator(options.db) });
  await app.register(rateLimit, {
    max: options.rateLimitPerMinute,
    timeWindow: 60_000,
    hook: "preHandler", // after authentication, so the limit is per user
    keyGenerator: (request) => request.principal?.userId ?? request.ip,
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, "rate_limited", `Too many requests: at most ${context.max} a minute. Wait ${Math.ceil(context.ttl / 1000)} s and try again.`, { "retry-after": String(Math.ceil(context.ttl / 1000)) }),
  });
  await app.register(multipart);

  app.get("/health", async (_request, reply) => {
    await sql`select 1`.execute(options.db); // throws when the database is away: answered with 503
    return reply.send({ status: "ok" });
  });
  app.get("/v1/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  await app.register(accountRoutes, { db: options.db });
  await app.register(importRoutes, { db: options.db, folder: options.folder, onWork: options.onWork ?? (() => undefined) });
  return app;
}
