import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname, relative, resolve } from 'node:path';
import { loadConfig, type LoadedConfig } from '../../config/load.ts';
import { maxBytesOf } from '../../config/engine-options.ts';
import { domainPacks, acronyms } from '../../engine/lexicon/index.ts';
import { readAsset } from '../../engine/parse/asset.ts';
import type { Unit } from '../../engine/types.ts';
import { checkPersonas, isYamlPath, parseGlossaryText, readGlossaryFile } from '../../glossary/load.ts';
import { mergeGlossaries } from '../../glossary/merge.ts';
import { appendTerm } from '../../glossary/edit.ts';
import { discover } from '../../glossary/discover.ts';
import { renderDiscoveryMarkdown, renderDiscoveryText, renderDraftYaml, TODO_PLAIN } from '../../glossary/draft.ts';
import type { Glossary, GlossaryTerm } from '../../glossary/types.ts';
import { collectInputs } from '../collect.ts';
import { EXIT, UsageError } from '../errors.ts';
import type { Io } from '../io.ts';
import { writeFileAtomic } from '../output.ts';
import { dynamoClient } from '../aws-clients.ts';
import type { Values } from '../options.ts';
import { loadedConfig, type Command, type Input } from './command.ts';
import { DynamoGlossaryStore } from '../../adapters/aws/dynamo-glossaries.ts';
import { ALL_TEAMS, TEAM_NAME, TEAM_RULE } from '../../pipeline/contract.ts';
import { LOCAL_RESOURCES } from '../../local/provision.ts';
import { CONFIG_FILE } from '../../config/load.ts';

/** `clarity terms` alone, or with a subcommand it does not know: the terms usage, or the error naming the subcommands. */
const terms: Command = {
  name: 'terms',
  options: [],
  page: 'terms',
  usage: { call: ['clarity terms list|check|add|push|remove|discover …'], about: ['team glossaries (push: to the pipeline), and jargon found in', 'your content (clarity terms --help)'] },
  run({ operands: [sub] }, io) {
    if (sub === undefined) {
      io.stdout(`${termsUsage()}\n`);
      return EXIT.usage;
    }
    throw new UsageError(`unknown terms command "${sub}" (use list, check, add, push, remove or discover)`);
  },
};

/** `clarity terms …`: list, check, add and push glossary terms, and discover candidate jargon. */
export const TERMS: readonly Command[] = [
  {
    name: 'terms list',
    options: ['format', 'config'],
    takesOperands: false,
    page: 'terms',
    usage: { call: ['clarity terms list [--format text|json] [--config file]'], about: ["the built-in packs (summarised) and the team glossaries' terms, merged in layering order"] },
    run: list,
  },
  {
    name: 'terms check',
    options: ['config'],
    page: 'terms',
    usage: { call: ['clarity terms check [glossary files...] [--config file]'], about: ["validate the config's glossaries and any glossary files named; exit 1 when one is invalid"] },
    run: check,
  },
  {
    name: 'terms add',
    options: ['status', 'use', 'plain', 'variant', 'known', 'case-sensitive', 'note', 'to', 'config'],
    page: 'terms',
    usage: {
      call: ['clarity terms add <term> --status preferred|admitted|deprecated|jargon [--use t] [--plain text]', '[--variant v]... [--known persona]... [--case-sensitive] [--note text] [--to file|name] [--config file]'],
      about: ["append a term to a glossary file (--to: a path, or a glossary's name in the config;", "default: the config's only glossary file); a missing file is created"],
    },
    run: add,
  },
  {
    name: 'terms push',
    options: ['team', 'table', 'endpoint', 'config'],
    page: 'terms',
    usage: {
      call: ['clarity terms push [glossary files... | config] [--team team] [--table t] [--endpoint url] [--config file]'],
      about: ["validate glossaries (the named files, else the config's) and write them to the pipeline's", "glossaries table, for the assets of --team (default: every team's); unchanged ones stay as they are"],
    },
    run: push,
  },
  {
    name: 'terms remove',
    options: ['team', 'table', 'endpoint'],
    page: 'terms',
    usage: {
      call: ['clarity terms remove <glossary name>... [--team team] [--table t] [--endpoint url]'],
      about: ["delete glossaries from the pipeline's glossaries table (--team: that team's; default: every", "team's); the assets they applied to are re-audited once, as after a push"],
    },
    run: remove,
  },
  {
    name: 'terms discover',
    options: ['top', 'min-count', 'persona', 'format', 'config'],
    page: 'terms',
    usage: { call: ['clarity terms discover <files|dirs|globs...> [--top 30] [--min-count 3] [--persona id]', '[--format text|json|yaml|markdown] [--config file]'], about: ['candidate jargon in your content, best first; yaml is a draft glossary to edit'] },
    run: discoverCommand,
  },
  terms,
];

/** `clarity terms --help`: each terms command's lines. */
export function termsUsage(): string {
  const lines = TERMS.filter((c) => c !== terms).flatMap(({ usage: { call, about } }) => [`  ${call[0]}`, ...[...call.slice(1), ...about].map((l) => `      ${l}`)]);
  return ['Usage:', ...lines].join('\n');
}

const shown = (io: Io, file: string | undefined): string => (file ? relative(io.cwd, file) || file : 'the config');

