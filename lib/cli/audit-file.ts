import { readFile, stat } from 'node:fs/promises';
import type { AssetAudit, Engine } from '../engine/audit.ts';
import type { Persona } from '../engine/types.ts';
import type { CustomTerms } from '../engine/rules/wording.ts';
import { tooLarge } from '../engine/parse/asset.ts';

/** What a worker needs to build its own engine: plain data only. */
export interface WorkerSetup {
  personas: Persona[];
  terms?: CustomTerms;
  maxBytes: number;
  /** Keep each unit's text in its report (the HTML report highlights findings in it). */
  includeSource?: boolean;
}

export type FileAudit = AssetAudit;

/** Reads one local file and audits it; a read error becomes a skip with its reason, never a lost batch. */
export async function auditFile(engine: Engine, path: string, maxBytes: number): Promise<FileAudit> {
  try {
    const { size } = await stat(path);
    // Checked before reading, so a 50 MB upload is never loaded just to be refused.
    if (size > maxBytes) return { units: [], skipped: [tooLarge(path, size, maxBytes)] };
    const bytes = await readFile(path);
    return await engine.auditAsset({ path, bytes });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { units: [], skipped: [{ path, code: 'read-error', reason: `could not audit the file: ${message}` }] };
  }
}
