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
  // The AWS SDK v3 comes from the Node.js 22 runtime, not the bundle: that keeps the audit Lambda under 2 MB with the
  // grammar tagger in it (the SDK was ~0.45 MB of it). The runtime's SDK is newer than or equal to the pinned one.
  bundleAwsSdk: false,
};

/** What the bundle leaves to the runtime: the AWS SDK v3, unless it is bundled. */
export const LAMBDA_EXTERNALS: readonly string[] = LAMBDA_BUNDLING.bundleAwsSdk ? [] : ['@aws-sdk/*'];
