import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, UserRow } from "../db/schema";
import { hashPassword } from "./passwords";

/** The signed-in user as routes see it. */
export interface Principal {
  userId: string;
  organisationId: string;
  name: string;
  email: string;
}

export function principalOf(user: Pick<UserRow, "id" | "organisation_id" | "name" | "email">): Principal {
  return { userId: user.id, organisationId: user.organisation_id, name: user.name, email: user.email };
}

export async function createOrganisation(db: Kysely<Database>, name: string): Promise<string> {
  const id = randomUUID();
  await db.insertInto("organisations").values({ id, name, created_at: new Date().toISOString() }).execute();
  return id;
}

export async function createUser(db: Kysely<Database>, input: { organisationId: string; name: string; email: string; password: string }): Promise<Principal> {
  const user = {
    id: randomUUID(),
    organisation_id: input.organisationId,
    name: input.name,
    email: input.email.toLowerCase(),
    password_hash: await hashPassword(input.password),
    created_at: new Date().toISOString(),
  };
  await db.insertInto("users").values(user).execute();
  return principalOf(user);
}

/** Tokens are shown once and stored only as a hash; the prefix makes a leaked one easy to recognise and revoke. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createApiToken(db: Kysely<Database>, userId: string, label: string): Promise<string> {
  const token = `dx_${randomBytes(32).toString("base64url")}`;
  await db
    .insertInto("api_tokens")
    .values({ id: randomUUID(), user_id: userId, token_hash: hashToken(token), label, created_at: new Date().toISOString() })
    .execute();
  return token;
}

export interface SeededAdmin {
  email: string;
  /** Set only when this start created the user with a generated password, so it can be printed once. */
  generatedPassword: string | null;
  created: boolean;
}

/**
 * On an empty database, creates the first organisation and its administrator. A password is generated when none is
 * configured. Two processes starting together race on the unique e-mail; the loser sees the winner's user.
 */
export async function seedFirstUser(
  db: Kysely<Database>,
  config: { adminEmail: string; adminPassword: string | null; adminName: string; organisationName: string },
): Promise<SeededAdmin> {
  const existing = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (existing) return { email: config.adminEmail, generatedPassword: null, created: false };
  const password = config.adminPassword ?? randomBytes(12).toString("base64url");
  try {
    await db.transaction().execute(async (trx) => {
      const organisationId = await createOrganisation(trx, config.organisationName);
      await createUser(trx, { organisationId, name: config.adminName, email: config.adminEmail, password });
    });
  } catch (error) {
    const raced = await db.selectFrom("users").select("id").where("email", "=", config.adminEmail).executeTakeFirst();
    if (raced) return { email: config.adminEmail, generatedPassword: null, created: false };
    throw error;
  }
  return { email: config.adminEmail, generatedPassword: config.adminPassword ? null : password, created: true };
}
