import type webpack from "webpack";

/** A configuration with the dev-server options (typed by webpack-dev-server, which the tests do not load). */
export type Configuration = webpack.Configuration & { devServer?: false | Record<string, unknown> };

/** webpack.config.js as the tests see it: the config function and the manifest helpers it exports. */
export interface WebpackConfigModule {
  (env: Record<string, unknown>, options: { mode?: string }): Configuration[] | Promise<Configuration[]>;
  productionManifest(xml: string, base?: string): string;
  publicUrl(value?: string): string;
  DEV_URL: string;
  DEFAULT_PUBLIC_URL: string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const webpackConfig = require("../../webpack.config.js") as WebpackConfigModule;
