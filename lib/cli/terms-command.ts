import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type LoadedConfig } from '../config/load.ts';
import { domainPacks, acronyms } from '../engine/lexicon/index.ts';
import { readAsset, DEFAULT_MAX_BYTES } from '../engine/parse/asset.ts';
import type { Unit } from '../engine/types.ts';
import { checkPersonas, isYamlPath, parseGlossaryText, readGlossaryFile } from '../glossary/load.ts';
import { mergeGlossaries } from '../glossary/merge.ts';
import { appendTerm } from '../glossary/edit.ts';
import { discover } from '../glossary/discover.ts';
import { renderDiscoveryMarkdown, renderDiscoveryText, renderDraftYaml, TODO_PLAIN } from '../glossary/draft.ts';
import type { Glossary, GlossaryTerm } from '../glossary/types.ts';
import { collectInputs } from './collect.ts';
import { EXIT } from './errors.ts';
import type { Io } from './io.ts';
import { writeFileAtomic } from './output.ts';
import { dynamoClient, UsageError } from './pipeline-commands.ts';
import { DynamoGlossaryStore } from '../adapters/aws/dynamo-glossaries.ts';
import { ALL_TEAMS, TEAM_NAME, TEAM_RULE } from '../pipeline/contract.ts';
import { LOCAL_RESOURCES } from '../local/provision.ts';
import { CONFIG_FILE } from '../config/load.ts';

export const TERMS_USAGE = `Usage:
  clarity terms list [--format text|json] [--config file]
      the built-in packs (summarised) and the team glossaries' terms, merged in layering order
  clarity terms check [glossary files...] [--config file]
      validate the config's glossaries and any glossary files named; exit 1 when one is invalid
  clarity terms add <term> --status preferred|admitted|deprecated|jargon [--use t] [--plain text]
      [--variant v]... [--known persona]... [--case-sensitive] [--note text] [--to file|name] [--config file]
      append a term to a glossary file (--to: a path, or a glossary's name in the config;
      default: the config's only glossary file); a missing file is created
  clarity terms push [glossary files... | config] [--team team] [--table t] [--endpoint url] [--config file]
      validate glossaries (the named files, else the config's) and write them to the pipeline's
      glossaries table, for the assets of --team (default: every team's); unchanged ones stay as they are
  clarity terms discover <files|dirs|globs...> [--top 30] [--min-count 3] [--persona id]
      [--format text|json|yaml|markdown] [--config file]
      candidate jargon in your content, best first; yaml is a draft glossary to edit`;

/** `clarity terms …`: list, check and add glossary terms, and discover candidate jargon. */
export async function runTerms(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout(`${TERMS_USAGE}\n`);
    return sub === undefined ? EXIT.usage : EXIT.ok;
  }
  switch (sub) {
    case 'list':
      return list(rest, io);
    case 'check':
      return check(rest, io);
    case 'add':
      return add(rest, io);
    case 'discover':
      return await discoverCommand(rest, io);
    case 'push':
      return await push(rest, io);
    default:
      throw new UsageError(`unknown terms command "${sub}" (use list, check, add, push or discover)`);
  }
}

function config(io: Io, path: string | undefined): LoadedConfig {
  const loaded = loadConfig(io.cwd, path);
  if (!loaded.ok) throw new UsageError(loaded.error.message);
  return loaded.value;
}

const shown = (io: Io, file: string | undefined): string => (file ? relative(io.cwd, file) || file : 'the config');

