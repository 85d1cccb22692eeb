import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { discover, type Discovery } from '../lib/glossary/discover.ts';
import { glossarySchema } from '../lib/glossary/schema.ts';
import { readAsset } from '../lib/engine/parse/asset.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import type { Persona, Unit } from '../lib/engine/types.ts';
import { runCli } from './cli-helpers.ts';

/** A parcel carrier's help pages, written for this test: its own jargon, an acronym, a definition, a pack term. */
const PAGES: Record<string, string> = {
  'send.md': '# Sending a parcel\n\nPrint the consignment note and stick it on the parcel. The consignment note carries the waybill number. Keep your waybill number: we ask for it when you call. Deductibles are the part of a loss you pay first.\n',
  'track.md': '# Tracking\n\nEnter the waybill number to see where the parcel is. Each consignment note has a barcode. When we deliver, we record a POD (proof of delivery). A POD shows who signed.\n',
  'claims.md': '# Claims\n\nA consignment note means the label that lists what you send. Quote the waybill number and the consignment note. A consignment is one or more parcels. Ask for the POD if the parcel is lost.\n',
};

const consumer = BUILTIN_PERSONAS.find((p) => p.id === 'first-time-consumer') as Persona;
const admin = BUILTIN_PERSONAS.find((p) => p.id === 'technical-admin') as Persona;

async function units(pages: Record<string, string>): Promise<Unit[]> {
  const read = await Promise.all(Object.entries(pages).map(([path, text]) => readAsset({ path, bytes: new TextEncoder().encode(text) })));
  return read.flatMap((r) => r.units);
}

const byTerm = (d: Discovery, term: string) => d.candidates.find((c) => c.term.toLowerCase() === term);

describe('terms discover', () => {
  it('finds the content’s own noun phrases and acronyms, with counts and example sentences', async () => {
    const d = discover(await units(PAGES), { persona: consumer, minCount: 2 });
    expect(d.documents).toBe(3);
    expect(byTerm(d, 'consignment note')).toMatchObject({ kind: 'term', count: 5, documents: 3 });
    expect(byTerm(d, 'waybill number')).toMatchObject({ count: 4, documents: 3 });
    // The sentence that defines it comes first, wherever it is.
    expect(byTerm(d, 'consignment note')?.examples).toEqual(['A consignment note means the label that lists what you send.', 'Print the consignment note and stick it on the parcel.']);
    expect(byTerm(d, 'waybill number')?.examples).toEqual(['The consignment note carries the waybill number.', 'Enter the waybill number to see where the parcel is.']);
    const pod = byTerm(d, 'pod');
    expect(pod).toMatchObject({ kind: 'acronym', term: 'POD', expansion: 'proof of delivery', count: 3 });
  });

  it('ranks by C-value: a word counts only its uses outside the longer terms that contain it', async () => {
    const d = discover(await units(PAGES), { persona: consumer, minCount: 2 });
    // "waybill" is only ever part of "waybill number": nothing of it is left on its own.
    expect(byTerm(d, 'waybill')).toBeUndefined();
    // "consignment" stands alone once, besides its five uses in "consignment note".
    const terms = d.candidates.map((c) => c.term.toLowerCase());
    expect(terms.indexOf('consignment note')).toBeLessThan(terms.indexOf('waybill number'));
    expect(terms.indexOf('waybill number')).toBeLessThan(terms.indexOf('pod'));
  });

  it('says where the content defines a term, and how many documents use it undefined', async () => {
    const d = discover(await units(PAGES), { persona: consumer, minCount: 2 });
    expect(byTerm(d, 'consignment note')).toMatchObject({ defined: true, undefinedIn: 2 });
    expect(byTerm(d, 'waybill number')).toMatchObject({ defined: false, undefinedIn: 3 });
    // An acronym spelled out beside it is defined where it is spelled out.
    expect(byTerm(d, 'pod')).toMatchObject({ defined: true, undefinedIn: 1 });
  });

  it('leaves out what the packs and the team’s glossaries already know, and says so', async () => {
    const d = discover(await units(PAGES), { persona: consumer, minCount: 1, exclude: new Set(['waybill number']) });
    expect(byTerm(d, 'deductible')).toBeUndefined();
    expect(d.known).toEqual(expect.arrayContaining([{ term: 'Deductibles', count: 1, source: 'insurance-finance' }, { term: 'waybill number', count: 4, source: 'glossary' }]));
  });

  it('asks whether the persona knows the words: a wider vocabulary finds fewer terms', async () => {
    const text = { 'a.md': 'Check the markup before you ship. The markup is added to each item. A markup is paid once.\n' };
    // "markup" is about the 38,000th word of spoken English: past the consumer's 15,000, inside the admin's 45,000.
    expect(byTerm(discover(await units(text), { persona: consumer }), 'markup')).toMatchObject({ count: 3 });
    expect(discover(await units(text), { persona: admin }).candidates).toEqual([]);
  });

  it('takes a word common in written English as everyday, however rarely it is spoken', async () => {
    // SUBTLEX ranks "vendors" rare (films seldom say it); SCOWL's common written core has it. "Waybills" is in neither.
    const text = { 'a.md': 'Our vendors ship waybills. Vendors print waybills daily.\n', 'b.md': 'Ask vendors about waybills. Waybills list the vendors.\n' };
    const terms = discover(await units(text), { persona: consumer, minCount: 2 }).candidates.map((c) => c.term.toLowerCase());
    expect(terms).toContain('waybills');
    expect(terms).not.toContain('vendors');
  });

  it('leaves out pieces of addresses, form numbers and camel-case brands', async () => {
    const text = {
      'a.md': 'Official emails end with .gov, as in name@agency.gov. Call 1-800-HHS-TIPS. Read memo M-19-17 and form W-2. Use iOS.\n',
      'b.md': 'Sites end in .gov. Call 1-800-HHS-TIPS today. See M-19-17 and your W-2. Update iOS.\n',
    };
    expect(discover(await units(text), { persona: consumer, minCount: 2 }).candidates).toEqual([]);
  });

  it('drops a phrase that repeats a better-ranked term with everyday words around it', async () => {
    const text = {
      'a.md': 'Medicaid pays for care. Ask about Medicaid. Medicaid is free. We run the Medicaid program.\n',
      'b.md': 'Medicaid covers you. Medicaid has rules. Apply for Medicaid. States run the Medicaid program.\n',
    };
    const terms = discover(await units(text), { persona: consumer, minCount: 2 }).candidates.map((c) => c.term.toLowerCase());
    expect(terms).toContain('medicaid');
    expect(terms).not.toContain('medicaid program');
  });

  it('takes a name with an organisation in it for a name, and its words inside it for no use of their own', async () => {
    // "Google" is an organisation to the tagger: "Google Authenticator" is an app's name, and "Google" in it no word.
    // "Medicaid" is tagged an organisation too, and stays: on its own, a programme's name is jargon to this reader.
    const text = {
      'a.md': 'Install Google Authenticator on your phone. Open Google Authenticator to see the code. Medicaid pays for care.\n',
      'b.md': 'Scan the code with Google Authenticator. Google Authenticator shows six digits. Apply for Medicaid.\n',
    };
    const terms = discover(await units(text), { persona: consumer, minCount: 2 }).candidates.map((c) => c.term.toLowerCase());
    expect(terms).toContain('medicaid');
    expect(terms.filter((t) => t.includes('google'))).toEqual([]);
  });

  it('counts a word inside a term a pack explains as a use of that term, wherever it stands in the phrase', async () => {
    // The software pack explains "multi-factor authentication"; "multi-factor" in "multi-factor authentication
    // method" is that term, not a word of its own. Met in several longer phrases once each, C-value alone would
    // keep most of its uses as its own. "Waybills" beside it is still counted.
    const text = {
      'a.md': 'Pick a multi-factor authentication method. Open the multi-factor authentication app. Print waybills.\n',
      'b.md': 'Enter the multi-factor authentication code. Change your multi-factor authentication settings. Sign waybills.\n',
    };
    const d = discover(await units(text), { persona: consumer, minCount: 2 });
    const terms = d.candidates.map((c) => c.term.toLowerCase());
    expect(terms).toContain('waybills');
    expect(terms).not.toContain('multi-factor');
  });

  it('takes a noun made from an everyday verb through "-able" as everyday', async () => {
    // "usability" is "usable" made a noun, and "usable" is "use": everyday, however rarely films say it.
    const text = { 'a.md': 'We test usability with waybills. Usability matters for waybills.\n', 'b.md': 'Good usability helps. We read waybills for usability.\n' };
    const terms = discover(await units(text), { persona: consumer, minCount: 2 }).candidates.map((c) => c.term.toLowerCase());
    expect(terms).toContain('waybills');
    expect(terms).not.toContain('usability');
  });

  it('does not take a verb with its object for the head of a phrase', async () => {
    // "encompasses the" is a verb before its object, whatever the tagger reads: "usage tier" is the phrase.
    const text = {
      'a.md': 'The usage tier encompasses the cookies we set. Each usage tier encompasses the data we keep.\n',
      'b.md': 'A usage tier encompasses the tools. Our usage tier encompasses the logs.\n',
    };
    const terms = discover(await units(text), { persona: consumer, minCount: 2 }).candidates.map((c) => c.term.toLowerCase());
    expect(terms.some((t) => t.includes('encompass'))).toBe(false);
  });
});

