import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import rehypeParse from 'rehype-parse';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import type { Nodes as MdNodes } from 'mdast';
import type { Nodes as HNodes } from 'hast';
import type { Processor } from 'unified';
import type { AuditReport } from '../lib/engine/types.ts';
import { buildReport } from '../lib/report/build.ts';
import { escapeMarkdown } from '../lib/report/escape.ts';
import { renderMarkdown } from '../lib/report/render-markdown.ts';
import { renderPrComment } from '../lib/ci/pr-comment.ts';
import { renderJunit } from '../lib/ci/junit.ts';
import { renderGithub } from '../lib/ci/github.ts';
import { decide } from '../lib/ci/verdict.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import { audit } from './engine-helpers.ts';

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  'cell | split',
  '`code` and ``more``',
  '[click](https://evil.example/)',
  '![pixel](https://evil.example/p.png)',
  '**bold** _it_ ~~gone~~ $x^2$',
  'first line\n# not a heading\n\n- not a list',
  '\\*escaped\\* &amp; &lt;',
];
/** How each hostile string must read once rendered: literally, on one line. */
const shown = (s: string): string => s.replace(/\s*\n+\s*/g, ' ');

function gfmTables(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}
const markdown = unified().use(remarkParse).use(gfmTables);
const html = unified().use(rehypeParse, { fragment: true });

/** What GitHub would make of the Markdown: the text a reader sees, the HTML elements, the Markdown constructs. */
function rendered(md: string): { text: string; elements: Set<string>; constructs: Set<string>; rows: number[] } {
  const out = { text: '', elements: new Set<string>(), constructs: new Set<string>(), rows: [] as number[] };
  const walkHtml = (n: HNodes): void => {
    if (n.type === 'text') out.text += n.value;
    if (n.type === 'element') out.elements.add(n.tagName);
    if ('children' in n) for (const c of n.children) walkHtml(c);
  };
  const walk = (n: MdNodes): void => {
    out.constructs.add(n.type);
    if (n.type === 'text') out.text += n.value;
    if (n.type === 'html') walkHtml(html.parse(n.value));
    if (n.type === 'tableRow') out.rows.push(n.children.length);
    if ('children' in n) for (const c of n.children) walk(c);
    if (n.type === 'paragraph' || n.type === 'tableCell' || n.type === 'heading') out.text += '\n';
  };
  walk(markdown.parse(md));
  return out;
}

/** A real audit whose every piece of user text is hostile. */
async function hostileReport(): Promise<AuditReport> {
  const unit = await audit('# Policy\n\nPursuant to the policy, we will utilize your deductible to facilitate the adjudication of claims.\n');
  const report = buildReport(
    BUILTIN_PERSONAS.map((p, i) => ({ ...p, name: HOSTILE[i % HOSTILE.length]! })),
    [
      {
        ...unit,
        path: 'docs/<b>bold</b>|pipe`tick`.md',
        unitId: 'macro:1',
        title: HOSTILE.join(' '),
        recommendations: unit.recommendations.map((r, i) => ({ ...r, text: HOSTILE[i % HOSTILE.length]!, why: HOSTILE[(i + 1) % HOSTILE.length]!, replacement: HOSTILE[(i + 2) % HOSTILE.length]! })),
      },
    ],
    [{ path: 'docs/[x](y)|<i>.md', code: 'too-large', reason: HOSTILE.join(' ') }],
  );
  expect(report.units[0]!.recommendations.length).toBeGreaterThan(2);
  return report;
}

describe('user text in Markdown outputs', () => {
  const outputs = async (): Promise<[string, string][]> => {
    const report = await hostileReport();
    return [
      ['audit --format markdown', renderMarkdown(report)],
      ['check --format markdown (the PR comment)', renderPrComment(report, decide(report, { personas: {} }, 101))],
    ];
  };

  it('reads literally: no HTML of its own, no links, images, code, emphasis or math', async () => {
    for (const [name, md] of await outputs()) {
      const { text, elements, constructs } = rendered(md);
      // Only the elements the renderers write themselves.
      expect([...elements].filter((e) => !['details', 'summary', 'code'].includes(e)), name).toEqual([]);
      for (const c of ['link', 'image', 'inlineCode', 'emphasis', 'delete', 'inlineMath', 'linkReference', 'imageReference']) expect(constructs.has(c), `${name}: ${c}`).toBe(false);
      for (const s of HOSTILE) expect(text, `${name}: ${JSON.stringify(s)}`).toContain(shown(s));
      expect(text).toContain('docs/<b>bold</b>|pipe`tick`.md');
      expect(text).toContain('docs/[x](y)|<i>.md');
    }
  });

  it('keeps every table row to its columns, whatever pipes the text holds', async () => {
    for (const [name, md] of await outputs()) {
      const { rows } = rendered(md);
      expect(rows.length, name).toBeGreaterThan(1);
      expect(new Set(rows).size, `${name}: cells per row ${rows.join(',')}`).toBe(1);
    }
  });

  it('keeps each line of user text on one line of Markdown', () => {
    expect(escapeMarkdown('a\n\n# b\r\nc')).toBe('a # b c');
    expect(escapeMarkdown('plain words, stay plain.')).toBe('plain words, stay plain.');
  });
});

describe('user text in CI outputs', () => {
  it('JUnit XML parses and holds the hostile text as text, not markup', async () => {
    const report = await hostileReport();
    const xml = renderJunit(report, decide(report, { personas: {} }, 101));
    const doc = unified().use(rehypeParse, { fragment: true, space: 'svg' }).parse(xml);
    const tags = new Set<string>();
    const walk = (n: HNodes): void => {
      if (n.type === 'element') tags.add(n.tagName);
      if ('children' in n) for (const c of n.children) walk(c);
    };
    walk(doc);
    expect([...tags].filter((t) => !['testsuites', 'testsuite', 'testcase', 'failure', 'system-out', 'error', 'skipped'].includes(t))).toEqual([]);
    expect(xml).toContain('name="clarity: &lt;img src=x onerror=alert(1)&gt;"');
  });

  it('GitHub annotations keep each command on one line, with newlines and separators encoded', async () => {
    const report = await hostileReport();
    const out = renderGithub(report, decide(report, { personas: {} }, 101));
    for (const line of out.trimEnd().split('\n')) expect(line).toMatch(/^::(error|warning|notice) [^:]*::/);
    expect(out).toContain('first line%0A# not a heading');
    expect(out).toContain('file=docs/<b>bold</b>|pipe`tick`.md');
  });
});
