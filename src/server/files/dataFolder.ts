import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync, type ReadStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * The files the service keeps beside its database: each upload byte for byte, and each test run's exceptions report.
 * Keys are relative paths stored in the database, so the folder can move. Writes go to a temporary name and are
 * renamed into place, so a crash never leaves half a file under a real key.
 */
export class DataFolder {
  constructor(readonly root: string) {
    mkdirSync(join(root, "files"), { recursive: true });
    mkdirSync(join(root, "reports"), { recursive: true });
    mkdirSync(join(root, "tmp"), { recursive: true });
  }

  path(key: string): string {
    return join(this.root, key);
  }

  fileKey(importId: string): string {
    return join("files", `${importId}.upload`);
  }

  reportKey(importId: string): string {
    return join("reports", `${importId}.jsonl`);
  }

  /** A temporary path in the same folder tree (so a rename is atomic). */
  temporaryPath(label: string): string {
    return join(this.root, "tmp", `${label}-${randomBytes(6).toString("hex")}`);
  }

  /**
   * Streams an upload to its key while hashing it. The source stream enforces the size limit (it errors past it);
   * on any error the partial file is removed and the error passed on.
   */
  async storeUpload(source: Readable, key: string): Promise<{ bytes: number; sha256: string }> {
    const temporary = this.temporaryPath("upload");
    const hash = createHash("sha256");
    let bytes = 0;
    source.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      hash.update(chunk);
    });
    try {
      await pipeline(source, createWriteStream(temporary, { flags: "wx" }));
      await rename(temporary, this.path(key));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { bytes, sha256: hash.digest("hex") };
  }

  async commit(temporary: string, key: string): Promise<void> {
    await rename(temporary, this.path(key));
  }

  read(key: string): ReadStream {
    return createReadStream(this.path(key), { highWaterMark: 64 * 1024 });
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.path(key)).then(
      () => true,
      () => false,
    );
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
