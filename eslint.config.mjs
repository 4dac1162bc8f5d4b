// ESLint 9 flat config: typescript-eslint's recommended rules and the Office add-in rules of eslint-plugin-office-addins
// (the rules of its "recommended" config, without the Prettier formatting that config also turns on), over the whole
// repository. `npm run lint`.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import officeAddins from "eslint-plugin-office-addins";
import tseslint from "typescript-eslint";

/** Excel API usage: load before read, sync after load, no context.sync() in a loop, isNullObject checks, … */
const officeAddinRules = {
  "office-addins/call-sync-after-load": "error",
  "office-addins/call-sync-before-read": "error",
  "office-addins/load-object-before-read": "error",
  "office-addins/no-context-sync-in-loop": "error",
  "office-addins/no-empty-load": "warn",
  "office-addins/no-navigational-load": "warn",
  "office-addins/no-office-initialize": "warn",
  "office-addins/test-for-null-using-isNullObject": "error",
};

/** The Node globals our CommonJS files (webpack, jest and reporter configs) use. */
const nodeGlobals = {
  require: "readonly",
  module: "writable",
  exports: "writable",
  __dirname: "readonly",
  __filename: "readonly",
  process: "readonly",
  console: "readonly",
  Buffer: "readonly",
  URL: "readonly",
  setTimeout: "readonly",
  clearTimeout: "readonly",
};

export default defineConfig([
  globalIgnores(["dist/", "coverage/", "node_modules/"]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a parameter an interface requires but this implementation does not use.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // The code that runs against Office.js. Elsewhere the rules misfire: ExcelJS (src/exchange/readXlsx.ts) has
    // getRow()/cellCount too, but no load/sync protocol.
    files: ["src/excel/**", "src/taskpane/**", "src/commands/**"],
    plugins: { "office-addins": officeAddins },
    rules: officeAddinRules,
  },
  {
    // The CSV and record readers match byte ranges (NUL, ASCII) on purpose.
    files: ["src/exchange/**"],
    rules: { "no-control-regex": "off" },
  },
  {
    files: ["**/*.{js,cjs}"],
    languageOptions: { sourceType: "commonjs", globals: nodeGlobals },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { sourceType: "module", globals: nodeGlobals },
  },
]);
