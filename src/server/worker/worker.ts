import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Kysely } from "kysely";
import { findSpec } from "../../spec";
import { applyImport, blockedFromFindings } from "../apply";
import type { Database, ImportRow } from "../db/schema";
import type { DataFolder } from "../files/dataFolder";
import { readReport } from "../reports/reportFile";
import { claimNext, renewLease, type Claim } from "./leases";
import { testRun } from "./testRun";

export interface WorkerOptions {
  leaseMs: number;
  pollMs: number;
  /** A job that has started this many times without finishing is marked failed rather than tried again. */
  maxAttempts?: number;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

const DEFAULT_MAX_ATTEMPTS = 3;

/**
 * Test-runs and applies imports, one at a time, for as long as it runs. Any number of workers (in one process or
 * several sharing a database) may run: the leases in leases.ts keep them off each other's jobs.
 */
export class Worker {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly folder: DataFolder,
    private readonly options: WorkerOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Lets the worker look for work now rather than at its next poll (called after an upload or approval). */
  poke(): void {
    this.wake?.();
  }

  /** Finishes the job in hand, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.poke();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claim: Claim | null = null;
      try {
        claim = await claimNext(this.db, this.owner, this.options.leaseMs);
        if (claim) await this.work(claim);
      } catch (error) {
        // The database went away or a job failed unexpectedly: the lease lapses and the job is retried later.
        this.log("worker error", { importId: claim?.row.id, error: (error as Error).message });
        if (claim) await this.recordFailure(claim.row.id, (error as Error).message).catch(() => undefined);
        claim = null;
      }
      if (!claim && this.running) await this.sleep(this.options.pollMs);
    }
  }

  private async work({ row, kind }: Claim): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (row.attempts > maxAttempts) return this.giveUp(row, kind);
    const heartbeat = setInterval(() => void renewLease(this.db, row.id, this.owner, this.options.leaseMs).catch(() => undefined), this.options.leaseMs / 3);
    try {
      if (kind === "test") await this.test(row);
      else await this.apply(row);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async test(row: ImportRow): Promise<void> {
    this.log("test run started", { importId: row.id });
    let shown = -1;
    let pending: Promise<unknown> = Promise.resolve();
    const result = await testRun(this.db, this.folder, {
      organisationId: row.organisation_id,
      importId: row.id,
      fileKey: row.file_key,
      importType: row.import_type,
      onProgress: (percent) => {
        // One write per 5 %, chained so they never pile up.
        if (percent < shown + 5) return;
        shown = percent;
        pending = pending.then(() => this.mine(row.id, "run").set({ progress: percent, lease_expires_at: Date.now() + this.options.leaseMs }).execute()).catch(() => undefined);
      },
    });
    await pending;
    const reportKey = this.folder.reportKey(row.id);
    await this.folder.commit(result.reportPath, reportKey);
    const failed = result.fileError !== null;
    const next = failed ? "exception" : row.dry_run ? "done" : "approved";
    const updated = await this.mine(row.id, "run")
      .set({
        state: next,
        import_type: result.spec?.id ?? row.import_type,
        progress: 100,
        message: failed ? result.fileError!.message : "import operation succeeded",
        records_ready: result.recordsReady,
        errors: result.errors,
        warnings: result.warnings,
        infos: result.infos,
        report_key: reportKey,
        tested_at: new Date().toISOString(),
        failure_reason: null,
        lease_owner: null,
        lease_expires_at: null,
        // A queued-for-apply import starts with a fresh count of attempts.
        attempts: 0,
      })
      .executeTakeFirst();
    // Cancelled while it ran (or the lease was lost): the result is dropped.
    this.log("test run finished", { importId: row.id, state: Number(updated.numUpdatedRows) === 1 ? next : "dropped", errors: result.errors, warnings: result.warnings });
    if (next === "approved") this.poke();
  }

  /**
   * Applies in one transaction that also marks the import complete and counts the apply: killed half-way, nothing
   * of it stays, and the job is taken over and applied again; completed, it can never apply twice.
   */
  private async apply(row: ImportRow): Promise<void> {
    const spec = row.import_type ? findSpec(row.import_type) : undefined;
    if (!spec || !row.report_key) throw new Error("the import has no test-run result to apply");
    this.log("apply started", { importId: row.id });
    const blocked = blockedFromFindings(await collect(readReport(this.folder.read(row.report_key))));
    const imported = await this.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable("imports")
        .set((eb) => ({ apply_count: eb("apply_count", "+", 1) }))
        .where("id", "=", row.id)
        .where("state", "=", "updating")
        .where("lease_owner", "=", this.owner)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return null; // the lease was lost to another worker
      const { recordsImported } = await applyImport(trx, { organisationId: row.organisation_id, importId: row.id, spec, filePath: this.folder.path(row.file_key), blocked });
      await trx
        .updateTable("imports")
        .set({ state: "complete", records_imported: recordsImported, applied_at: new Date().toISOString(), message: "import operation succeeded", failure_reason: null, lease_owner: null, lease_expires_at: null })
        .where("id", "=", row.id)
        .execute();
      return recordsImported;
    });
    this.log("apply finished", { importId: row.id, recordsImported: imported });
  }

  /** Notes why the last attempt failed; the job stays claimable once its lease lapses. */
  private async recordFailure(id: string, reason: string): Promise<void> {
    await this.db.updateTable("imports").set({ failure_reason: reason, lease_expires_at: Date.now() + this.options.pollMs }).where("id", "=", id).where("lease_owner", "=", this.owner).execute();
  }

  private async giveUp(row: ImportRow, kind: "test" | "apply"): Promise<void> {
    const reason = `stopped after ${row.attempts - 1} attempts${row.failure_reason ? `; last error: ${row.failure_reason}` : " (the server stopped during each)"}`;
    await this.mine(row.id, kind === "test" ? "run" : "updating")
      .set({
        state: kind === "test" ? "exception" : "failed",
        message: kind === "test" ? `The test run could not finish: ${reason}.` : `The import could not be applied: ${reason}. Nothing of it was stored.`,
        failure_reason: reason,
        lease_owner: null,
        lease_expires_at: null,
      })
      .execute();
    this.log("job given up", { importId: row.id, reason });
  }

  /** An UPDATE of an import this worker holds in the given state. */
  private mine(id: string, state: ImportRow["state"]) {
    return this.db.updateTable("imports").where("id", "=", id).where("state", "=", state).where("lease_owner", "=", this.owner);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private log(message: string, fields?: Record<string, unknown>): void {
    this.options.log?.(message, fields);
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
