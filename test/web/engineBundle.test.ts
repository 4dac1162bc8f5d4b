import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
import webpack from "webpack";

/**
 * The task pane validates with the same engine as `dx` and the server. This builds the browser bundle with the
 * project's webpack config and runs it in a bare context (no require, no process, no Buffer), as a Web Worker would.
 */
type ConfigFactory = (env: Record<string, unknown>, options: { mode: string }) => webpack.Configuration[];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require("../../webpack.config.js") as ConfigFactory;

interface EngineBundle {
  validateTable(spec: unknown, table: { header: unknown[]; rows: unknown[][] }): Array<{ row: number; column: string | null; code: string }>;
  findSpec(name: string): unknown;
  readCsvText(text: string): { header: string[]; rows: string[][] };
}

let dir: string;
let engine: EngineBundle;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dx-web-"));
  // The project's config builds the engine and the add-in; this test needs only the engine.
  const config = makeConfig({}, { mode: "development" }).find((c) => c.name === "engine");
  if (!config) throw new Error("webpack.config.js has no configuration named engine");
  config.mode = "development";
  config.devtool = false;
  config.output = { ...config.output, path: dir };
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(config, (error, result) => (error || !result ? reject(error ?? new Error("no stats")) : resolve(result))),
  );
  expect(stats.toJson({ all: false, errors: true }).errors ?? []).toEqual([]);
  const sandbox: Record<string, unknown> = { TextDecoder, console };
  vm.createContext(sandbox);
  vm.runInContext(readFileSync(join(dir, "engine.js"), "utf8"), sandbox);
  engine = sandbox.DataExchange as EngineBundle;
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("the bundle validates a sheet without any Node module", () => {
  const spec = engine.findSpec("accounts-and-assets");
  const { header, rows } = engine.readCsvText("Account_ID,Location_ID,Meter_ID,Service_Point_Type\r\nA1,L1,M1,X\r\n");
  const findings = engine.validateTable(spec, { header, rows });
  expect(findings).toEqual(expect.arrayContaining([expect.objectContaining({ row: 2, column: "Service_Point_Type", code: "invalid-code" })]));
});
