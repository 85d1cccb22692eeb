import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Corpus {
  name: string;
  files: string[];
  bytes: number;
}

/** Where the shared evaluation corpus lives: CLARITY_CORPUS, else ../shared/corpus beside the project. */
export function corpusRoot(): string {
  return resolve(process.env.CLARITY_CORPUS ?? join(process.cwd(), '..', 'shared', 'corpus'));
}

/** The corpora the benchmark knows: real/ (its INVENTORY.tsv lists the documents) and onestop/ (ele, int, adv). */
export function loadCorpora(root: string): Corpus[] {
  const corpora: Corpus[] = [];
  const inventory = join(root, 'real', 'INVENTORY.tsv');
  if (existsSync(inventory)) {
    const rows = readFileSync(inventory, 'utf8').trim().split('\n').slice(1);
    corpora.push(corpus('real', rows.map((r) => join(root, 'real', r.split('\t')[0] ?? ''))));
  }
  const onestop = join(root, 'onestop');
  if (existsSync(onestop)) {
    const files = ['ele', 'int', 'adv'].flatMap((level) => readdirSync(join(onestop, level)).filter((f) => f.endsWith('.txt')).sort().map((f) => join(onestop, level, f)));
    corpora.push(corpus('onestop', files));
  }
  return corpora;
}

function corpus(name: string, files: string[]): Corpus {
  return { name, files, bytes: files.reduce((n, f) => n + statSync(f).size, 0) };
}

export const ONESTOP_LEVELS = ['ele', 'int', 'adv'] as const;
export type OnestopLevel = (typeof ONESTOP_LEVELS)[number];

/** onestop's aligned triples: each article name in ele/ with its file at each level (names missing a level are left out). */
export function onestopTriples(root: string): Array<{ name: string } & Record<OnestopLevel, string>> {
  const dir = join(root, 'onestop');
  if (!existsSync(dir)) return [];
  return readdirSync(join(dir, 'ele'))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: f.replace(/\.txt$/, ''), ele: join(dir, 'ele', f), int: join(dir, 'int', f), adv: join(dir, 'adv', f) }))
    .filter((t) => existsSync(t.int) && existsSync(t.adv));
}
