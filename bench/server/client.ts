import { randomBytes } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { request } from "node:http";
import { basename } from "node:path";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ImportState } from "../../src/server/db/schema";
import type { ImportStatus } from "../../src/server/imports/views";

/** States an import rests in until someone acts on it; reaching one not waited for ends the wait. */
const SETTLED: readonly ImportState[] = ["done", "exception", "complete", "cancelled", "failed"];

/** A client of the import API, as a script would call it over HTTP. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly authorization: string,
  ) {}

  static basic(baseUrl: string, email: string, password: string): ApiClient {
    return new ApiClient(baseUrl, `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}`);
  }

  /** A client that signs in with a new API token of the same user, as scripts are told to. */
  async withToken(label: string): Promise<ApiClient> {
    const { token } = await this.call<{ token: string }>("POST", "/v1/tokens", { label });
    return new ApiClient(this.baseUrl, `Bearer ${token}`);
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: { authorization: this.authorization, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  }

  status(id: string): Promise<ImportStatus> {
    return this.call<ImportStatus>("GET", `/v1/bde/import/${id}`);
  }

  /**
   * Uploads a file from disk as curl -F would, streamed with its Content-Length (the server refuses an over-size
   * body by that header before reading it), so the bench never holds the file in memory. Resolves when the 202
   * arrives, with the import's id and how long the upload took.
   */
  async upload(file: string, fields: Record<string, string>): Promise<{ id: string; seconds: number }> {
    const boundary = `----dxbench${randomBytes(8).toString("hex")}`;
    const head = Buffer.from(
      Object.entries(fields)
        .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
        .join("") + `--${boundary}\r\nContent-Disposition: form-data; name="data"; filename="${basename(file)}"\r\nContent-Type: text/csv\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const length = head.length + statSync(file).size + tail.length;
    const url = new URL("/v1/bde/import", this.baseUrl);
    const start = performance.now();
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(url, {
        method: "POST",
        headers: { authorization: this.authorization, "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": String(length) },
      });
      req.once("response", (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.once("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.once("error", reject);
      });
      req.once("error", reject);
      pipeline(Readable.from(bodyParts(head, file, tail)), req).catch(reject);
    });
    const { status, text } = await answer;
    const seconds = (performance.now() - start) / 1000;
    if (status !== 202) throw new Error(`upload of ${basename(file)} answered ${status}: ${text.slice(0, 500)}`);
    return { id: (JSON.parse(text) as { bdeUUID: string }).bdeUUID, seconds };
  }

  /**
   * Polls an import's status until it reaches one of `wanted`; any other settled state (a rejected file, a failed
   * apply) is an error, since a figure measured on it would be meaningless.
   */
  async waitFor(id: string, wanted: readonly ImportState[], pollMs: number, timeoutMs: number): Promise<ImportStatus> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const status = await this.status(id);
      if (wanted.includes(status.state)) return status;
      if (SETTLED.includes(status.state)) throw new Error(`import ${id} ended ${status.state}: ${status.message}`);
      if (performance.now() > deadline) throw new Error(`import ${id} still ${status.state} after ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}

async function* bodyParts(head: Buffer, file: string, tail: Buffer): AsyncGenerator<Buffer> {
  yield head;
  yield* createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>;
  yield tail;
}
