import { spawn, type ChildProcessByStdio } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { SERVER_NODE_FLAGS } from "../../src/server/nodeFlags";

/**
 * The real import API as a child process (`node --max-semi-space-size=32 dist/src/server/main.js`), as `npm run
 * server` starts it: the benchmark measures what a deployment runs, not the app mounted in the bench's own process.
 */
export interface ServerSettings {
  dataDir: string;
  /** A postgres:// URL and the schema to work in; absent for the embedded SQLite under dataDir. */
  databaseUrl?: string;
  databaseSchema?: string;
  adminEmail: string;
  adminPassword: string;
  logLevel: string;
  /** When set, the child writes a V8 CPU profile into this folder as it exits. */
  cpuProfileDir?: string;
}

export interface RunningServer {
  pid: number;
  /** Like http://127.0.0.1:40123 */
  url: string;
  /** Ends the child (SIGTERM, so a CPU profile is written; SIGKILL if it lingers) and waits for it to go. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
/** The child logs for as long as it runs: its pipes are read to the end (a full pipe would stall it), keeping a tail for errors. */
const KEPT_OUTPUT_CHARS = 4000;
/** The build writes main.js beside this file's own compiled copy: dist/bench/server → dist/src/server. */
const MAIN = join(__dirname, "..", "..", "src", "server", "main.js");

export async function startServer(settings: ServerSettings): Promise<RunningServer> {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...profileFlags(settings.cpuProfileDir), MAIN], { env: serverEnv(settings), stdio: ["ignore", "pipe", "pipe"] });
  // Should the bench itself die, it takes its server with it.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let output = "";
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString("utf8")).slice(-KEPT_OUTPUT_CHARS));
  child.stderr.on("data", keep);

  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    process.removeListener("exit", killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  try {
    const url = await bannerAddress(child, keep, () => output);
    return { pid: child.pid!, url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function serverEnv(settings: ServerSettings): NodeJS.ProcessEnv {
  const { DATABASE_SCHEMA: _inherited, ...inherited } = process.env;
  return {
    ...inherited,
    PORT: "0", // the system picks a free port; the banner tells us which
    HOST: "127.0.0.1",
    DATA_DIR: settings.dataDir,
    DATABASE_URL: settings.databaseUrl ?? "",
    ...(settings.databaseSchema ? { DATABASE_SCHEMA: settings.databaseSchema } : {}),
    DX_ADMIN_EMAIL: settings.adminEmail,
    DX_ADMIN_PASSWORD: settings.adminPassword,
    DX_WORKER: "on",
    // The per-user limit would answer the load test with 429s; the bench measures the service, not the limiter's refusals.
    DX_RATE_LIMIT: String(1_000_000_000),
    LOG_LEVEL: settings.logLevel,
  };
}

function profileFlags(dir: string | undefined): string[] {
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}

/** Reads the child's stdout until the banner names its address; stdout is then drained for the child's lifetime. */
function bannerAddress(child: ChildProcessByStdio<null, Readable, Readable>, keep: (chunk: Buffer) => void, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => fail(`did not print its address within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      keep(chunk);
      seen += chunk.toString("utf8");
      const address = /listening on (http:\/\/\S+)\s/.exec(seen)?.[1];
      if (!address) return;
      clearTimeout(timer);
      child.removeListener("exit", onExit);
      child.stdout.removeListener("data", onData);
      child.stdout.on("data", keep);
      resolve(address);
    };
    const onExit = (code: number | null) => fail(`exited (code ${code}) before listening`);
    function fail(why: string) {
      clearTimeout(timer);
      reject(new Error(`the server ${why}:\n${output()}`));
    }
    child.stdout.on("data", onData);
    child.once("exit", onExit);
  });
}

/** Resident memory of a process, from the kernel's own accounting. */
export interface Residency {
  /** Resident now. */
  rssMb: number;
  /** Highest resident since start or since the last resetPeak (VmHWM). */
  peakMb: number;
}

export function residency(pid: number): Residency {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Number(match[1]);
  };
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

/**
 * Resets VmHWM to the current RSS (writing 5 to clear_refs, Linux ≥ 4.0), so the next peak read belongs to what
 * happens after this call, not to earlier work such as an apply. False when the kernel refuses.
 */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

/**
 * CPU time a process has used so far, in seconds: the sum of its threads' on-CPU time (schedstat, nanoseconds), so
 * the event loop, libuv's pool and V8's helpers all count. Divided by a step's wall time it tells a server that is
 * busy from one that is waiting (on the database, or for a core on a shared machine). A thread that has ended no
 * longer counts; Node's threads live as long as the process.
 */
export function cpuSeconds(pid: number): number {
  let nanoseconds = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      nanoseconds += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return nanoseconds / 1e9;
}
