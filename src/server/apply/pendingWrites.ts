import type { CompiledQuery, Kysely } from "kysely";
import type { Database } from "../db/schema";

/**
 * Writes sent without waiting for them, so the next batch is read and planned while the database works on this
 * one (PostgreSQL runs in its own process; SQLite runs each statement as it is sent, so for it nothing changes).
 * Every statement goes down the transaction's one connection, which runs them in the order sent: a lookup sent
 * after a write sees it. A batch's reads wait for the writes of the batches before it, never for its own, so at
 * most the current batch's writes are in flight while the next one is planned.
 *
 * A failed write is kept and thrown at the next drain, ahead of whatever failed after it (on PostgreSQL every
 * later statement fails with "current transaction is aborted", which says nothing).
 */
export class PendingWrites {
  private tail: Promise<void> = Promise.resolve();
  /** The writes sent before the current batch began (see beginBatch). */
  private beforeBatch: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  send(statements: readonly CompiledQuery[]): void {
    for (const statement of statements) {
      const sent = this.db.executeQuery(statement).then(
        () => undefined,
        (error: unknown) => {
          this.failure ??= { error };
        },
      );
      this.tail = Promise.all([this.tail, sent]).then(() => undefined);
    }
  }

  /** Waits for every write sent so far; throws the first that failed. */
  async drain(): Promise<void> {
    await this.tail;
    if (this.failure) throw this.failure.error;
  }

  /** Marks where a batch begins: its reads wait for the writes sent until now (see readAll), not for its own. */
  beginBatch(): void {
    this.beforeBatch = this.tail;
  }

  /**
   * Lets the database driver send what is queued. node-postgres sends a connection's next statement only from the
   * event loop, so a batch that folds table after table without a pause would leave PostgreSQL idle meanwhile.
   */
  letDriverSend(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  /**
   * Waits for the reads and for every write sent before the batch began: the point where a batch stops until the
   * previous one is written, which also bounds how far the apply runs ahead of the database. Throws a failed write
   * first, then a failed read; no rejection is left unhandled.
   */
  async readAll<T>(readings: ReadonlyArray<Promise<T>>): Promise<T[]> {
    // The tail never rejects (failures are kept aside), so this waits for all of them.
    const [, settled] = await Promise.all([this.beforeBatch, Promise.allSettled(readings)]);
    if (this.failure) throw this.failure.error;
    const values: T[] = [];
    for (const outcome of settled) {
      if (outcome.status === "rejected") throw outcome.reason;
      values.push(outcome.value);
    }
    return values;
  }

  /** Runs a read; if it fails, a write that failed before it is the error to report. */
  async read<T>(reading: Promise<T>): Promise<T> {
    try {
      return await reading;
    } catch (error) {
      await this.drain();
      throw error;
    }
  }
}
