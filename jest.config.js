/** Type checking runs once in `npm test` (tsc --noEmit); ts-jest only transpiles, which keeps the suite fast. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    // .tsx (the task pane) compiles with tsconfig.json's "jsx": "react-jsx"; those tests choose jsdom in their docblock.
    "^.+\\.tsx?$": "ts-jest",
    // uuid 14 and strip-bom 5, which office-addin-manifest loads (nested in its own node_modules) when the manifest
    // tests read manifest.xml with it, ship ES modules only, which Jest's CommonJS runtime cannot load as is.
    "node_modules/(uuid|strip-bom)/.+\\.js$": ["ts-jest", { tsconfig: { allowJs: true, module: "commonjs" } }],
  },
  // Ignore node_modules, except the ES-module-only packages above, wherever they are nested.
  transformIgnorePatterns: ["^(?!.*/node_modules/(uuid|strip-bom)/).*/node_modules/"],
  // The machines are shared and noisy: a test may be slow without being wrong, and tests never assert on time.
  testTimeout: 30000,
  reporters: ["default", "<rootDir>/test/support/plainSummary.js"],
};
