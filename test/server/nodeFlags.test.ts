/**
 * The import API's V8 settings can only be given on Node's command line, so every way of starting it must carry
 * them; the spawners in code share SERVER_NODE_FLAGS, and the npm script, being JSON, spells them out.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SERVER_NODE_FLAGS } from "../../src/server/nodeFlags";

test("npm run server starts the server with its V8 settings", () => {
  const scripts = (JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  expect(scripts.server).toContain(`node ${SERVER_NODE_FLAGS.join(" ")} dist/src/server/main.js`);
});
