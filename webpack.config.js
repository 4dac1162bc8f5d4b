// Browser builds in the style of the Office add-in templates, as two configurations written to dist/web/ (the folder
// to deploy at ADDIN_PUBLIC_URL):
//   engine  the validation engine (src/engine.ts) as dist/web/engine.js, global `DataExchange`, for Web Workers and
//           for test/web/engineBundle.test.ts;
//   addin   the task pane (taskpane.html + React) and the ribbon's function file (commands.html), the icons, a help
//           page and the manifest. Production rewrites the manifest's https://localhost:3000 to ADDIN_PUBLIC_URL.
//   workbench  the task pane over the fake Excel host beside a spreadsheet grid (src/workbench/), for trying the add-in
//           and for the browser tests without Excel. Never part of the add-in's build: `npm run build:workbench`
//           (env `workbench`) builds it alone to dist/workbench/; `npm run dev-server` serves it as /workbench.html.
// `npm run dev-server` serves them on https://localhost:3000 with office-addin-dev-certs' certificate (or on http with
// env `http`, which `npm start` uses when no certificate can be had); building (`npm run build:addin`, tests) never
// asks for certificates.
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
const DEV_PORT = 3000;
/** A placeholder that cannot be mistaken for a real deployment; the README says to set ADDIN_PUBLIC_URL. */
const DEFAULT_PUBLIC_URL = "https://addin.example.com/";
const OUTPUT = path.resolve(__dirname, "dist", "web");
const WORKBENCH_OUTPUT = path.resolve(__dirname, "dist", "workbench");

/** The production base URL (with a trailing slash) from ADDIN_PUBLIC_URL, checked: https, no localhost. */
function publicUrl(value = process.env.ADDIN_PUBLIC_URL) {
  const text = (value || "").trim() || DEFAULT_PUBLIC_URL;
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`ADDIN_PUBLIC_URL must be an absolute https:// URL, not "${text}".`);
  }
  if (url.protocol !== "https:") throw new Error(`ADDIN_PUBLIC_URL must use https:// (Office loads add-ins over HTTPS only), not "${text}".`);
  if (/^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i.test(url.hostname)) throw new Error(`ADDIN_PUBLIC_URL must be the production server, not "${text}".`);
  if (url.search || url.hash) throw new Error(`ADDIN_PUBLIC_URL must be a base URL without ? or #, not "${text}".`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/**
 * The manifest for production: every development URL points at `base` instead, the AppDomain at its origin, and the
 * development comments go. Throws if anything still names localhost, so a bad manifest never ships.
 */
function productionManifest(xml, base = publicUrl()) {
  const root = publicUrl(base);
  const origin = new URL(root).origin;
  const out = String(xml)
    .replace(/<!--[\s\S]*?-->\s*/g, "")
    .split(DEV_URL)
    .join(root)
    .replace(/https:\/\/localhost:3000(?![\w/.-])/g, origin);
  if (/localhost|127\.0\.0\.1/i.test(out)) throw new Error("The production manifest still names localhost; every URL must start with https://localhost:3000/.");
  return out;
}

/** Files of the engine configuration in dist/web; each configuration cleans only its own. */
const isEngineFile = (file) => /^engine\.js(\.map|\.LICENSE\.txt)?$/.test(file);

function engineConfig(dev) {
  return {
    name: "engine",
    devtool: dev ? "source-map" : false,
    target: "web",
    entry: { engine: "./src/engine.ts" },
    output: {
      path: OUTPUT,
      filename: "[name].js",
      library: { name: "DataExchange", type: "umd" },
      globalObject: "globalThis",
      clean: { keep: (file) => !isEngineFile(file) },
    },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true, configFile: "tsconfig.build.json" } } }],
    },
    performance: { hints: false },
    // No live-reload client in the engine (a Web Worker has no page to reload): under `webpack serve` it is written
    // to dist/web and the add-in's dev server serves it from there.
    devServer: false,
  };
}

/** TypeScript and TSX for the React pages (the add-in and the workbench). */
function reactTypeScriptRule() {
  return {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    use: {
      loader: "ts-loader",
      // Types are checked by `tsc --noEmit`; ES modules let webpack drop the unused parts of Fluent UI.
      options: { transpileOnly: true, configFile: "tsconfig.build.json", compilerOptions: { module: "esnext", jsx: "react-jsx" } },
    },
  };
}

function addinConfig(dev) {
  return {
    name: "addin",
    devtool: dev ? "source-map" : false,
    target: "web",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: OUTPUT,
      // Office caches add-in files hard; hashed names make a deployment take effect at once.
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      clean: { keep: isEngineFile },
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: { rules: [reactTypeScriptRule()] },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/help.html", to: "help.html" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: dev ? undefined : { transformer: (content) => productionManifest(content.toString("utf8")), cache: false },
          },
        ],
      }),
    ],
    performance: { hints: false },
  };
}

function workbenchConfig(dev) {
  return {
    name: "workbench",
    devtool: dev ? "source-map" : false,
    target: "web",
    entry: { workbench: "./src/workbench/index.tsx" },
    output: { path: WORKBENCH_OUTPUT, filename: "[name].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: { rules: [reactTypeScriptRule()] },
    plugins: [
      new HtmlWebpackPlugin({ filename: "workbench.html", template: "./src/workbench/workbench.html", chunks: ["workbench"] }),
      // The "Load sample" button fetches the sample with mistakes from beside the page.
      new CopyWebpackPlugin({ patterns: [{ from: "assets/samples/starter-with-mistakes.*", to: "samples/[name][ext]" }] }),
    ],
    performance: { hints: false },
    // Never deployed, so not worth minifying: unminified, the build for the browser tests takes a third of the time.
    optimization: { minimize: false },
    // No devServer options of its own: the add-in's dev server (one server, one port) serves its output from memory.
    // (`devServer: false` would hide it from that server too.)
  };
}

async function httpsOptions() {
  // Loaded only for `webpack serve`: it may try to install and trust a certificate, which a build must never do.
  const devCerts = require("office-addin-dev-certs");
  const { ca, key, cert } = await devCerts.getHttpsServerOptions();
  return { ca, key, cert };
}

module.exports = (env = {}, options = {}) => {
  const dev = options.mode === "development";
  if (env.workbench && !env.WEBPACK_SERVE) return [workbenchConfig(dev)];
  const configs = [engineConfig(dev), addinConfig(dev)];
  if (!env.WEBPACK_SERVE) return configs;
  configs.push(workbenchConfig(dev));
  const serve = (server) => {
    configs[1].devServer = {
      port: DEV_PORT,
      hot: true,
      headers: { "Access-Control-Allow-Origin": "*" },
      server,
      static: { directory: OUTPUT, watch: false },
    };
    return configs;
  };
  // Plain http serves the workbench when no certificate can be had; Office itself only loads add-ins over https.
  if (env.http) return serve({ type: "http" });
  return httpsOptions().then((https) => serve({ type: "https", options: https }));
};

module.exports.publicUrl = publicUrl;
module.exports.productionManifest = productionManifest;
module.exports.DEV_URL = DEV_URL;
module.exports.DEFAULT_PUBLIC_URL = DEFAULT_PUBLIC_URL;
