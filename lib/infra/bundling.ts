/**
 * How code is bundled with esbuild, in one place: the Lambda handlers (the
 * CDK construct passes these to NodejsFunction, and the benchmark builds the
 * same bundle to measure it) and the CLI (bin/build.ts).
 */

/** Bundled CommonJS dependencies (mammoth, csv-parse) still call require(); ESM output has none unless we make one. */
export const REQUIRE_BANNER = "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);";

/** jsonc-parser's "main" is a UMD build with dynamic requires; its ESM build ("module") bundles cleanly. */
export const MAIN_FIELDS = ['module', 'main'];

export const LAMBDA_BUNDLING = {
  target: 'node22',
  minify: true,
  sourcemap: true,
  mainFields: MAIN_FIELDS,
  banner: REQUIRE_BANNER,
  // The AWS SDK is bundled, not taken from the runtime: the handlers run with the version they were tested with.
  bundleAwsSdk: true,
};