function list(args: string[], io: Io): number {
  const { values } = parseArgs({ args, options: { format: { type: 'string' }, config: { type: 'string' } } });
  const loaded = config(io, values.config);
  const packs = domainPacks.map((p) => ({ id: p.id, label: p.label, terms: p.terms.length }));
  const files = new Map(loaded.glossaries.map((g) => [g.glossary, g.file]));
  const team = mergeGlossaries(loaded.glossaries.map((g) => g.glossary)).map((t) => ({ glossary: t.glossary, spellings: t.spellings, ...t.entry }));
  if (values.format === 'json') {
    io.stdout(`${JSON.stringify({ packs, acronyms: acronyms.length, glossaries: loaded.glossaries.map((g) => ({ name: g.glossary.name, ...(g.file ? { file: shown(io, g.file) } : {}), terms: g.glossary.terms.length })), terms: team }, null, 2)}\n`);
    return EXIT.ok;
  }
  if (values.format !== undefined && values.format !== 'text') throw new UsageError(`clarity terms list prints text or json (got "${values.format}")`);
  const out = ['Built-in packs (jargon, with plain explanations):', ...packs.map((p) => `  ${p.id.padEnd(20)} ${String(p.terms).padStart(4)} terms  ${p.label}`), `  ${'acronyms'.padEnd(20)} ${String(acronyms.length).padStart(4)} with expansions`, ''];
  if (loaded.glossaries.length === 0) out.push('No team glossaries: add them to clarity.config.json ("glossaries": ["terms.yaml"]) or start one with clarity terms add.');
  else {
    out.push(`Team glossaries, later over earlier: ${loaded.glossaries.map((g) => `${g.glossary.name} (${shown(io, files.get(g.glossary))}, ${g.glossary.terms.length} terms)`).join(', ')}`);
    for (const t of team) {
      const detail = t.status === 'deprecated' ? `use “${t.use}”` : t.status === 'jargon' ? `${t.plain}${t.known?.length ? `; known to ${t.known.join(', ')}` : ''}` : '';
      out.push(`  ${t.spellings.join(' / ')}  [${t.status}${t.caseSensitive ? ', case-sensitive' : ''}, ${t.glossary}]${detail ? `  ${detail}` : ''}`);
    }
  }
  io.stdout(`${out.join('\n')}\n`);
  return EXIT.ok;
}

/** Warnings for a valid glossary: explanations still to write, and terms the packs also list (the glossary wins). */
function warnings(g: Glossary): string[] {
  const packTerms = new Map(domainPacks.flatMap((p) => p.terms.map((t) => [t.term, p.id] as const)));
  return g.terms.flatMap((t, i) => [
    ...(t.plain === TODO_PLAIN ? [`terms.${i} “${t.term}”: its plain explanation is still to write`] : []),
    ...(packTerms.has(t.term.toLowerCase()) ? [`terms.${i} “${t.term}”: the ${packTerms.get(t.term.toLowerCase())} pack lists it too; this glossary's entry is used`] : []),
  ]);
}

function check(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { config: { type: 'string' } } });
  const loaded = loadConfig(io.cwd, values.config);
  if (!loaded.ok) {
    io.stderr(`clarity terms check: ${loaded.error.message}\n`);
    return EXIT.belowThreshold;
  }
  const personaIds = loaded.value.personas.map((p) => p.id);
  const results = [
    ...loaded.value.glossaries.map((g) => ({ where: shown(io, g.file), glossary: { ok: true as const, value: g.glossary } })),
    ...positionals.map((p) => ({ where: p, glossary: ((r) => (r.ok ? checkPersonas(r.value, p, personaIds) : r))(readGlossaryFile(resolve(io.cwd, p), p)) })),
  ];
  if (results.length === 0) throw new UsageError('no glossaries to check: the config lists none, and no glossary file was named');
  let failed = 0;
  for (const { where, glossary } of results) {
    if (!glossary.ok) {
      failed++;
      io.stderr(`FAIL ${glossary.error.message}\n`);
      continue;
    }
    const counts = ['preferred', 'admitted', 'deprecated', 'jargon'].map((s) => `${glossary.value.terms.filter((t) => t.status === s).length} ${s}`).join(', ');
    io.stdout(`ok   ${glossary.value.name} (${where}): ${glossary.value.terms.length} terms (${counts})\n`);
    for (const w of warnings(glossary.value)) io.stdout(`     warning: ${w}\n`);
  }
  return failed > 0 ? EXIT.belowThreshold : EXIT.ok;
}

/** DynamoDB keeps items of up to 400 KB; this leaves room for the item's other attributes. */
const MAX_GLOSSARY_BYTES = 390_000;

/**
 * `clarity terms push`: the glossaries validated as `clarity terms check` validates them, and only when every one is
 * valid, written to the glossaries table under the team. A file named like the config is read as a config (its
 * glossaries are pushed); without files, the config's glossaries are.
 */
