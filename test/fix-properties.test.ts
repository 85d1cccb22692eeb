import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTree, type Node } from 'jsonc-parser';
import { parse as parseCsv } from 'csv-parse/sync';
import { defaultEngine } from './engine-helpers.ts';
import { fixAsset } from '../lib/fix/fix-file.ts';
import { readAsset } from '../lib/engine/parse/asset.ts';
import { readJsonMacros } from '../lib/engine/parse/macros-json.ts';
import { readCsvMacros } from '../lib/engine/parse/macros-csv.ts';

// Words with safe suggestions (plain-words swaps and cuts, an acronym) among ordinary ones, punctuation and
// characters that need escaping in JSON, CSV or HTML.
const triggers = ['utilize', 'in order to', 'prior to', 'terminate', 'additional', 'an initial', 'a sufficient', 'as to whether or not', 'please be aware that', 'do not hesitate to', 'SLA', 'Additionally,', 'regarding', 'obtain', 'assistance'];
const plain = ['we', 'the', 'you', 'plan', 'help', 'call', 'us', 'today', 'your', 'card', 'is', 'ready', 'é', '😀', '“quoted”', '"', ',', '.', '!', '\t'];
const sentence = fc.array(fc.constantFrom(...triggers, ...plain), { minLength: 3, maxLength: 14 }).map((w) => `${w.join(' ').trimStart()}.`);
const prose = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((s) => s.join(' '));

const markdownBlock = fc.oneof(
  prose,
  prose.map((p) => `# ${p}`),
  prose.map((p) => `- ${p}\n- ${p}`),
  prose.map((p) => `> ${p}`),
  prose.map((p) => `Read [${p}](https://example.com/utilize?in_order_to=1) and \`utilize()\` or **${p}**.`),
  fc.constant('```\nutilize in order to\n```'),
  fc.constant('<!-- utilize in order to -->'),
  fc.constant('| utilize | in order to |\n|---|---|\n| prior to | SLA |'),
);
// Each file holds some prose, so there is something to fix.
const markdown = fc
  .tuple(fc.boolean(), fc.array(markdownBlock, { maxLength: 4 }), prose, fc.array(markdownBlock, { maxLength: 2 }))
  .map(([front, blocks, p, more]) => `${front ? '---\ntitle: utilize in order to\n---\n' : ''}${[...blocks, p, ...more].join('\n\n')}\n`);

const htmlBlock = fc.oneof(
  prose.map((p) => `<p>${p.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</p>`),
  prose.map((p) => `<p title="utilize in order to" class="prior-to">${p.replaceAll('"', '&quot;')} <a href="/utilize">utilize</a></p>`),
  prose.map((p) => `<li>${p}</li>`),
  fc.constant('<!-- utilize in order to -->'),
  fc.constant('<script>const utilize = "in order to";</script>'),
  fc.constant('<pre><code>prior to utilize</code></pre>'),
);
const html = fc
  .tuple(fc.array(htmlBlock, { maxLength: 4 }), prose, fc.array(htmlBlock, { maxLength: 2 }))
  .map(([blocks, p, more]) => `<!doctype html><html><body>\n${[...blocks, `<p>${p.replaceAll('&', '&amp;')}</p>`, ...more].join('\n')}\n</body></html>\n`);