function list({ values }: Input, io: Io): number {
  const loaded = loadedConfig(io, values);
  const format = values.string('format');
  const packs = domainPacks.map((p) => ({ id: p.id, label: p.label, terms: p.terms.length }));
  const files = new Map(loaded.glossaries.map((g) => [g.glossary, g.file]));
  const team = mergeGlossaries(loaded.glossaries.map((g) => g.glossary)).map((t) => ({ glossary: t.glossary, spellings: t.spellings, ...t.entry }));
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ packs, acronyms: acronyms.length, glossaries: loaded.glossaries.map((g) => ({ name: g.glossary.name, ...(g.file ? { file: shown(io, g.file) } : {}), terms: g.glossary.terms.length })), terms: team }, null, 2)}\n`);
    return EXIT.ok;
  }
  if (format !== undefined && format !== 'text') throw new UsageError(`clarity terms list prints text or json (got "${format}")`);
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

function check({ values, operands: positionals }: Input, io: Io): number {
  const loaded = loadConfig(io.cwd, values.string('config'));
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
async function push({ values, operands: positionals }: Input, io: Io): Promise<number> {
  const team = teamOption(values.string('team'));
  const configs = positionals.filter((p) => basename(p) === CONFIG_FILE);
  if (configs.length > 1 || (configs.length === 1 && values.string('config') !== undefined)) throw new UsageError('name one config to push the glossaries of');
  const loaded = loadConfig(io.cwd, configs[0] ?? values.string('config'));
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
  await withGlossaryStore(values, async (store, table) => {
    for (const { where, glossary } of read) {
      if (!glossary.ok) continue;
      const outcome = await store.put(team, glossary.value);
      io.stdout(`${outcome === 'written' ? 'pushed   ' : 'unchanged'} ${glossary.value.name} (${where}, ${glossary.value.terms.length} terms) to ${table}, team ${teamShown(team)}\n`);
    }
  });
  return EXIT.ok;
}

/** `clarity terms remove`: deletes the named glossaries of a team (default: every team's) from the glossaries table. */
async function remove({ values, operands: names }: Input, io: Io): Promise<number> {
  const team = teamOption(values.string('team'));
  if (names.length === 0) throw new UsageError('clarity terms remove needs the name of a glossary to remove (clarity terms list shows a glossary file\'s name)');
  let absent = 0;
  await withGlossaryStore(values, async (store, table) => {
    for (const name of names) {
      const outcome = await store.remove(team, name);
      if (outcome === 'absent') absent++;
      io.stdout(`${outcome === 'removed' ? 'removed' : 'absent '} ${name} from ${table}, team ${teamShown(team)}\n`);
    }
  });
  // Asked to remove what is not there: the name or the team may be mistyped.
  return absent > 0 ? EXIT.belowThreshold : EXIT.ok;
}

/** The glossaries table `--table` names (default: clarity dev's) at `--endpoint`, for the length of `use`. */
async function withGlossaryStore(values: Values, use: (store: DynamoGlossaryStore, table: string) => Promise<void>): Promise<void> {
  const table = values.string('table') ?? LOCAL_RESOURCES.glossariesTable;
  const db = dynamoClient(values.string('endpoint'));
  try {
    await use(new DynamoGlossaryStore(db, table), table);
  } finally {
    db.destroy();
  }
}

/** --team as a table key: a team name, or (left out) the glossaries every team uses. */
function teamOption(named: string | undefined): string {
  if (named !== undefined && !TEAM_NAME.test(named)) throw new UsageError(`--team "${named}" is no team name: ${TEAM_RULE} (leave --team out for the glossaries every team uses)`);
  return named ?? ALL_TEAMS;
}

const teamShown = (team: string): string => (team === ALL_TEAMS ? `${ALL_TEAMS} (every team)` : team);

function add({ values, operands: positionals }: Input, io: Io): number {
  const [text, ...extra] = positionals;
  if (text === undefined || extra.length > 0) throw new UsageError('clarity terms add takes one term (quote a phrase: clarity terms add "claim number" …)');
  const loaded = loadedConfig(io, values);
  const file = targetFile(io, loaded, values.string('to'));
  const term = termOf(text, values);
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

/** The term as `clarity terms add`'s options give it; the glossary's schema checks it. */
function termOf(text: string, values: Values): GlossaryTerm {
  const [variants, known] = [values.strings('variant'), values.strings('known')];
  const [use, plain, note] = [values.string('use'), values.string('plain'), values.string('note')];
  return {
    term: text,
    status: values.string('status'),
    ...(variants ? { variants } : {}),
    ...(values.flag('case-sensitive') ? { caseSensitive: true } : {}),
    ...(use !== undefined ? { use } : {}),
    ...(plain !== undefined ? { plain } : {}),
    ...(known ? { known } : {}),
    ...(note !== undefined ? { note } : {}),
  } as GlossaryTerm;
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

async function discoverCommand({ values, operands: positionals }: Input, io: Io): Promise<number> {
  if (positionals.length === 0) throw new UsageError('clarity terms discover needs at least one file, directory or glob');
  const loaded = loadedConfig(io, values);
  const format = values.string('format') ?? 'text';
  if (!['text', 'json', 'yaml', 'markdown'].includes(format)) throw new UsageError(`clarity terms discover prints text, json, yaml or markdown (got "${format}")`);
  const top = values.number('top') ?? 30;
  const minCount = values.number('min-count') ?? 3;
  const personaId = values.string('persona') ?? 'first-time-consumer';
  const persona = loaded.personas.find((p) => p.id === personaId);
  if (!persona) throw new UsageError(`unknown persona "${personaId}" (known: ${loaded.personas.map((p) => p.id).join(', ')})`);
  const collected = await collectInputs(positionals, io.cwd, loaded.config.ignore);
  if (!collected.ok) throw new UsageError(collected.error.message);
  const started = Date.now();
  const units: Unit[] = [];
  let skipped = 0;
  for (const path of collected.value.files) {
    const read = await readAsset({ path: relative(io.cwd, path) || path, bytes: await readFile(path) }, { maxBytes: maxBytesOf(loaded) });
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
