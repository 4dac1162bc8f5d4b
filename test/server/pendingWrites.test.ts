/**
 * PendingWrites paces an apply: a batch's reads wait for the writes of the batches before it but not for its own
 * (so folding overlaps the database's work), and a write that failed is the error reported, ahead of the reads that
 * failed after it. Checked against a stand-in database whose statements finish when the test says.
 */
import { CompiledQuery, type Kysely } from "kysely";
import { PendingWrites } from "../../src/server/apply/pendingWrites";
import type { Database } from "../../src/server/db/schema";

/** A database whose every statement stays running until the test settles it, by its SQL text. */
class HeldDatabase {
  private readonly held = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();

  executeQuery(query: CompiledQuery): Promise<{ rows: [] }> {
    return new Promise((resolve, reject) => {
      this.held.set(query.sql, { resolve: () => resolve({ rows: [] }), reject });
    });
  }

  finish(sql: string): void {
    this.take(sql).resolve();
  }

  fail(sql: string, message: string): void {
    this.take(sql).reject(new Error(message));
  }

  private take(sql: string) {
    const statement = this.held.get(sql);
    if (!statement) throw new Error(`no statement ${sql} is running`);
    this.held.delete(sql);
    return statement;
  }
}

const statement = (sql: string) => CompiledQuery.raw(sql, []);
/** Whether a promise has settled, after letting every pending callback run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

function pendingWrites(): { db: HeldDatabase; writes: PendingWrites } {
  const db = new HeldDatabase();
  return { db, writes: new PendingWrites(db as unknown as Kysely<Database>) };
}

test("a batch's reads wait for the previous batch's writes, not for its own", async () => {
  const { db, writes } = pendingWrites();
  writes.beginBatch();
  writes.send([statement("write 1")]);
  writes.beginBatch();
  writes.send([statement("write 2")]);
  const reading = writes.readAll([Promise.resolve("found")]);

  expect(await settled(reading)).toBe(false); // batch 1's write is still running
  db.finish("write 1");
  expect(await reading).toEqual(["found"]); // batch 2's own write still runs
  db.finish("write 2");
  await writes.drain();
});

test("a failed write of an earlier batch is the error a later read reports", async () => {
  const { db, writes } = pendingWrites();
  writes.beginBatch();
  writes.send([statement("write 1")]);
  writes.beginBatch();
  const reading = writes.readAll([Promise.reject(new Error("current transaction is aborted"))]);
  db.fail("write 1", "duplicate key");
  await expect(reading).rejects.toThrow("duplicate key");
});

test("a read that fails after a write of its own batch failed reports the write", async () => {
  const { db, writes } = pendingWrites();
  writes.beginBatch();
  writes.send([statement("write 1")]);
  const failedRead = Promise.reject(new Error("current transaction is aborted"));
  const reading = writes.readAll([writes.read(failedRead)]);
  db.fail("write 1", "value too long");
  await expect(reading).rejects.toThrow("value too long");
});

test("drain waits for every write, the current batch's included, and throws the first failure", async () => {
  const { db, writes } = pendingWrites();
  writes.beginBatch();
  writes.send([statement("write 1"), statement("write 2")]);
  const draining = writes.drain();
  db.finish("write 1");
  expect(await settled(draining)).toBe(false);
  db.fail("write 2", "no space left");
  await expect(draining).rejects.toThrow("no space left");
});