const body = fc.array(prose, { minLength: 1, maxLength: 3 }).map((p) => p.join('\n'));
const macros = fc.array(fc.record({ title: fc.constantFrom('Refund', 'Utilize "this"', 'Délai', 'prior to'), body, n: fc.nat(9) }), { minLength: 1, maxLength: 4 });
const json = macros.map((m) => `${JSON.stringify(m, null, 2)}\n`);
const field = (v: string, always: boolean): string => (always || /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const csv = fc
  .tuple(macros, fc.boolean(), fc.constantFrom('\n', '\r\n'))
  .map(([rows, quoteAll, eol]) => ['title,body,notes', ...rows.map((r) => [field(r.title, quoteAll), field(r.body, quoteAll), field(`utilize ${r.n}`, quoteAll)].join(','))].join(eol) + eol);

const RUNS = { numRuns: 50 };

async function fix(text: string, path: string): Promise<string> {
  const result = await fixAsset(path, new TextEncoder().encode(text), { engine: defaultEngine });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  expect(result.value.left).toBe(0);
  return result.value.after;
}

/** What a re-read makes of a file: its units (ids, and the kinds of their blocks) and skips. */
async function shape(text: string, path: string): Promise<string[]> {
  const read = await readAsset({ path, bytes: new TextEncoder().encode(text) });
  return [...read.units.map((u) => `${u.id}:${u.blocks.map((b) => b.kind).join(',')}`), ...read.skipped.map((s) => s.code)];
}

/** The safe suggestions a fresh audit still finds. */
async function safeLeft(text: string, path: string): Promise<string[]> {
  const audit = await defaultEngine.auditAsset({ path, bytes: new TextEncoder().encode(text) });
  return audit.units.flatMap((u) => u.findings.filter((f) => f.suggestionSafe).map((f) => `${f.ruleId}: ${f.text}`));
}

/** The runs of the source that no prose character maps to (markup, code, front matter, attributes, comments). */
async function nonProse(text: string, path: string): Promise<string[]> {
  const read = await readAsset({ path, bytes: new TextEncoder().encode(text) });
  const prose = new Uint8Array(text.length);
  for (const u of read.units) for (const b of u.blocks) for (let i = 0; i < b.text.length; i++) prose[b.map[i] ?? 0] = 1;
  return text.split('').reduce<string[]>((runs, c, i) => {
    if (prose[i]) runs.push('');
    else runs[runs.length - 1] += c;
    return runs;
  }, ['']).filter((r) => r !== '');
}

/** Each run appears in the fixed text, in order, none inside another. */
function expectInOrder(runs: string[], fixed: string): void {
  let at = 0;
  for (const run of runs) {
    const found = fixed.indexOf(run, at);
    expect(found, `${JSON.stringify(run)} after offset ${at} of ${JSON.stringify(fixed)}`).toBeGreaterThanOrEqual(0);
    at = found + run.length;
  }
}

/** A JSON file with every string at a `body` key replaced by a placeholder. */
function withoutBodies(text: string): string {
  const spans: Node[] = [];
  const walk = (node: Node | undefined): void => {
    if (!node) return;
    if (node.type === 'property' && node.children?.[0]?.value === 'body' && node.children[1]) spans.push(node.children[1]);
    node.children?.forEach(walk);
  };
  walk(parseTree(text));
  return spans.reduceRight((t, n) => `${t.slice(0, n.offset)}BODY${t.slice(n.offset + n.length)}`, text);
}

async function expectFixed(text: string, path: string): Promise<string> {
  const after = await fix(text, path);
  expect(await shape(after, path)).toEqual(await shape(text, path));
  expect(await safeLeft(after, path)).toEqual([]);
  // Idempotent: fixing the fixed file changes nothing.
  expect(await fix(after, path)).toBe(after);
  return after;
}

describe('clarity fix on generated files', () => {
  it('Markdown: re-parses to the same units, keeps every non-prose byte, and leaves no safe suggestion', async () => {
    await fc.assert(
      fc.asyncProperty(markdown, async (text) => {
        const after = await expectFixed(text, 'doc.md');
        expectInOrder(await nonProse(text, 'doc.md'), after);
      }),
      RUNS,
    );
  }, 30_000);

  it('HTML: the same, attributes, comments and scripts included', async () => {
    await fc.assert(
      fc.asyncProperty(html, async (text) => {
        const after = await expectFixed(text, 'page.html');
        expectInOrder(await nonProse(text, 'page.html'), after);
      }),
      RUNS,
    );
  }, 30_000);

  it('JSON macro export: the same macros and titles, every byte outside the replies unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(json, async (text) => {
        const after = await expectFixed(text, 'macros.json');
        expect(withoutBodies(after)).toBe(withoutBodies(text));
        const [before, now] = [readJsonMacros(text), readJsonMacros(after)];
        expect(now.ok && now.value.map((m) => m.title)).toEqual(before.ok && before.value.map((m) => m.title));
      }),
      RUNS,
    );
  }, 30_000);

  it('CSV macro export: the same records, every field but the replies unchanged, the header byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(csv, async (text) => {
        const after = await expectFixed(text, 'macros.csv');
        const records = (t: string) => (parseCsv(t, { columns: true }) as Record<string, string>[]).map(({ body: _, ...rest }) => rest);
        expect(records(after)).toEqual(records(text));
        expect(after.slice(0, after.search(/\r?\n/))).toBe('title,body,notes');
        const [before, now] = [readCsvMacros(text), readCsvMacros(after)];
        expect(now.ok && now.value.length).toBe(before.ok && before.value.length);
      }),
      RUNS,
    );
  }, 30_000);
});
