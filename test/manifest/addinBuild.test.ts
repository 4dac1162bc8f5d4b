import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import webpack from "webpack";
import { webpackConfig } from "./webpackConfig";

/**
 * `webpack --mode production` (npm run build:addin) builds the task pane, the commands page, the engine bundle and
 * the production manifest without asking for a development certificate; `webpack serve` asks for one.
 */
const mockGetHttpsServerOptions = jest.fn(async () => ({ ca: "test-ca", key: "test-key", cert: "test-cert" }));
jest.mock("office-addin-dev-certs", () => ({ getHttpsServerOptions: mockGetHttpsServerOptions }));

let dir: string;
let files: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dx-addin-"));
  const configs = await webpackConfig({ WEBPACK_BUNDLE: true, WEBPACK_BUILD: true }, { mode: "production" });
  for (const config of configs) {
    config.mode = "production";
    config.output = { ...config.output, path: dir };
  }
  const stats = await new Promise<webpack.MultiStats>((resolve, reject) =>
    webpack(configs, (error, result) => (error || !result ? reject(error ?? new Error("no stats")) : resolve(result))),
  );
  expect(stats.toJson({ all: false, errors: true }).errors ?? []).toEqual([]);
  files = readdirSync(dir, { recursive: true }).map(String);
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("no certificate is requested for a build", () => {
  expect(mockGetHttpsServerOptions).not.toHaveBeenCalled();
});

test("taskpane.html loads Office.js from Microsoft's CDN, then the task pane bundle", () => {
  const html = readFileSync(join(dir, "taskpane.html"), "utf8");
  const scripts = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)/g)].map((m) => m[1]);
  expect(scripts[0]).toBe("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
  expect(scripts.slice(1)).toEqual([expect.stringMatching(/^taskpane\.[0-9a-f]{8}\.js$/)]);
  expect(existsSync(join(dir, scripts[1]))).toBe(true);
  expect(html).toMatch(/id="?container"?/);
});

test("commands.html loads Office.js and the commands bundle", () => {
  const html = readFileSync(join(dir, "commands.html"), "utf8");
  expect(html).toContain("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
  expect(html).toMatch(/commands\.[0-9a-f]{8}\.js/);
});

test("the engine bundle, icons, help page and a production manifest are written next to them", () => {
  expect(files).toEqual(expect.arrayContaining(["engine.js", "help.html", "manifest.xml", join("assets", "icon-16.png"), join("assets", "icon-80.png")]));
  expect(readFileSync(join(dir, "engine.js"), "utf8")).toContain("DataExchange");
  const manifest = readFileSync(join(dir, "manifest.xml"), "utf8");
  expect(manifest).not.toMatch(/localhost/i);
  expect(manifest).toContain(`SourceLocation DefaultValue="${webpackConfig.publicUrl()}taskpane.html"`);
  expect(files.some((f) => f.startsWith("assets") && f.includes("samples"))).toBe(false);
  // The workbench (and the fake host and exceljs it bundles) is for development and tests, never deployed.
  expect(files.some((f) => f.startsWith("workbench"))).toBe(false);
});

test("webpack serve gets the add-in on https://localhost:3000 with the development certificate", async () => {
  const configs = await webpackConfig({ WEBPACK_SERVE: true }, { mode: "development" });
  expect(mockGetHttpsServerOptions).toHaveBeenCalledTimes(1);
  const addin = configs.find((c) => c.name === "addin");
  expect(addin?.devServer).toMatchObject({ port: 3000, server: { type: "https", options: { ca: "test-ca", key: "test-key", cert: "test-cert" } } });
  // The engine is served too, without the live-reload client (it runs in a Web Worker).
  expect(configs.find((c) => c.name === "engine")?.devServer).toBe(false);
  // The workbench is served by the same server (a devServer of its own would be a second one; false would hide it).
  const workbench = configs.find((c) => c.name === "workbench");
  expect(workbench).toBeDefined();
  expect(workbench).not.toHaveProperty("devServer");
});

test("the workbench builds alone (env workbench) and can be served over http without a certificate", async () => {
  mockGetHttpsServerOptions.mockClear();
  const alone = await webpackConfig({ WEBPACK_BUNDLE: true, WEBPACK_BUILD: true, workbench: true }, { mode: "production" });
  expect(alone.map((c) => c.name)).toEqual(["workbench"]);
  expect(alone[0].output?.path).toMatch(/dist[\\/]workbench$/);
  const served = await webpackConfig({ WEBPACK_SERVE: true, http: true }, { mode: "development" });
  expect(served.find((c) => c.name === "addin")?.devServer).toMatchObject({ port: 3000, server: { type: "http" } });
  expect(mockGetHttpsServerOptions).not.toHaveBeenCalled();
});