async function push(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { team: { type: 'string' }, table: { type: 'string' }, endpoint: { type: 'string' }, config: { type: 'string' } } });
  const team = values.team ?? ALL_TEAMS;
  if (values.team !== undefined && !TEAM_NAME.test(values.team)) throw new UsageError(`--team "${values.team}" is no team name: ${TEAM_RULE} (leave --team out for the glossaries every team uses)`);
  const configs = positionals.filter((p) => basename(p) === CONFIG_FILE);
  if (configs.length > 1 || (configs.length === 1 && values.config !== undefined)) throw new UsageError('name one config to push the glossaries of');
  const loaded = loadConfig(io.cwd, configs[0] ?? values.config);
  if (!loaded.ok) {
    io.stderr(`clarity terms push: ${loaded.error.message}\nNothing was pushed.\n`);
    return EXIT.belowThreshold;
  }
  const files = positionals.filter((p) => basename(p) !== CONFIG_FILE);
  const personaIds = loaded.value.personas.map((p) => p.id);
  const read = files.length
    ? files.map((f) => ({ where: f, glossary: ((r) => (r.ok ? checkPersonas(r.value, f, personaIds) : r))(readGlossaryFile(resolve(io.cwd, f), f)) }))
    : loaded.value.glossaries.map((g) => ({ where: shown(io, g.file), glossary: { ok: true as const, value: g.glossary } }));
  if (read.length === 0) throw new UsageError('no glossaries to push: name glossary files, or list them in the config ("glossaries")');
  const problems = read.flatMap(({ where, glossary }) => {
    if (!glossary.ok) return [glossary.error.message];
    const bytes = Buffer.byteLength(JSON.stringify(glossary.value));
    return bytes > MAX_GLOSSARY_BYTES ? [`${where}: ${Math.ceil(bytes / 1000)} KB is more than a glossaries table item holds (${MAX_GLOSSARY_BYTES / 1000} KB); split it into several glossaries`] : [];
  });
  const names = read.flatMap(({ glossary }) => (glossary.ok ? [glossary.value.name] : []));
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length) problems.push(`two glossaries are named "${twice[0]}": each name is one item of the team's, so the second would replace the first; give them different names`);
  if (problems.length) {
    for (const p of problems) io.stderr(`FAIL ${p}\n`);
    io.stderr('clarity terms push: nothing was pushed.\n');
    return EXIT.belowThreshold;
  }
  const table = values.table ?? LOCAL_RESOURCES.glossariesTable;
  const db = dynamoClient(values.endpoint);
  try {
    const store = new DynamoGlossaryStore(db, table);
    for (const { where, glossary } of read) {
      if (!glossary.ok) continue;
      const outcome = await store.put(team, glossary.value);
      io.stdout(`${outcome === 'written' ? 'pushed   ' : 'unchanged'} ${glossary.value.name} (${where}, ${glossary.value.terms.length} terms) to ${table}, team ${team === ALL_TEAMS ? `${ALL_TEAMS} (every team)` : team}\n`);
    }
  } finally {
    db.destroy();
  }
  return EXIT.ok;
}

