import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import { signedIn } from "../../api";
import type { Database } from "../db/schema";
import { createApiToken } from "./users";

/** Who am I (the add-in's "test connection"), and API tokens for scripts that should not hold a password. */
export async function accountRoutes(app: FastifyInstance, options: { db: Kysely<Database> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get("/v1/me", {
    schema: { tags: ["account"], summary: "The signed-in user and organisation", response: { 200: signedIn } },
    handler: async (request) => {
      const p = request.principal!;
      const organisation = await options.db.selectFrom("organisations").select(["id", "name"]).where("id", "=", p.organisationId).executeTakeFirstOrThrow();
      return { name: p.name, email: p.email, organisation };
    },
  });
  api.post("/v1/tokens", {
    schema: {
      tags: ["account"],
      summary: "Create an API token for the signed-in user (shown once)",
      body: z.object({ label: z.string().min(1).max(100) }),
      response: { 201: z.object({ token: z.string(), label: z.string() }) },
    },
    handler: async (request, reply) => {
      const token = await createApiToken(options.db, request.principal!.userId, request.body.label);
      return reply.status(201).send({ token, label: request.body.label });
    },
  });
}
