#!/usr/bin/env node
/**
 * `npm start`: everything a newcomer needs to see the add-in work, in one command.
 *
 * 1. Builds dist/ when it is missing or older than src/ (the import API runs from it).
 * 2. Starts the import API on embedded SQLite under data/demo (its own folder, so the demo sign-in below always
 *    works, whatever `npm run server` made of ./data), allowing the dev server's origins.
 * 3. Starts the webpack dev server on https://localhost:3000 (office-addin-dev-certs' certificate): the task pane,
 *    the manifest's pages and the workbench. Without a certificate (the tool needs to trust its CA system-wide, which
 *    fails without sudo, e.g. in a container) the workbench is served over http instead, and this says so.
 * 4. Prints the workbench URL, how to sideload manifest.xml in Excel on the web and on the desktop, and the sign-in.
 *
 * Ctrl+C stops both. If either stops on its own, the other is stopped too.
 *
 * Environment: PORT (import API, default 8080), DATA_DIR (default data/demo), DX_ADMIN_EMAIL (admin@example.com),
 * DX_ADMIN_PASSWORD (demo-password), DX_HTTP=1 to skip the certificate and serve over http.
 */
const { spawn, spawnSync } = require("child_process");
const fs = require("fs");
const http = require("http");
const https = require("https");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const SERVER_ENTRY = path.join(ROOT, "dist", "src", "server", "main.js");
const DEV_PORT = 3000;
const API_PORT = process.env.PORT || "8080";
const DATA_DIR = process.env.DATA_DIR || path.join("data", "demo");
const EMAIL = process.env.DX_ADMIN_EMAIL || "admin@example.com";
const PASSWORD = process.env.DX_ADMIN_PASSWORD || "demo-password";

const children = [];
let stopping = false;

function say(line = "") {
  process.stdout.write(`${line}\n`);
}

function newestFile(folder) {
  let newest = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestFile(file) : fs.statSync(file).mtimeMs);
  }
  return newest;
}

/** Runs `npm run build` when dist/ is missing or older than src/. */
function buildIfStale() {
  const built = fs.existsSync(SERVER_ENTRY) ? fs.statSync(SERVER_ENTRY).mtimeMs : 0;
  if (built > newestFile(path.join(ROOT, "src"))) return;
  say("Building dist/ (npm run build)…");
  const result = spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
  // tsc writes its output even when it reports type errors; only a missing server is fatal here.
  if (result.status !== 0 && fs.existsSync(SERVER_ENTRY)) say("The build reported errors (above); starting with what it wrote.");
  if (!fs.existsSync(SERVER_ENTRY)) throw new Error("the build did not produce dist/src/server/main.js; see the errors above.");
}

/** Whether office-addin-dev-certs can give the dev server a certificate; asked in a child so a sudo prompt cannot hang us. */
function certificateProblem() {
  if (process.env.DX_HTTP === "1") return "DX_HTTP=1";
  const probe = spawnSync(
    process.execPath,
    ["-e", "require('office-addin-dev-certs').getHttpsServerOptions().then(() => process.exit(0), (e) => { console.error(e && e.message ? e.message : String(e)); process.exit(1); })"],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], timeout: 120_000, encoding: "utf8" },
  );
  if (probe.status === 0) return null;
  const detail = `${probe.stderr || ""}${probe.stdout || ""}`.trim().split("\n").pop();
  return detail || (probe.error ? probe.error.message : "office-addin-dev-certs failed");
}

/** Starts a child whose output is kept (and shown only if it fails); resolves once `ready` says so. */
function start(name, command, args, env, ready) {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  child.once("exit", (code, signal) => {
    if (stopping) return;
    process.stderr.write(`\n${name} stopped (${signal || `exit ${code}`}). Its last output:\n${output}\n`);
    stopAll(1);
  });
  return ready(() => output).then(() => child);
}

function waitFor(check, what, timeoutMs) {
  const until = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = async () => {
      if (stopping) return;
      if (await check().catch(() => false)) return resolve();
      if (Date.now() > until) return reject(new Error(`${what} did not start within ${Math.round(timeoutMs / 1000)} s`));
      setTimeout(poll, 500);
    };
    void poll();
  });
}