function add(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      status: { type: 'string' },
      use: { type: 'string' },
      plain: { type: 'string' },
      variant: { type: 'string', multiple: true },
      known: { type: 'string', multiple: true },
      'case-sensitive': { type: 'boolean' },
      note: { type: 'string' },
      to: { type: 'string' },
      config: { type: 'string' },
    },
  });
  const [text, ...extra] = positionals;
  if (text === undefined || extra.length > 0) throw new UsageError('clarity terms add takes one term (quote a phrase: clarity terms add "claim number" …)');
  const loaded = config(io, values.config);
  const file = targetFile(io, loaded, values.to);
  const term = {
    term: text,
    status: values.status,
    ...(values.variant ? { variants: values.variant } : {}),
    ...(values['case-sensitive'] ? { caseSensitive: true } : {}),
    ...(values.use !== undefined ? { use: values.use } : {}),
    ...(values.plain !== undefined ? { plain: values.plain } : {}),
    ...(values.known ? { known: values.known } : {}),
    ...(values.note !== undefined ? { note: values.note } : {}),
  } as GlossaryTerm;
  const where = shown(io, file);
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const edited = appendTerm(existing, isYamlPath(file), term);
  if (!edited.ok) throw new UsageError(`cannot add to ${where}: ${edited.error.message}`);
  // The file must still be a valid glossary, as the config would load it.
  const parsed = parseGlossaryText(edited.value, isYamlPath(file), where, basename(file, extname(file)));
  const checked = parsed.ok ? checkPersonas(parsed.value, where, loaded.personas.map((p) => p.id)) : parsed;
  if (!checked.ok) throw new UsageError(`“${text}” was not added: ${checked.error.message}`);
  writeFileAtomic(file, [edited.value], undefined, existing !== undefined ? statSync(file).mode : undefined);
  io.stdout(`Added “${text}” (${term.status}) to ${where}${loaded.glossaries.some((g) => g.file === file) ? '' : `; list it in clarity.config.json's "glossaries" to use it`}.\n`);
  return EXIT.ok;
}

/** `--to` as a path, else as the name of one of the config's glossary files; without it, the config's only file. */
function targetFile(io: Io, loaded: LoadedConfig, to: string | undefined): string {
  const files = loaded.glossaries.filter((g) => g.file !== undefined);
  if (to === undefined) {
    if (files.length === 1) return files[0]?.file as string;
    throw new UsageError(`say which glossary file to add to with --to (the config lists ${files.length === 0 ? 'none' : files.map((g) => shown(io, g.file)).join(', ')})`);
  }
  const byName = files.find((g) => g.glossary.name === to);
  return byName?.file ?? resolve(io.cwd, to);
}

async function discoverCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { top: { type: 'string' }, 'min-count': { type: 'string' }, persona: { type: 'string' }, format: { type: 'string' }, config: { type: 'string' } },
  });
  if (positionals.length === 0) throw new UsageError('clarity terms discover needs at least one file, directory or glob');
  const loaded = config(io, values.config);
  const format = values.format ?? 'text';
  if (!['text', 'json', 'yaml', 'markdown'].includes(format)) throw new UsageError(`clarity terms discover prints text, json, yaml or markdown (got "${format}")`);
  const top = whole(values.top, '--top', 30);
  const minCount = whole(values['min-count'], '--min-count', 3);
  const personaId = values.persona ?? 'first-time-consumer';
  const persona = loaded.personas.find((p) => p.id === personaId);
  if (!persona) throw new UsageError(`unknown persona "${personaId}" (known: ${loaded.personas.map((p) => p.id).join(', ')})`);
  const collected = await collectInputs(positionals, io.cwd, loaded.config.ignore);
  if (!collected.ok) throw new UsageError(collected.error.message);
  const started = Date.now();
  const units: Unit[] = [];
  let skipped = 0;
  for (const path of collected.value.files) {
    const read = await readAsset({ path: relative(io.cwd, path) || path, bytes: await readFile(path) }, { maxBytes: loaded.config.maxBytes ?? DEFAULT_MAX_BYTES });
    units.push(...read.units);
    skipped += read.skipped.length;
  }
  // The team's own terms are known already: they are left out like the packs' terms.
  const exclude = new Set(mergeGlossaries(loaded.glossaries.map((g) => g.glossary)).flatMap((t) => t.spellings.map((s) => s.toLowerCase())));
  const found = discover(units, { persona, top, minCount, exclude });
  const render = { text: () => renderDiscoveryText(found, persona.id), json: () => `${JSON.stringify(found, null, 2)}\n`, yaml: () => renderDraftYaml(found), markdown: () => renderDiscoveryMarkdown(found, persona.id) }[format as 'text'];
  io.stdout(render());
  io.stderr(`clarity terms discover: ${collected.value.files.length} file(s) read${skipped ? `, ${skipped} skipped` : ''}, ${found.candidates.length} candidate(s), ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
  return EXIT.ok;
}

function whole(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} must be a whole number, 1 or more (got ${JSON.stringify(value)})`);
  return Number(value);
}
