// Worker-thread entry: registers tsx's loader in this thread, then runs the TypeScript worker.
// (A worker does not inherit the loader the main thread was started with.)
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
