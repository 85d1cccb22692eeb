import { setFlagsFromString } from 'node:v8';

/**
 * Cheaper optimising compiles for batch runs. A batch of a few MiB spends about as much CPU in V8's
 * optimising compiler as in the audit: micromark's tokens change shape as they go, so its hot functions
 * are deoptimised and recompiled again and again, each time with everything they call inlined. Capping
 * cumulative inlining (V8's default is 920 bytes of bytecode) makes each recompile cheap and leaves the
 * settled speed as it was (real corpus, one core: 1.06 → 1.25 MiB/s cold, 1.31 → 1.33 after five passes).
 * Worker threads share the process's flags; set before the hot code is first optimised.
 */
export function tuneCompilerForBatches(): void {
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=100');
}