/** GET a URL, accepting the dev server's self-signed certificate: true on a 200. */
function answers(url) {
  return new Promise((resolve) => {
    const client = url.startsWith("https:") ? https : http;
    const request = client.get(url, { rejectUnauthorized: false, timeout: 5_000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on("error", () => resolve(false));
    request.on("timeout", () => request.destroy());
  });
}

function stopAll(code) {
  if (stopping) return;
  stopping = true;
  const alive = children.filter((child) => child.exitCode === null && child.signalCode === null);
  if (alive.length === 0) process.exit(code);
  let left = alive.length;
  for (const child of alive) {
    child.once("exit", () => --left === 0 && process.exit(code));
    child.kill("SIGTERM");
  }
  setTimeout(() => process.exit(code), 10_000).unref();
}

async function main() {
  process.on("SIGINT", () => stopAll(0));
  process.on("SIGTERM", () => stopAll(0));
  buildIfStale();

  if (process.env.DX_HTTP !== "1") say("Getting the development certificate (office-addin-dev-certs)…");
  const noCertificate = certificateProblem();
  const scheme = noCertificate ? "http" : "https";
  const devOrigin = `${scheme}://localhost:${DEV_PORT}`;

  const apiUrl = `http://127.0.0.1:${API_PORT}`;
  say(`Starting the import API on ${apiUrl}…`);
  await start(
    "The import API",
    process.execPath,
    // The build is there by now (see buildIfStale), and with it the server's V8 settings.
    [...require(path.join(ROOT, "dist", "src", "server", "nodeFlags.js")).SERVER_NODE_FLAGS, SERVER_ENTRY],
    {
      PORT: API_PORT,
      DATA_DIR,
      DX_ALLOWED_ORIGINS: [`https://localhost:${DEV_PORT}`, `http://localhost:${DEV_PORT}`, `http://127.0.0.1:${DEV_PORT}`].join(","),
      DX_ADMIN_EMAIL: EMAIL,
      DX_ADMIN_PASSWORD: PASSWORD,
      LOG_LEVEL: process.env.LOG_LEVEL || "warn",
    },
    (output) => waitFor(async () => /listening on/.test(output()), "The import API", 60_000),
  );

  say(`Starting the dev server on ${devOrigin} (the first build takes a minute)…`);
  const webpackCli = require.resolve("webpack-cli/bin/cli.js");
  const args = [webpackCli, "serve", "--mode", "development", "--no-client-overlay-warnings"];
  if (noCertificate) args.push("--env", "http");
  await start("The dev server", process.execPath, args, {}, () => waitFor(() => answers(`${devOrigin}/workbench.html`), "The dev server", 600_000));

  const manifest = path.join(ROOT, "manifest.xml");
  const lines = [
    "",
    "Data Exchange add-in: running. Ctrl+C stops everything.",
    "",
    `  Workbench     ${devOrigin}/workbench.html`,
    "                the real task pane beside a spreadsheet, no Excel needed: Load sample, then Validate",
    `  Import API    ${apiUrl}   (SQLite in ${DATA_DIR}; OpenAPI at ${apiUrl}/v1/openapi.json)`,
    `  Demo sign-in  ${EMAIL} / ${PASSWORD}`,
    "",
  ];
  if (noCertificate) {
    lines.push(
      `  Note: no development certificate (${noCertificate}), so the dev server is on http.`,
      "  The workbench works; Excel loads add-ins only over https: run `npx office-addin-dev-certs install`",
      "  (it trusts a local CA and needs admin rights), then `npm start` again, to sideload into Excel.",
      "",
    );
  }
  lines.push(
    `Sideload ${manifest} into Excel (it points at https://localhost:${DEV_PORT}):`,
    "  Excel on the web   open a workbook, Insert > Add-ins (or Home > Add-ins) > More Add-ins > Upload My Add-in,",
    "                     choose manifest.xml, Upload; the Data Exchange button is on the Home tab",
    "  Windows desktop    share a folder holding manifest.xml, add its \\\\computer\\share path under File > Options >",
    "                     Trust Center > Trust Center Settings > Trusted Add-in Catalogs (tick Show in Menu), restart",
    "                     Excel, then Home > Add-ins > More Add-ins > Shared Folder",
    "  Mac desktop        copy manifest.xml to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/",
    "                     (create wef if needed), restart Excel, then Home > Add-ins and pick Data Exchange",
    "",
  );
  say(lines.join("\n"));
}

main().catch((error) => {
  process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
  stopAll(1);
});
