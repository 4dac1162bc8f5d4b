import type { Kysely } from "kysely";
import type { Database, ImportRow, ImportState } from "../db/schema";

/**
 * The import row is its own job: a worker owns it while its lease runs, renewing it as it works. Claims are
 * conditional UPDATEs, so two processes sharing a database never hold the same import; a process that dies simply
 * stops renewing, and once the lease expires another (or the same one, restarted) takes the job over.
 *
 * Why not a queue library: pg-boss (the field's PostgreSQL queue) has no SQLite, the embedded default, and exactly-
 * once apply needs the state change to commit in the same transaction as the data, which an outside queue cannot give.
 */

/** States a worker picks up, and the state each moves to when claimed. */
const CLAIMS: Record<"queued" | "run" | "approved" | "updating", ImportState> = {
  queued: "run",
  run: "run", // a test run whose worker died: run it again from the start
  approved: "updating",
  updating: "updating", // an apply whose worker died: its transaction rolled back, so apply again
};

export type JobKind = "test" | "apply";

export interface Claim {
  row: ImportRow;
  kind: JobKind;
}

export async function claimNext(db: Kysely<Database>, owner: string, leaseMs: number, now = Date.now()): Promise<Claim | null> {
  const candidates = await db
    .selectFrom("imports")
    .select(["id", "state"])
    .where("state", "in", Object.keys(CLAIMS) as ImportState[])
    .where((eb) => eb.or([eb("lease_expires_at", "is", null), eb("lease_expires_at", "<", now)]))
    .orderBy("created_at")
    .limit(8)
    .execute();
  for (const candidate of candidates) {
    const from = candidate.state as keyof typeof CLAIMS;
    const result = await db
      .updateTable("imports")
      .set((eb) => ({ state: CLAIMS[from], lease_owner: owner, lease_expires_at: now + leaseMs, attempts: eb("attempts", "+", 1) }))
      .where("id", "=", candidate.id)
      .where("state", "=", from)
      .where((eb) => eb.or([eb("lease_expires_at", "is", null), eb("lease_expires_at", "<", now)]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) continue; // another worker was quicker
    const row = await db.selectFrom("imports").selectAll().where("id", "=", candidate.id).executeTakeFirstOrThrow();
    return { row, kind: from === "queued" || from === "run" ? "test" : "apply" };
  }
  return null;
}

/** Extends the lease; false when it was lost (expired and taken over, or the import cancelled). */
export async function renewLease(db: Kysely<Database>, id: string, owner: string, leaseMs: number): Promise<boolean> {
  const result = await db
    .updateTable("imports")
    .set({ lease_expires_at: Date.now() + leaseMs })
    .where("id", "=", id)
    .where("lease_owner", "=", owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
