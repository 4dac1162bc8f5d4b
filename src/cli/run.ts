import { open, readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { findSpec, IMPORT_SPECS } from "../spec";
import type { ImportSpec } from "../spec/types";
import { OUTPUT_FORMATS, render, type OutputFormat } from "./output";
import { fileLevelErrors, UsageError, validateFile } from "../exchange/validateFile";

const USAGE = `Usage: dx validate <file.csv|file.xlsx> [options]

Checks a Data Exchange file against the spec the import API applies.

Options:
  --type <import type>   accounts-and-assets, interval-reads, billing-reads, consumption-targets,
                         transaction-history or id-update (default: detected from the header row)
  --spec <file.json>     your utility's spec overrides (lengths, code lists, required columns, extra columns)
  --sheet <name>         the worksheet of an .xlsx file (default: the first)
  --format <format>      text (default), json, or csv (the exceptions report)
  --out <file>           write the report to a file instead of standard output
  --stats                print the time taken and peak memory on standard error

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 the file could not be checked or the command is wrong.`;

/** Files this large get a progress line on stderr while they are read. */
const PROGRESS_FROM_BYTES = 4 * 1024 * 1024;

/** Where dx writes; tests pass their own to read what a user would see. */
export interface DxOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal, for progress that rewrites its line. */
  stderrIsTTY?: boolean;
}

/** Runs dx with its arguments; resolves to the exit status and never throws. */
export async function runDx(argv: string[], out: DxOutput): Promise<number> {
  try {
    return await run(argv, out);
  } catch (error) {
    // Users get one line; a stack is only for a bug, and only on request.
    const known = error instanceof UsageError || (error as Error).name === "SpecFileError" || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    const message = error instanceof Error ? error.message : String(error);
    out.stderr(known ? `dx: ${message}\n` : `dx: internal error: ${message} (set DX_DEBUG=1 for details)\n`);
    if (!known && process.env.DX_DEBUG) out.stderr(`${(error as Error).stack}\n`);
    return 2;
  }
}

async function run(argv: string[], out: DxOutput): Promise<number> {
  const started = process.hrtime.bigint();
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      type: { type: "string" },
      spec: { type: "string" },
      sheet: { type: "string" },
      format: { type: "string", default: "text" },
      out: { type: "string" },
      stats: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    out.stdout(USAGE + "\n");
    return values.help ? 0 : 2;
  }
  const [command, file, ...extra] = positionals;
  if (command !== "validate") throw new UsageError(`unknown command "${command}"; the command is "validate".`);
  if (!file) throw new UsageError("give the file to check: dx validate <file.csv|file.xlsx>.");
  if (extra.length > 0) throw new UsageError(`one file at a time; unexpected "${extra[0]}".`);
  const format = values.format as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`--format must be text, json or csv, not "${values.format}".`);

  const specs = values.spec ? await loadSpecs(values.spec) : IMPORT_SPECS;
  const spec = values.type ? chosenType(values.type, specs) : undefined;
  const progress = progressPrinter(file, out);
  const result = await validateFile(file, { specs, spec, sheet: values.sheet, onProgress: progress.update });
  progress.done();

  // A file that cannot be checked at all gets its reason as one line on stderr; scripts still get their report.
  if (result.fileFailed) {
    for (const e of fileLevelErrors(result.exceptions)) out.stderr(`dx: ${file}: ${e.message}\n`);
  }
  if (!(result.fileFailed && format === "text")) {
    const report = render(format, file, result);
    if (values.out) await writeChunks(values.out, report);
    else for (const piece of batched(report)) out.stdout(piece);
  }
  if (values.stats) {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const peakMb = process.resourceUsage().maxRSS / 1024;
    out.stderr(`dx: ${seconds.toFixed(2)} s, peak memory ${peakMb.toFixed(0)} MB\n`);
  }
  if (result.fileFailed) return 2;
  return result.counts.errors > 0 ? 1 : 0;
}

/** Joins small pieces into writes of about 64 KiB: one write a finding would be slow, one write in all too large. */
function* batched(pieces: Iterable<string>): Generator<string> {
  let batch: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    batch.push(piece);
    size += piece.length;
    if (size >= 65536) {
      yield batch.join("");
      batch = [];
      size = 0;
    }
  }
  if (size > 0) yield batch.join("");
}

async function writeChunks(path: string, pieces: Iterable<string>): Promise<void> {
  const file = await open(path, "w").catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`--out ${path}: cannot be written (${error.code ?? error.message}).`);
  });
  try {
    for (const piece of batched(pieces)) await file.write(piece);
  } finally {
    await file.close();
  }
}

async function loadSpecs(path: string): Promise<readonly ImportSpec[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(`--spec ${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}).`);
  }
  // zod, which checks the file, costs a dozen megabytes; runs without --spec never load it.
  const { loadSpecOverrides } = await import("../spec/overrides");
  return loadSpecOverrides(text, path);
}

function chosenType(name: string, specs: readonly ImportSpec[]): ImportSpec {
  const spec = findSpec(name, specs);
  if (!spec) throw new UsageError(`--type "${name}" is not an import type; use one of ${specs.map((s) => s.id).join(", ")}.`);
  return spec;
}

function progressPrinter(file: string, out: DxOutput) {
  let lastPercent = -1;
  let shown = false;
  return {
    update(read: number, total: number, pass: number) {
      if (total < PROGRESS_FROM_BYTES) return;
      const percent = Math.floor((read / total) * 10) * 10;
      if (pass * 1000 + percent === lastPercent) return;
      lastPercent = pass * 1000 + percent;
      shown = true;
      const what = pass === 1 ? "checking cells and rows" : "checking across rows";
      const line = `dx: ${what} of ${file}: ${percent}% (${(read / 1048576).toFixed(1)} of ${(total / 1048576).toFixed(1)} MB)`;
      out.stderr(out.stderrIsTTY ? `\r${line}` : `${line}\n`);
    },
    done() {
      if (shown && out.stderrIsTTY) out.stderr("\n");
    },
  };
}
