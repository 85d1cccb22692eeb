import { createHash } from 'node:crypto';
import { fail, ok, type Result } from '../engine/types.ts';
import { ALL_TEAMS, TEAM_NAME, TEAM_PREFIX, TEAM_RULE } from './contract.ts';
import type { GlossaryStore, GlossaryVersion, StoredGlossary } from './ports.ts';

/** Which glossaries an asset is audited with: its team, and the team's glossaries layered over everyone's. */

/**
 * The asset's team: its metadata's, else the key prefix `teams/<team>/`'s, else none. A name that is no team name
 * is an error value (the audit is recorded as failed with it), not a team silently ignored.
 */
export function teamOf(key: string, declared: string | undefined): Result<string | undefined> {
  if (declared !== undefined && declared.trim() !== '') {
    return TEAM_NAME.test(declared) ? ok(declared) : fail('invalid-team', `the object's metadata names the team "${declared}", which is no team name (${TEAM_RULE}); set x-amz-meta-clarity-team again`);
  }
  const prefixed = prefixTeam(key);
  if (prefixed === undefined) return ok(undefined);
  return TEAM_NAME.test(prefixed) ? ok(prefixed) : fail('invalid-team', `the key prefix ${TEAM_PREFIX}${prefixed}/ names the team "${prefixed}", which is no team name (${TEAM_RULE}); move the object, or name its team in x-amz-meta-clarity-team`);
}

function prefixTeam(key: string): string | undefined {
  if (!key.startsWith(TEAM_PREFIX)) return undefined;
  const end = key.indexOf('/', TEAM_PREFIX.length);
  return end < 0 ? undefined : key.slice(TEAM_PREFIX.length, end);
}

/** The key without its `teams/<team>/` prefix: where the channel prefixes (`help-center/…`) are read. */
export function withoutTeamPrefix(key: string): string {
  const team = prefixTeam(key);
  return team === undefined ? key : key.slice(TEAM_PREFIX.length + team.length + 1);
}

/** The glossaries for an asset of `team` (none: everyone's only), in the order they layer: everyone's, then the team's. */
export async function glossariesFor(store: GlossaryStore, team: string | undefined, options: { fresh?: boolean } = {}): Promise<Result<StoredGlossary[]>> {
  const layers: StoredGlossary[] = [];
  for (const t of team === undefined ? [ALL_TEAMS] : [ALL_TEAMS, team]) {
    const listed = await store.list(t, options);
    if (!listed.ok) return listed;
    layers.push(...listed.value);
  }
  return ok(layers);
}

export const glossaryVersion = ({ team, name, hash }: GlossaryVersion): GlossaryVersion => ({ team, name, hash });

/** One hash for the glossary versions an audit used, in order; undefined when it used none. */
export function glossariesHash(versions: readonly GlossaryVersion[]): string | undefined {
  if (versions.length === 0) return undefined;
  return createHash('sha256').update(JSON.stringify(versions.map(glossaryVersion))).digest('hex').slice(0, 16);
}

/**
 * A glossary store that keeps each team's listing for `ttlMs` (per sandbox, as the Powertools parameters utility
 * caches), so a batch of audits reads the table once a minute rather than once per asset. A listing that failed to
 * arrive (a network error) is not kept; a push through this store forgets the team's; a fresh read replaces it.
 */
export class CachedGlossaryStore implements GlossaryStore {
  private readonly kept = new Map<string, { at: number; listing: Promise<Result<StoredGlossary[]>> }>();

  constructor(
    private readonly store: GlossaryStore,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  list(team?: string, options: { fresh?: boolean } = {}): Promise<Result<StoredGlossary[]>> {
    const key = team ?? '';
    const hit = this.kept.get(key);
    if (hit && !options.fresh && this.now() - hit.at < this.ttlMs) return hit.listing;
    const listing = this.store.list(team);
    this.kept.set(key, { at: this.now(), listing });
    listing.catch(() => this.kept.delete(key));
    return listing;
  }

  async put(team: string, glossary: Parameters<GlossaryStore['put']>[1]): Promise<'written' | 'unchanged'> {
    this.forget(team);
    return this.store.put(team, glossary);
  }

  async remove(team: string, name: string): Promise<'removed' | 'absent'> {
    this.forget(team);
    return this.store.remove(team, name);
  }

  private forget(team: string): void {
    this.kept.delete(team);
    this.kept.delete('');
  }
}
