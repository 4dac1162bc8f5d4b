import { createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import type { Exception } from "../../validation";

/**
 * A test run's findings on disk: one JSON object a line, in report order. Lines can be written and read back one at
 * a time, so a report with hundreds of thousands of findings is never held whole, and the JSON and CSV downloads
 * are both streamed from it.
 */
export async function writeReport(path: string, findings: Iterable<Exception>): Promise<void> {
  const out = createWriteStream(path, { flags: "wx" });
  const done = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
  });
  let batch = "";
  for (const f of findings) {
    batch += JSON.stringify([f.row, f.column, f.severity, f.code, f.component, f.message]) + "\n";
    if (batch.length >= 64 * 1024) {
      if (!out.write(batch)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      batch = "";
    }
  }
  out.end(batch);
  await done;
}

/** Reads a report written by writeReport, a finding at a time. */
export async function* readReport(source: Readable): AsyncGenerator<Exception> {
  const lines = createInterface({ input: source, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line === "") continue;
    const [row, column, severity, code, component, message] = JSON.parse(line) as [
      Exception["row"],
      Exception["column"],
      Exception["severity"],
      string,
      Exception["component"],
      string,
    ];
    yield { row, column, severity, code, component, message };
  }
}
