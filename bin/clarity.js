#!/usr/bin/env node
// The `clarity` command: runs the TypeScript CLI through tsx's loader, which is
// resolved from this package, so it works from any directory.
import { register } from 'tsx/esm/api';

register();
await import('./clarity.ts');
