/* eslint-disable no-undef */
// Browser build in the style of the Office add-in templates. For now it bundles the validation engine (src/engine.ts)
// for the task pane and its Web Worker; the add-in issue adds the task pane and commands entries, the dev server on
// https://localhost:3000 and the manifest copy.
const path = require("path");

module.exports = (env = {}, options = {}) => {
  const dev = options.mode === "development";
  return {
    devtool: dev ? "source-map" : false,
    target: "web",
    entry: { engine: "./src/engine.ts" },
    output: {
      path: path.resolve(__dirname, "dist", "web"),
      filename: "[name].js",
      library: { name: "DataExchange", type: "umd" },
      globalObject: "globalThis",
      clean: true,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true, configFile: "tsconfig.build.json" } } }],
    },
    performance: { hints: false },
  };
};
