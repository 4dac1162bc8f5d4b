import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { ApiError } from "../errors";
import type { Authenticator } from "./authenticate";
import type { Principal } from "./users";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in user; set on every route under /v1 except the OpenAPI document. */
    principal: Principal | null;
  }
}

/** Paths anyone may read: the API description and the health check. */
const PUBLIC = new Set(["/v1/openapi.json", "/health"]);

/**
 * Requires a user on every API route. A missing or wrong credential is a 401 that names both ways to sign in; the
 * WWW-Authenticate header lets curl and browsers prompt for Basic credentials as they would with BEACON.
 */
async function authPlugin(app: FastifyInstance, options: { authenticator: Authenticator }): Promise<void> {
  app.decorateRequest("principal", null);
  app.addHook("onRequest", async (request: FastifyRequest) => {
    if (request.method === "OPTIONS" || PUBLIC.has(request.url.split("?")[0])) return;
    const principal = await options.authenticator.authenticate(request.headers.authorization);
    if (!principal) {
      const sent = Boolean(request.headers.authorization);
      throw new ApiError(
        401,
        sent ? "invalid_credentials" : "missing_credentials",
        sent
          ? "The e-mail and password (or API token) were not accepted. Check them in the add-in's settings, or ask your administrator."
          : "Sign in: send HTTP Basic credentials (your e-mail and password) or an API token as Authorization: Bearer <token>.",
        { "www-authenticate": 'Basic realm="Data Exchange import API", charset="UTF-8"' },
      );
    }
    request.principal = principal;
  });
}

export default fp(authPlugin, { name: "dx-auth" });
