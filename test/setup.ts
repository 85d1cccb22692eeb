// Runs in every test worker before its test files (vitest.config.ts setupFiles).

// The AWS SDK warns, once per process, that its releases after the first week of January 2027 need Node 22. clarity
// pins its SDK and supports Node 20, so the eight lines say nothing a test run can act on. This is the SDK's own
// switch for exactly that warning (@aws-sdk/core emitWarningIfUnsupportedVersion); every other warning still shows.
// Tests that check the CLI silences it itself spawn it without this variable.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
