import packedWritten from './written-english.generated.ts';
import { unpack } from './words.ts';

let common: Set<string> | undefined;

/**
 * Whether a word is in the common core of written English (SCOWL sizes 10–35, see bin/build-data.ts): everyday on a
 * web page however rarely films say it. Kept apart from words.ts so that only term discovery loads it.
 */
export function isCommonWritten(lower: string): boolean {
  common ??= new Set(unpack(packedWritten).split('\n'));
  return common.has(lower);
}
