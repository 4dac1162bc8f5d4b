/**
 * The browser-test harness: the built workbench (dist/workbench, `npm run build:workbench`; `npm test` builds it)
 * served over http on 127.0.0.1, a real import API process from dist/ on a fresh SQLite folder, and Debian's Chromium
 * driven by playwright-core. Screenshots go to test-artifacts/e2e/ (not committed).
 *
 * A suite starts with `browserSuite()` instead of `describe`: without Chromium it is skipped with the reason printed,
 * except on CI (CI=true), where a missing browser fails the run loudly.
 *
 *   const describeBrowser = browserSuite();
 *   describeBrowser("…", () => {
 *     let bench: Workbench;
 *     beforeAll(async () => (bench = await startWorkbench()));
 *     afterAll(() => bench?.close());
 *     test("…", async () => {
 *       const page = await openWorkbench(bench);
 *       await loadSampleCsv(page);
 *       await validate(page);
 *       await screenshot(page, "validated");
 *     });
 *   });
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { SERVER_ENTRY, startServerProcess, type ServerProcess } from "../server/support/serverProcess";

const ROOT = join(__dirname, "..", "..");
export const WORKBENCH_DIR = join(ROOT, "dist", "workbench");
export const ARTIFACTS_DIR = join(ROOT, "test-artifacts", "e2e");
export const SAMPLE_CSV = join(ROOT, "assets", "samples", "starter-with-mistakes.csv");
export const SAMPLE_XLSX = join(ROOT, "assets", "samples", "starter-with-mistakes.xlsx");
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

/** The import API's administrator in these tests (and the demo sign-in of `npm start`). */
export const API_EMAIL = "admin@example.com";
export const API_PASSWORD = "demo-password";

