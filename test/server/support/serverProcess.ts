/**
 * The import API as a real process (dist/src/server/main.js), for what only a process can show: SIGKILL, restarts,
 * two servers sharing a database. `npm test` builds dist before Jest runs; a stale build is refused with a clear
 * message rather than testing old code.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { SERVER_NODE_FLAGS } from "../../../src/server/nodeFlags";

const ROOT = join(__dirname, "../../..");
export const SERVER_ENTRY = join(ROOT, "dist/src/server/main.js");

function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function assertFreshBuild(): void {
  let built: number;
  try {
    built = statSync(SERVER_ENTRY).mtimeMs;
  } catch {
    throw new Error(`${SERVER_ENTRY} is missing: run "npm run build" (npm test does it) before the process tests.`);
  }
  if (newestSource(join(ROOT, "src")) > built) throw new Error(`dist/ is older than src/: run "npm run build" (npm test does it) before the process tests.`);
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Each JSON log line the server wrote. */
  logs: Array<Record<string, unknown>>;
  output(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL and wait for the exit: no clean-up of any kind runs. */
  kill(): Promise<void>;
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_ENTRY], {
    env: { PATH: process.env.PATH ?? "", PORT: "0", HOST: "127.0.0.1", DX_ADMIN_EMAIL: "admin@example.com", DX_ADMIN_PASSWORD: "admin-password", DX_POLL_MS: "25", DX_RATE_LIMIT: "100000", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  let partial = "";
  const logs: Array<Record<string, unknown>> = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${text}`)), 20_000);
    const take = (chunk: Buffer) => {
      text += chunk.toString();
      const lines = (partial + chunk.toString()).split("\n");
      partial = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith("{")) logs.push(JSON.parse(line) as Record<string, unknown>);
      }
      const match = /listening on (http:\/\/[\d.:]+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on("data", take);
    child.stderr!.on("data", take);
    child.once("exit", (code) => reject(new Error(`the server exited with ${code}:\n${text}`)));
  });
  return {
    child,
    url,
    logs,
    output: () => text,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