describe('clarity terms discover', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'clarity-discover-'));
    mkdirSync(join(dir, 'help'));
    for (const [name, text] of Object.entries(PAGES)) writeFileSync(join(dir, 'help', name), text);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a ranked table, top N, and the known terms', async () => {
    const r = await runCli(['terms', 'discover', 'help', '--min-count', '2', '--top', '2'], dir);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Candidate jargon for first-time-consumer in 3 document\(s\), \d+ words, best first/);
    expect(lines.slice(2, 4).map((l) => l.trim().split(/\s{2,}/).slice(2, 3)[0])).toEqual(['consignment note', 'waybill number']);
    expect(lines[4]).toBe('');
    expect(r.stderr).toMatch(/^clarity terms discover: 3 file\(s\) read, 2 candidate\(s\), [\d.]+ s\.\n$/);
  });

  it('writes JSON, and a YAML draft glossary that is a valid glossary', async () => {
    const json = JSON.parse((await runCli(['terms', 'discover', 'help', '--format', 'json', '--min-count', '2'], dir)).stdout) as Discovery;
    expect(json.candidates[0]).toMatchObject({ term: 'consignment note', count: 5 });
    const draft = parseYaml((await runCli(['terms', 'discover', 'help', '--format', 'yaml', '--min-count', '2'], dir)).stdout) as unknown;
    const parsed = glossarySchema.parse(draft);
    expect(parsed.terms.find((t) => t.term === 'POD')).toMatchObject({ status: 'jargon', plain: 'proof of delivery' });
    expect(parsed.terms[0]?.note).toMatch(/^5 uses in 3 document\(s\), 2 without defining it; score [\d.]+\. “A consignment note means/);
  });

  it('refuses a bad --top or format', async () => {
    expect((await runCli(['terms', 'discover', 'help', '--top', '0'], dir)).stderr).toContain('--top must be a whole number, 1 or more (got "0")');
    expect((await runCli(['terms', 'discover', 'help', '--format', 'csv'], dir)).code).toBe(2);
  });
});
