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
import { renderAssetPage } from '../lib/report/pages/asset-page.ts';
import { FORMATS, OUTPUT_FORMATS, type RenderContext } from '../lib/cli/output-formats.ts';
import { Locator } from '../lib/ci/locate.ts';

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  'cell | split',
  '`code` and ``more``',
  '[click](https://evil.example/)',
  '![pixel](https://evil.example/p.png)',
  '**bold** _it_ ~~gone~~ $x^2$',
  'first line\n# not a heading\n\n- not a list',
  '\\*escaped\\* &amp; &lt;',
  '"double" \'single\' a & b',
  '</script><script>alert(1)</script> --> <!-- ]]> <![CDATA[x',
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
  const text = '# Policy\n\nPursuant to the policy, we will utilize your deductible to facilitate the adjudication of claims.\n';
  const unit = await audit(text);
  const report = buildReport(
    BUILTIN_PERSONAS.map((p, i) => ({ ...p, name: HOSTILE[i % HOSTILE.length]! })),
    [
      {
        ...unit,
        path: 'docs/<b>bold</b>|pipe`tick`.md',
        unitId: 'macro:1',
        title: HOSTILE.join(' '),
        // The unit's text too, as the HTML report shows it (its findings lie in the first lines, before the hostile ones).
        source: `${text}\n${HOSTILE.join('\n\n')}\n`,
        scores: unit.scores.map((sc) => ({ ...sc, goals: sc.goals.map((g, i) => ({ ...g, label: HOSTILE[i % HOSTILE.length]!, reason: HOSTILE[(i + 3) % HOSTILE.length]! })) })),
        findings: unit.findings.map((f, i) => ({ ...f, text: HOSTILE[i % HOSTILE.length]!, message: HOSTILE[(i + 1) % HOSTILE.length]!, suggestion: HOSTILE[(i + 2) % HOSTILE.length]! })),
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

/**
 * An HTML page as a browser reads it: every element the hostile text might have made (`img`, `b`, `i`, a second
 * `script`), every attribute it might have set (`onerror`), any comment or CDATA section it opened, and the text
 * outside scripts, where each hostile string must show as written.
 */
function pageRead(page: string): { tags: Map<string, number>; handlers: string[]; comments: number; text: string; data?: string } {
  const out = { tags: new Map<string, number>(), handlers: [] as string[], comments: 0, text: '', data: undefined as string | undefined };
  const walk = (n: HNodes, inScript: boolean): void => {
    if (n.type === 'comment') out.comments += 1;
    if (n.type === 'text' && !inScript) out.text += n.value;
    if (n.type === 'element') {
      out.tags.set(n.tagName, (out.tags.get(n.tagName) ?? 0) + 1);
      out.handlers.push(...Object.keys(n.properties).filter((k) => /^on/i.test(k)));
      if (n.tagName === 'script' && n.properties.id === 'data') out.data = n.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
    }
    if ('children' in n) for (const c of n.children) walk(c, inScript || (n.type === 'element' && n.tagName === 'script'));
  };
  walk(unified().use(rehypeParse).parse(page), false);
  return out;
}

describe('user text in every page and format', () => {
  const context = (report: AuditReport, command: string): RenderContext => ({ report, command, verdict: decide(report, { personas: {} }, 101), locator: new Locator(), bars: {} });

  it('stays text on the asset page and in the HTML report (portfolio and unit pages): no element, attribute or comment of its own', async () => {
    const report = await hostileReport();
    const pages: [string, string, number][] = [
      ['asset page', renderAssetPage(report, { version: HOSTILE[0]!, auditedAt: HOSTILE[9]!, portfolioHref: HOSTILE[8]!, previous: { version: HOSTILE[1]!, auditedAt: HOSTILE[2]!, scores: {} } }), 1],
      ['audit --format html', [...OUTPUT_FORMATS.html.render(context(report, 'audit'))].join(''), 2],
    ];
    for (const [name, page, scripts] of pages) {
      const read = pageRead(page);
      for (const tag of ['img', 'b', 'i']) expect(read.tags.get(tag), `${name}: <${tag}>`).toBeUndefined();
      expect(read.tags.get('script'), `${name}: scripts`).toBe(scripts);
      expect(read.handlers, name).toEqual([]);
      expect(read.comments, name).toBe(0);
      for (const s of HOSTILE) expect(read.text, `${name}: ${JSON.stringify(s)}`).toContain(s);
      expect(read.text).toContain('docs/<b>bold</b>|pipe`tick`.md');
    }
    // The portfolio's rows travel as JSON inside a script element: the hostile text must neither end it nor change.
    const data = pageRead(pages[1]![1]).data;
    const rows = (JSON.parse(data ?? 'null') as { rows: { title: string; path: string }[] }).rows;
    expect(rows[0]?.title).toBe(report.units[0]!.title);
    expect(rows[0]?.path).toContain('docs/<b>bold</b>|pipe`tick`.md');
  });

  it('keeps JSON formats parseable, round-tripping the text, and JUnit attributes and text as written', async () => {
    const report = await hostileReport();
    for (const command of ['audit', 'check']) {
      const out = (f: (typeof FORMATS)[number]): string => [...OUTPUT_FORMATS[f].render(context(report, command))].join('');
      for (const f of ['json', 'sarif', 'rdjson'] as const) expect(JSON.stringify(JSON.parse(out(f))), `${command} ${f}`).toContain(JSON.stringify(HOSTILE[1]).slice(1, -1));
      expect(out('text'), `${command} text`).toContain(HOSTILE[8]);
      const doc = unified().use(rehypeParse, { fragment: true, space: 'svg' }).parse(out('junit'));
      const names: unknown[] = [];
      let comments = 0;
      const walk = (n: HNodes): void => {
        // An HTML parser reads the XML declaration as a comment; any other would be the hostile `<!--`.
        if (n.type === 'comment' && !n.value.startsWith('?xml')) comments += 1;
        if (n.type === 'element' && n.tagName === 'testsuite') names.push(n.properties.name);
        if ('children' in n) for (const c of n.children) walk(c);
      };
      walk(doc);
      expect(comments).toBe(0);
      expect(names).toEqual(report.personas.map((p) => `clarity: ${p.name}`));
    }
  });
});
