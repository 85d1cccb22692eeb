import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../lib/engine/types.ts';
import { CATEGORY_COLOUR } from '../lib/report/pages/shell.ts';
import { escapeHtml } from '../lib/report/escape.ts';
import { segmentsOf } from '../lib/report/pages/highlight.ts';
import type { AuditReport, Finding } from '../lib/engine/types.ts';
import { audit } from './engine-helpers.ts';
import { unitSection } from '../lib/report/pages/asset-page.ts';
import { renderPortfolioPage } from '../lib/report/pages/portfolio-page.ts';
import { portfolioPersonas, renderHtml, unitRow } from '../lib/report/render-html.ts';
import { buildReport } from '../lib/report/build.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('page colours', () => {
  it('give every category a highlight with text contrast of at least 7:1 (WCAG AAA)', () => {
    for (const c of CATEGORIES) expect(contrast(CATEGORY_COLOUR[c], '#1a1a1a'), c).toBeGreaterThanOrEqual(7);
  });
  it('keep score bands and links readable', () => {
    for (const band of ['#d7f5dd', '#fff1c2', '#ffd6d6']) expect(contrast(band, '#1a1a1a')).toBeGreaterThanOrEqual(7);
    expect(contrast('#0645ad', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast('#555555', '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});

describe('highlight segments', () => {
  const f = (offset: number, length: number, id: string): Finding => ({ id, ruleId: id, category: 'jargon', severity: 'info', message: id, text: '', line: 1, column: 1, offset, length, personas: [] });
  it('cut overlapping findings into stretches that each list what covers them', () => {
    const sentence = f(0, 20, 'sentence');
    const word = f(4, 5, 'word');
    const segs = segmentsOf('abcdefghijklmnopqrstuvwxyz', [sentence, word]);
    expect(segs.map((s) => [s.start, s.end, s.findings.map((x) => x.id)])).toEqual([
      [0, 4, ['sentence']],
      [4, 9, ['sentence', 'word']],
      [9, 20, ['sentence']],
      [20, 26, []],
    ]);
  });
  it('cover the whole text exactly once', () => {
    const text = 'x'.repeat(50);
    const segs = segmentsOf(text, [f(3, 10, 'a'), f(8, 10, 'b'), f(40, 5, 'c')]);
    expect(segs[0]!.start).toBe(0);
    expect(segs.at(-1)!.end).toBe(50);
    segs.slice(1).forEach((s, i) => expect(s.start).toBe(segs[i]!.end));
  });
});

describe('asset page suggestions', () => {
  it('say which rewrites to check before applying', async () => {
    const unit = await audit('Utilize the form. Your deductible is due.');
    const html = unitSection(unit, 0, { units: [unit], skipped: [], personas: [] } as unknown as AuditReport).markup;
    expect(html).toMatch(/<ins>Use<\/ins><\/span>/);
    expect(html).toMatch(/<ins>deductible \([^<]*\)<\/ins> <small>\(check before applying\)<\/small>/);
  });
});

describe('asset page text', () => {
  const doc = [
    '---',
    'title: Front matter title',
    'tags: [internal]',
    '---',
    '',
    '# Filing a claim',
    '',
    'You must utilize the **online form** at [our site](https://example.com/form). <img src=x onerror=alert(1)>',
    '',
    '| Step | What to do |',
    '|---|---|',
    '| One | Utilize the portal |',
    '',
    '- Call us.',
    '- Write to us.',
    '',
    '<div><p>We <b>reply</b> fast.</p><script>alert(2)</script></div>',
  ].join('\n');

  async function section(text: string, path = 'claims.md'): Promise<{ html: string; reader: string; raw: string; unit: Awaited<ReturnType<typeof audit>> }> {
    const unit = { ...(await audit(text, path)), source: text };
    const html = unitSection(unit, 0, { units: [unit], skipped: [], personas: [] } as unknown as AuditReport).markup;
    const reader = html.slice(html.indexOf('<div class="reader'), html.indexOf('<aside'));
    const raw = html.includes('<details class="raw">') ? html.slice(html.indexOf('<details class="raw">')) : '';
    return { html, reader, raw, unit };
  }
  const textOf = (html: string): string => html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

  it('shows the prose as the reader sees it, with findings marked, and the raw source one click away', async () => {
    const { reader, raw } = await section(doc);
    expect(textOf(reader)).toContain('You must utilize the online form at our site.');
    for (const markup of ['---', 'title:', 'Front matter', '**', '](', '# ', '|', '<b>']) expect(textOf(reader), markup).not.toContain(markup);
    // The title may carry a stage-fit finding's mark (one pinned on the whole text).
    expect(reader).toMatch(/<p class="ph">(<mark [^>]*>)?Filing a claim(<\/mark>)?<\/p>/);
    expect(reader).toMatch(/<mark [^>]*>utilize<\/mark>/);
    // A table row stays a row; neighbouring list items stay one list.
    expect(reader).toMatch(/<div class="cells"><span class="cell">One<\/span><span class="cell"><mark [^>]*>Utilize<\/mark> the portal<\/span><\/div>/);
    expect(reader).toContain('<ul><li>Call us.</li><li>Write to us.</li></ul>');
    // The raw view holds the source exactly, front matter and all.
    expect(raw).toMatch(/^<details class="raw"><summary>/);
    expect(textOf(raw.slice(raw.indexOf('<pre'), raw.indexOf('</pre>')))).toBe(doc);
  });

  it('renders nothing of the user content as HTML', async () => {
    const { html } = await section(doc);
    expect(html).not.toMatch(/<(img|script|b)\b/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('marks every finding exactly once where it starts, and writes its message only in the side list', async () => {
    const text = 'Prior to commencing the claim, you must utilize the form in order to facilitate the review of the documentation that was submitted by you.';
    const { html, unit } = await section(text);
    expect(unit.findings.length).toBeGreaterThan(3);
    const view = html.slice(html.indexOf('<h3>The text'), html.indexOf('<h3>Rewrites'));
    unit.findings.forEach((f, i) => {
      expect(view.match(new RegExp(`id="u0-m${i}"`, 'g')), f.id).toHaveLength(1);
      expect(view.split(escapeHtml(f.message)).length - 1, f.id).toBe(1);
    });
  });

  it('reads plain text as written, with no raw view to repeat it', async () => {
    const text = 'Hello.\nWe will utilize your card.\n\n- one\n- two';
    const { reader, raw } = await section(text, 'reply.txt');
    expect(reader).toMatch(/^<div class="reader plain"/);
    expect(raw).toBe('');
    expect(textOf(reader)).toContain('Hello.\nWe will utilize your card.');
  });

  it('folds long stretches without findings', async () => {
    const plain = Array.from({ length: 40 }, (_, i) => `Call us on day ${i + 1}. We can help.`).join('\n\n');
    const { reader } = await section(`You must utilize the form.\n\n${plain}\n\nYou must utilize the form again.`);
    expect(reader.match(/<details class="fold"><summary>36 paragraphs without findings<\/summary>/g)).toHaveLength(1);
  });

  it('grows with the text and its findings, not with a copy of either per finding', async () => {
    const part = 'Prior to commencing the claim, you must utilize the form in order to facilitate the review of the documentation that was submitted by you.\n\nCall us. We can help.\n\n';
    const [small, big] = await Promise.all([section(part.repeat(10)), section(part.repeat(30))]);
    const grown = big.html.length - small.html.length;
    const text = big.unit.source!.length - small.unit.source!.length;
    const findings = big.unit.findings.length - small.unit.findings.length;
    expect(findings).toBeGreaterThan(40);
    // The text twice (as read, and as written), and about 400 bytes a finding (the page before writing each message
    // into every stretch it marked took 700).
    expect(grown).toBeLessThan(2.2 * text + 420 * findings);
  });
});

describe('portfolio of a one-off run', () => {
  it('shows no audit times or moves, which only the pipeline knows', async () => {
    const unit = await audit('Utilize the form. Your deductible is due.');
    const report = buildReport(BUILTIN_PERSONAS, [unit], []);
    const html = renderHtml(report);
    expect(html).not.toContain('data-sort="auditedAt"');
    expect(html).not.toContain('id="moves"');
    expect(html).toContain('id="hist"');
    const row = { ...unitRow(unit, '#u0'), auditedAt: '2026-11-23 10:00' };
    const tracked = renderPortfolioPage([row], portfolioPersonas(report, {}));
    expect(tracked).toContain('data-sort="auditedAt">Last audit');
    expect(tracked).toContain('id="moves"');
  });
});
