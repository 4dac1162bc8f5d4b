import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { hashPassword, verifyPassword } from "./passwords";

let dummyHash: Promise<string> | null = null;
function unknownUserHash(): Promise<string> {
  dummyHash ??= hashPassword("no user has this password");
  return dummyHash;
}
import { hashToken, principalOf, type Principal } from "./users";

/**
 * Who is calling: HTTP Basic with e-mail and password, as BEACON's API takes, or `Bearer <token>` with a per-user
 * API token. Returns null for anything that does not prove a user.
 *
 * A password check costs a deliberate ~60 ms, and Basic auth sends the password with every request, so a successful
 * check is remembered for a short while under a hash of the exact credentials: a client polling a test run pays the
 * cost once, not per poll. Tokens are remembered the same way, saving a query per request. A wrong credential is
 * never cached, and the cache holds no passwords or tokens. (A user or token removed from the database keeps working
 * until its entry expires: at most `cacheMs`.)
 */
export class Authenticator {
  private readonly verified = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly cacheMs = 5 * 60_000,
    private readonly cacheSize = 1000,
  ) {}

  async authenticate(authorization: string | undefined): Promise<Principal | null> {
    if (!authorization) return null;
    const [scheme, value] = authorization.trim().split(/\s+/, 2);
    if (!value) return null;
    if (/^bearer$/i.test(scheme)) return this.byToken(value);
    if (/^basic$/i.test(scheme)) return this.byPassword(value);
    return null;
  }

  private async byToken(token: string): Promise<Principal | null> {
    const cacheKey = `token\u0000${hashToken(token)}`;
    const cached = this.remembered(cacheKey);
    if (cached) return cached;
    const user = await this.db
      .selectFrom("api_tokens")
      .innerJoin("users", "users.id", "api_tokens.user_id")
      .select(["users.id", "users.organisation_id", "users.name", "users.email"])
      .where("api_tokens.token_hash", "=", hashToken(token))
      .executeTakeFirst();
    return user ? this.remember(cacheKey, principalOf(user)) : null;
  }

  private async byPassword(encoded: string): Promise<Principal | null> {
    const decoded = Buffer.from(encoded, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return null;
    const email = decoded.slice(0, colon).toLowerCase();
    const password = decoded.slice(colon + 1);
    const cacheKey = `basic\u0000${createHash("sha256").update(`${email}\u0000${password}`).digest("base64")}`;
    const cached = this.remembered(cacheKey);
    if (cached) return cached;
    const user = await this.db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
    // An unknown e-mail costs the same hash as a known one, so timing does not tell which addresses have accounts.
    if (!user) return verifyPassword(password, await unknownUserHash()).then(() => null);
    if (!(await verifyPassword(password, user.password_hash))) return null;
    return this.remember(cacheKey, principalOf(user));
  }

  private remembered(key: string): Principal | null {
    const entry = this.verified.get(key);
    return entry && entry.until > Date.now() ? entry.principal : null;
  }

  private remember(key: string, principal: Principal): Principal {
    if (this.verified.size >= this.cacheSize) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(key, { principal, until: Date.now() + this.cacheMs });
    return principal;
  }
}