/** Why browser tests cannot run here, or null when they can. */
export function browserProblem(): string | null {
  if (!existsSync(CHROMIUM_PATH)) return `Chromium is not at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
  return null;
}

/**
 * `describe` for a suite that needs the browser: `describe.skip` with the reason printed when Chromium is missing,
 * and a thrown error (a failed run) when that happens on CI.
 */
export function browserSuite(): jest.Describe {
  const problem = browserProblem();
  if (!problem) return describe;
  if (process.env.CI === "true") throw new Error(`Browser tests must run on CI: ${problem}.`);
  console.warn(`Skipping the browser tests: ${problem}.`);
  return describe.skip;
}

// ---- the workbench, served ----------------------------------------------------------------------------------------

export interface StaticServer {
  /** e.g. http://127.0.0.1:40123 (the import API must allow it as a CORS origin). */
  origin: string;
  /** The workbench page. */
  url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

/** Serves dist/workbench over http on 127.0.0.1 at a free port. Fails with the fix when it has not been built. */
export async function serveWorkbench(dir = WORKBENCH_DIR): Promise<StaticServer> {
  if (!existsSync(join(dir, "workbench.html"))) throw new Error(`${dir}/workbench.html is missing: run "npm run build:workbench" (npm test does it) before the browser tests.`);
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = normalize(join(dir, path === "/" ? "workbench.html" : path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, { "Content-Type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: `${origin}/workbench.html`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---- the import API, as a process ----------------------------------------------------------------------------------

export interface ImportApi {
  /** e.g. http://127.0.0.1:40124; the same after a restart. */
  url: string;
  email: string;
  password: string;
  /** The SQLite database, originals and reports; removed by close(). */
  dataDir: string;
  /** Whether the process is running. */
  running(): boolean;
  /** Everything it printed (all runs). */
  output(): string;
  /** Stops it (SIGTERM; SIGKILL with `{ kill: true }`), keeping its data: for "the server went away" tests. */
  stop(options?: { kill?: boolean }): Promise<void>;
  /** Starts it again on the same port and data. */
  restart(): Promise<void>;
  /** Stops it and removes its data. */
  close(): Promise<void>;
}

/**
 * A real import API (dist/src/server/main.js) on a temporary SQLite folder, allowing `allowedOrigins` (the
 * workbench's origin) and signing in as API_EMAIL / API_PASSWORD.
 */
export async function startImportApi(options: { allowedOrigins: string[]; env?: Record<string, string> }): Promise<ImportApi> {
  if (!existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: run "npm run build" (npm test does it) before the browser tests.`);
  const dataDir = mkdtempSync(join(tmpdir(), "dx-e2e-api-"));
  const env = {
    DATA_DIR: dataDir,
    DX_ALLOWED_ORIGINS: options.allowedOrigins.join(","),
    DX_ADMIN_EMAIL: API_EMAIL,
    DX_ADMIN_PASSWORD: API_PASSWORD,
    LOG_LEVEL: "warn",
    ...options.env,
  };
  let outputs: string[] = [];
  let server: ServerProcess | null = await startServerProcess(env);
  const url = server.url;
  const port = new URL(url).port;
  const api: ImportApi = {
    url,
    email: API_EMAIL,
    password: API_PASSWORD,
    dataDir,
    running: () => server !== null && server.child.exitCode === null,
    output: () => [...outputs, server?.output() ?? ""].join(""),
    async stop({ kill = false } = {}) {
      if (!server) return;
      await (kill ? server.kill() : server.stop());
      outputs = [...outputs, server.output()];
      server = null;
    },
    async restart() {
      await api.stop();
      server = await startServerProcess({ ...env, PORT: port });
    },
    async close() {
      await api.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return api;
}

// ---- the browser ------------------------------------------------------------------------------------------------------

/** Debian's Chromium, headless, with the flags this machine needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Everything a browser suite needs at once: the served workbench, an import API allowing it, and a browser. */
export interface Workbench {
  site: StaticServer;
  api: ImportApi;
  browser: Browser;
  close(): Promise<void>;
}

export async function startWorkbench(): Promise<Workbench> {
  const site = await serveWorkbench();
  const api = await startImportApi({ allowedOrigins: [site.origin] }).catch(async (error: unknown) => {
    await site.close();
    throw error;
  });
  const browser = await launchBrowser().catch(async (error: unknown) => {
    await Promise.all([api.close(), site.close()]);
    throw error;
  });
  return {
    site,
    api,
    browser,
    async close() {
      await browser.close();
      await Promise.all([api.close(), site.close()]);
    },
  };
}

/**
 * Registers a browser suite's life cycle: one workbench (site, import API, browser) for the suite, a fresh page for
 * each test, and a test fails if its page threw. The callbacks hand both to the suite's variables.
 */
export function withWorkbench(useBench: (bench: Workbench) => void, usePage: (page: Page) => void): void {
  let bench: Workbench | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    bench = await startWorkbench();
    useBench(bench);
  }, 60_000);
  afterAll(async () => bench?.close());
  beforeEach(async () => {
    page = await openWorkbench(bench!);
    usePage(page);
  });
  afterEach(async () => {
    if (!page) return;
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
}

/**
 * A new page (its own context, 1440 × 900) on the workbench, once the empty workbook and the pane are up. Errors
 * the page throws fail the test that reads `pageErrors(page)`.
 */
export async function openWorkbench(bench: Pick<Workbench, "browser" | "site">): Promise<Page> {
  const context = await bench.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  pageErrorLists.set(page, errors);
  await page.goto(bench.site.url);
  await page.getByRole("button", { name: "Validate" }).waitFor();
  await cell(page, "A1").waitFor();
  return page;
}

const pageErrorLists = new WeakMap<Page, string[]>();

/** Uncaught errors the page has thrown so far. */
export function pageErrors(page: Page): string[] {
  return pageErrorLists.get(page) ?? [];
}

// ---- what a user does ---------------------------------------------------------------------------------------------

/** The grid cell at an A1 address on the shown sheet. */
export function cell(page: Page, address: string): Locator {
  return page.locator(`[data-cell="${address}"]`);
}

/** Opens a file from disk through the workbench's file picker and waits until cell A1 shows `firstHeader`. */
export async function openFile(page: Page, path: string, firstHeader = "Account_ID"): Promise<void> {
  await page.getByLabel("Open a .csv or .xlsx file").setInputFiles(path);
  await page.getByText(`Open: ${path.replace(/^.*[\\/]/, "")}`).waitFor();
  await waitForText(cell(page, "A1"), firstHeader);
}

/** The sample CSV with typical mistakes, through the file picker (as a user opens one of their own). */
export function loadSampleCsv(page: Page): Promise<void> {
  return openFile(page, SAMPLE_CSV);
}

/** The sample workbook with mistakes, through the "Load sample" button. */
export async function loadSampleXlsx(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Load sample" }).click();
  await page.getByText("Open: starter-with-mistakes.xlsx").waitFor();
  await waitForText(cell(page, "A1"), "Account_ID");
}

/** Presses the pane's Validate and waits for its one-line result ("…: 20 data rows checked, 19 errors, …"). */
export async function validate(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Validate" }).click();
  const status = page.getByRole("status").filter({ hasText: /data rows? checked/ });
  await status.waitFor();
  return (await status.textContent()) ?? "";
}

/** The number the findings list shows ("25 findings"). */
export async function findingsCount(page: Page): Promise<number> {
  const text = await page.getByText(/^[\d,]+ findings?$/).textContent();
  return Number((text ?? "").replace(/[^\d]/g, ""));
}

/**
 * Selects a cell by typing its address in the Name Box, as in Excel: the grid scrolls to it (only the rows and columns
 * in view are in the page, so a far cell must be brought into view before it can be read).
 */
export async function goToCell(page: Page, address: string): Promise<Locator> {
  const nameBox = page.getByRole("textbox", { name: "Name Box" });
  await nameBox.fill(address);
  await nameBox.press("Enter");
  await selectedCell(page, address);
  return cell(page, address);
}

/** Waits until the grid shows the cell at `address` as selected (a click or a key is answered by a render, later). */
export async function selectedCell(page: Page, address: string): Promise<void> {
  await cell(page, address).and(page.locator('[aria-selected="true"]')).waitFor();
}

/** Double-clicks a cell, types `text` into its editor and presses Enter (the pane hears it as the user's edit). */
export async function editCell(page: Page, address: string, text: string): Promise<void> {
  await cell(page, address).dblclick();
  const editor = page.getByRole("textbox", { name: `Edit cell ${address}` });
  await editor.fill(text);
  await editor.press("Enter");
}

/** Saves a full-page screenshot as test-artifacts/e2e/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

async function waitForText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).waitFor();
}
