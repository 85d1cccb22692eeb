import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createEngine, type EngineOptions } from '../lib/engine/audit.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import type { Asset, AuditReport, StageDecision, UnitReport, UnitStage } from '../lib/engine/types.ts';
import { parseConfig } from '../lib/config/load.ts';
import { engineOptionsOf } from '../lib/config/engine-options.ts';
import { buildReport } from '../lib/report/build.ts';
import { renderText } from '../lib/report/render-text.ts';
import { auditReportSchema, auditReportSchemaV1, auditReportSchemaV2 } from '../lib/report/schema.ts';
import { startLocalPipeline, type LocalPipeline } from '../lib/local/local-pipeline.ts';
import { versionItems } from './pipeline-helpers.ts';
import { runCli } from './cli-helpers.ts';

const personas = BUILTIN_PERSONAS;

async function unitsOf(asset: Partial<Asset> & { path: string; text: string }, options: Partial<EngineOptions> = {}): Promise<UnitReport[]> {
  const { text, ...rest } = asset;
  const { units, skipped } = await createEngine({ personas, ...options }).auditAsset({ ...rest, bytes: new TextEncoder().encode(text) });
  if (units.length === 0) throw new Error(`not audited: ${JSON.stringify(skipped)}`);
  return units;
}

async function stageOf(path: string, text: string, extra: Partial<Asset> = {}, options: Partial<EngineOptions> = {}): Promise<StageDecision> {
  const [unit] = await unitsOf({ path, text, ...extra }, options);
  const { fit: _fit, ...decision } = unit!.stage;
  return decision;
}

// Short fixtures, written for these tests, of what each stage's content looks like, and of content that uses the
// same words without serving that stage. Paths under content/ name no channel, so the text alone decides.
const READS_AS = {
  activate: `# Your quote is ready

Start your quote today: it takes five minutes at [harbormutual.com/quote](https://harbormutual.com/quote).

Your price is held for 30 days. Cover starts the day you pay.

Call us at 800-555-0100 to finish your application by phone.
`,
  inform: `# How long does a refund take?

Refunds go back to the card you paid with. Most banks show the money within 5 working days of the refund.

If you paid by bank transfer, the refund goes to the same account and can take up to 10 working days.

The refund amount is the premium for the days left on your policy, less any claims paid.
`,
  entice: `# Cover that works as hard as you do

You get cover for your tools, your van and your stock in one policy, so you save on three separate premiums.

Your first month is free, and you can cancel any time with no fees.

You choose the excess that suits your budget, and you keep your no-claims discount when you switch.
`,
  reciprocate: `Hi Jordan,

Thanks for telling us about the delay with your claim. I've looked into it and the assessor's report reached us this morning.

Does the repair date of 14 May still work for you? If not, just reply to this email with a day that suits you and I'll rearrange it.

We answer every email within one working day.
`,
  advocate: `# Thanks for staying with Harbor

It has been a year since you joined us, and we hope your cover has been there when you needed it.

If a friend needs business cover, refer a friend with your link and you both get $25 off.

Happy with us? Leave us a review on Trustpilot. It takes two minutes and helps other small businesses choose.
`,
};

// The same vocabulary, another job: instructions that are no offer, the reader's own questions, a writer's benefits.
const DOES_NOT_READ_AS = {
  activate: `# Turn on two-step verification

Open Settings and select Security. Choose Two-step verification and enter the code we text to your phone.

Call centre hours are 8am to 6pm, Monday to Friday. The code expires after ten minutes, so enter it straight away.

Your account is then protected each time you sign in from a new device.
`,
  entice: `# How we use your information

We collect your name, address and claims history when we set up your policy. We keep our records for seven years.

We protect your data with encryption, and our staff see it only when they handle your claim.

We may update this notice, and we will post the new version on this page.
`,
  reciprocate: `# Changing your address

## How do I change my address?

Open Profile, choose Address and type the new one. The change applies from the next day.

## Why does my premium change when I move?

Premiums depend on where you keep your van, so a new postcode can raise or lower the price.
`,
  advocate: `# Who we share your information with

We share your information with the claims handlers and repairers who work on your claim.

We never sell your data to anyone. Our partners must keep it safe and delete it when the claim closes.

You can ask for a copy of the information we hold about you at any time.
`,
};

describe('stage inference from the text', () => {
  for (const [stage, text] of Object.entries(READS_AS)) {
    it(`reads a realistic ${stage} text as ${stage}, with the cues that decided it`, async () => {
      const decision = await stageOf(`content/${stage}.md`, text);
      expect(decision.source).toBe('inferred');
      expect(decision.stage).toBe(stage);
      expect(decision.confidence).toBeGreaterThanOrEqual(0.5);
      expect(decision.confidence).toBeLessThan(1);
      expect(decision.cues.length).toBeGreaterThan(0);
    });
  }

  for (const [stage, text] of Object.entries(DOES_NOT_READ_AS)) {
    it(`does not read a text that only borrows ${stage}'s words as ${stage}`, async () => {
      const decision = await stageOf(`content/not-${stage}.md`, text);
      expect(decision.stage).not.toBe(stage);
      expect(decision.stage).toBe('inform');
    });
  }

  it('quotes the sentences that decided it', async () => {
    const activate = await stageOf('content/activate.md', READS_AS.activate);
    expect(activate.cues[0]).toMatch(/^2 calls to action \("Start your quote today.*", "Call us at 800-555-0100.*"\), 2 of them near the top or the end$/);
    const advocate = await stageOf('content/advocate.md', READS_AS.advocate);
    expect(advocate.cues[0]).toContain('"Leave us a review on Trustpilot."');
    const entice = await stageOf('content/entice.md', READS_AS.entice);
    expect(entice.cues[0]).toMatch(/"you\/your" \d+ times, "we\/our\/us" 0$/);
  });

  it('a call to action in the middle of a long text of statements leaves it informing', async () => {
    const statements = Array.from({ length: 12 }, (_, i) => `Section ${i + 1} of the policy explains the cover for water damage to your premises.`).join('\n\n');
    const decision = await stageOf('content/policy.md', `# Policy wording\n\n${statements}\n\nCall us at 800-555-0100 to change your cover.\n`);
    expect(decision.stage).toBe('inform');
    expect(decision.cues.join(' ')).toContain('also some activate');
  });

  it('is not sure of a text too short to say much, and says so', async () => {
    const decision = await stageOf('content/note.md', 'Your policy number is on the first page of the schedule.\n');
    expect(decision).toMatchObject({ stage: 'inform', source: 'inferred' });
    expect(decision.confidence).toBeLessThan(0.5);
  });
});

describe('declared stages', () => {
  it('reads S3 metadata (the asset carries it), over everything else', async () => {
    const decision = await stageOf('stages/activate/offer.md', `---\nstage: entice\n---\n${READS_AS.inform}`, { stage: 'Advocate ' });
    expect(decision).toEqual({ stage: 'advocate', source: 'metadata', confidence: 1, cues: ['S3 metadata x-amz-meta-clarity-stage: advocate'] });
  });

  it('reads a stages/<stage>/ folder in an S3 key or anywhere in a local path', async () => {
    expect(await stageOf('stages/entice/offer.md', READS_AS.inform)).toEqual({ stage: 'entice', source: 'key-prefix', confidence: 1, cues: ['the folder stages/entice/'] });
    expect((await stageOf('/home/team/site/stages/activate/offer.md', READS_AS.inform)).stage).toBe('activate');
    expect((await stageOf('content/backstages/activate/offer.md', READS_AS.inform)).source).toBe('inferred');
  });

  it('reads front matter stage: (YAML or TOML) from the source, leaving the prose as it was', async () => {
    const yaml = `---\ntitle: Spring offer\nstage: "entice"  # marketing decided\n---\n${READS_AS.inform}`;
    const [unit] = await unitsOf({ path: 'content/offer.md', text: yaml });
    expect(unit!.stage).toMatchObject({ stage: 'entice', source: 'front-matter', confidence: 1, cues: ['front matter stage: entice'] });
    const [plain] = await unitsOf({ path: 'content/offer.md', text: READS_AS.inform });
    expect(unit!.metrics.words).toBe(plain!.metrics.words);
    expect((await stageOf('content/offer.md', `+++\nstage = 'advocate'\n+++\n${READS_AS.inform}`)).source).toBe('front-matter');
    // Only front matter that opens the file counts, and only in Markdown.
    expect((await stageOf('content/offer.md', `${READS_AS.inform}\n---\nstage: entice\n---\n`)).source).toBe('inferred');
    expect((await stageOf('content/offer.txt', `---\nstage: entice\n---\n${READS_AS.inform}`)).source).toBe('inferred');
  });

  it('passes over a declared value that is no stage, and says so in the cues', async () => {
    const decision = await stageOf('stages/activte/offer.md', `---\nstage: enticement\n---\n${READS_AS.advocate}`, { stage: 'bogus' });
    expect(decision.stage).toBe('advocate');
    expect(decision.source).toBe('inferred');
    expect(decision.cues.slice(0, 3)).toEqual([
      'S3 metadata x-amz-meta-clarity-stage: bogus names no stage (use one of inform, entice, activate, reciprocate, advocate), so it was ignored',
      'the folder stages/activte/ names no stage (use one of inform, entice, activate, reciprocate, advocate; did you mean "activate"?), so it was ignored',
      'front matter stage: enticement names no stage (use one of inform, entice, activate, reciprocate, advocate), so it was ignored',
    ]);
  });

  it('reads the config: globs relative to the config file, the first match winning', async () => {
    const loaded = parseConfig({ stages: { 'promos/**': 'entice', 'promos/referrals/*.md': 'advocate', '**/*.html': 'activate' } }, '/site/clarity.config.json');
    if (!loaded.ok) throw new Error(loaded.error.message);
    const options = engineOptionsOf(loaded.value, personas);
    expect(await stageOf('/site/promos/referrals/spring.md', READS_AS.inform, {}, options)).toEqual({
      stage: 'entice',
      source: 'config',
      confidence: 1,
      cues: ['clarity.config.json stages: "promos/**" → entice'],
    });
    expect((await stageOf('/site/pages/home.html', '<p>Opening hours are nine to five on weekdays.</p>', {}, options)).stage).toBe('activate');
    expect((await stageOf('/elsewhere/promos/spring.md', READS_AS.inform, {}, options)).source).toBe('inferred');
  });

  it('refuses a config stage that is not one, naming the glob and the stages', () => {
    const bad = parseConfig({ stages: { 'sales/**': 'enticce', '': 'inform' } }, 'clarity.config.json');
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('invalid-config');
    expect(bad.error.message).toContain('stages.sales/**: "enticce" is not a stage; use one of inform, entice, activate, reciprocate, advocate (did you mean "entice"?)');
    expect(bad.error.message).toContain('a stages glob cannot be empty');
    const misspelt = parseConfig({ stage: { '**': 'inform' } }, 'clarity.config.json');
    expect(misspelt.ok || misspelt.error.message).toContain('did you mean "stages"?');
  });
});

describe('channel defaults', () => {
  const macros = JSON.stringify([
    { title: 'Refund sent', body: 'Your refund of $40 went back to your card today. Banks take up to 5 working days to show it.' },
    { title: 'Review request', body: 'Thanks for choosing Harbor this year. Would you recommend us to a friend? Leave us a review on Trustpilot and tell others how we did.' },
  ]);

  it("gives a macro export's replies reciprocate, with less confidence when a reply reads as another stage", async () => {
    const [refund, review] = await unitsOf({ path: 'exports/macros.json', text: macros });
    expect(refund!.stage).toMatchObject({ stage: 'reciprocate', source: 'channel-default', confidence: 0.7, cues: ["a support macro's reply: reciprocate by default"] });
    expect(review!.stage.stage).toBe('reciprocate');
    expect(review!.stage.confidence).toBeLessThan(0.5);
    expect(review!.stage.cues[1]).toMatch(/^but its text reads as advocate: .*; declare its stage if that is its job$/);
  });

  it('gives a sales script entice, or activate when its text calls to action', async () => {
    const pitch = await stageOf('sales/pitch.md', READS_AS.inform);
    expect(pitch).toMatchObject({ stage: 'entice', source: 'channel-default', confidence: 0.7 });
    const close = await stageOf('sales/close.md', READS_AS.activate);
    expect(close.stage).toBe('activate');
    expect(close.source).toBe('channel-default');
    expect(close.cues).toEqual(['a sales script: entice or activate by default', expect.stringMatching(/^activate from its text: 2 calls to action/)]);
    // "script" must be a word of the path: a "description" is no sales script.
    expect((await stageOf('policies/incident-response-description.md', READS_AS.inform)).source).toBe('inferred');
  });

  it('gives a help article inform; a declared stage or the asset\'s own channel overrides the default', async () => {
    expect(await stageOf('help/refunds.md', READS_AS.inform)).toMatchObject({ stage: 'inform', source: 'channel-default' });
    expect((await stageOf('help/stages/advocate/refunds.md', READS_AS.inform)).source).toBe('key-prefix');
    expect((await stageOf('help/refunds.md', READS_AS.entice, { channel: 'web-page' })).source).toBe('inferred');
  });
});

describe('priority of the sources', () => {
  const text = `---\nstage: entice\n---\n${READS_AS.reciprocate}`;
  const config = { stages: { globs: { '**': 'inform' as const } } };
  it('metadata, then key prefix, then front matter, then config, then channel, then the text', async () => {
    expect((await stageOf('stages/activate/sales/x.md', text, { stage: 'advocate' }, config)).source).toBe('metadata');
    expect((await stageOf('stages/activate/sales/x.md', text, {}, config)).source).toBe('key-prefix');
    expect((await stageOf('sales/x.md', text, {}, config)).source).toBe('front-matter');
    expect((await stageOf('sales/x.md', READS_AS.reciprocate, {}, config)).source).toBe('config');
    expect((await stageOf('sales/x.md', READS_AS.reciprocate)).source).toBe('channel-default');
    expect(await stageOf('content/x.md', READS_AS.reciprocate)).toMatchObject({ stage: 'reciprocate', source: 'inferred' });
  });
});

describe('the report', () => {
  it('bumps the schema: version 3 validates reports with stage fit, versions 2 and 1 still validate reports written before', async () => {
    // An inform text declared advocate: it has a stage-fit finding (nothing asks the reader to refer or review).
    const units = await unitsOf({ path: 'stages/advocate/offer.md', text: READS_AS.inform });
    const report = buildReport(personas, units, []);
    expect(report.schemaVersion).toBe(3);
    // What clarity wrote before stage fit (version 2) and before stages (version 1): the same report without them.
    const v2Units = report.units.map(({ stage: { fit: _fit, ...stage }, scores, findings, ...u }) => ({
      ...u,
      stage,
      scores: scores.map(({ stageFit: _part, ...s }) => s),
      findings: findings.filter((f) => f.category !== 'stage-fit'),
    }));
    const older = { ...report, schemaVersion: 2, units: v2Units };
    const old = { ...report, schemaVersion: 1, units: v2Units.map(({ stage: _stage, ...u }) => u) };
    const ajv = new Ajv2020({ strict: false });
    const [v1, v2, v3] = [1, 2, 3].map((v) => ajv.compile(JSON.parse(readFileSync(`schema/audit-report.v${v}.json`, 'utf8'))));
    expect(v3!(report), JSON.stringify(v3!.errors)).toBe(true);
    expect(v2!(older), JSON.stringify(v2!.errors)).toBe(true);
    expect(v1!(old), JSON.stringify(v1!.errors)).toBe(true);
    expect(v2!(report)).toBe(false);
    expect(v3!(older)).toBe(false);
    expect(v1!(report)).toBe(false);
    expect(v2!(old)).toBe(false);
    // A stage-fit finding is a version 3 category.
    const fitFinding = report.units[0]!.findings.find((f) => f.ruleId === 'advocate-referral');
    expect(fitFinding?.category).toBe('stage-fit');
    expect(v2!({ ...older, units: [{ ...older.units[0], findings: [fitFinding] }] })).toBe(false);
    expect(v3!({ ...report, units: [{ ...report.units[0], stage: { ...report.units[0]!.stage, stage: 'nurture' } }] })).toBe(false);
    expect(auditReportSchema.safeParse(report).success).toBe(true);
    expect(auditReportSchemaV2.safeParse(older).success).toBe(true);
    expect(auditReportSchemaV1.safeParse(old).success).toBe(true);
  });

  it('keeps the published version 1 and 2 schemas byte for byte', () => {
    expect(createHash('sha256').update(readFileSync('schema/audit-report.v1.json')).digest('hex')).toBe('96067ce845ae1ada7db1cb666a409eba18ff12972e26a0ff9ee9632b51239d84');
    expect(createHash('sha256').update(readFileSync('schema/audit-report.v2.json')).digest('hex')).toBe('7e37c8d13e9778e178fe83cdefb30c6356fcb68824d3e26795e53fc36d67c045');
  });

  it('names the stage and how it was decided in the text report', async () => {
    const declared = await unitsOf({ path: 'stages/activate/offer.md', text: READS_AS.inform });
    const guessed = await unitsOf({ path: 'content/note.md', text: 'Your policy number is on the first page of the schedule.\n' });
    const text = renderText(buildReport(personas, [...declared, ...guessed], []));
    expect(text).toContain('\n  Stage: activate (declared by its folder) — the folder stages/activate/\n');
    expect(text).toMatch(/\n {2}Stage: inform \(inferred from the text, low confidence 0\.\d+\) — 1 plain statement, with no call to action, invitation or referral\n/);
  });
});

describe('the pipeline carries the stage', () => {
  let dir: string;
  let p: LocalPipeline;
  const assets = 'clarity-assets';
  const events = (): { detail: { key: string; stage?: UnitStage } }[] =>
    existsSync(p.eventsFile) ? readFileSync(p.eventsFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  const upload = (key: string, body: string | Uint8Array, metadata: Record<string, string> = {}) => p.s3.send(new PutObjectCommand({ Bucket: assets, Key: key, Body: body, Metadata: metadata }));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clarity-stage-'));
    p = await startLocalPipeline({ dir, persist: false, personas: BUILTIN_PERSONAS });
  });
  afterAll(async () => {
    await p?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('into the audit item, the AuditCompleted event and the stored report', async () => {
    await upload('web-pages/offer.md', READS_AS.inform, { 'clarity-stage': 'activate' });
    await upload('stages/advocate/thanks.md', READS_AS.inform);
    await upload('support-macros/replies.json', macrosExport);
    await upload('content/entice.md', READS_AS.entice);
    // Never read as prose (binary), but its key declares a stage, so the record keeps it as it keeps the channel.
    await upload('stages/entice/banner.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]));
    await p.settled();

    const expected: Record<string, Pick<StageDecision, 'stage' | 'source'>> = {
      'web-pages/offer.md': { stage: 'activate', source: 'metadata' },
      'stages/advocate/thanks.md': { stage: 'advocate', source: 'key-prefix' },
      'support-macros/replies.json': { stage: 'reciprocate', source: 'channel-default' },
      'content/entice.md': { stage: 'entice', source: 'inferred' },
      'stages/entice/banner.md': { stage: 'entice', source: 'key-prefix' },
    };
    for (const [key, stage] of Object.entries(expected)) {
      const [item] = await versionItems(p, assets, key);
      expect(item?.stage, key).toMatchObject(stage);
      const sent = events().filter((e) => e.detail.key === key);
      expect(sent, key).toHaveLength(1);
      expect(sent[0]!.detail.stage, key).toEqual(item!.stage);
    }
    const [skipped] = await versionItems(p, assets, 'stages/entice/banner.md');
    expect(skipped).toMatchObject({ status: 'skipped', code: 'binary' });

    const [offer] = await versionItems(p, assets, 'web-pages/offer.md');
    const res = await fetch(`${p.apiUrl}/reports/${assets}/${encodeURIComponent('web-pages/offer.md')}`);
    const report = (await res.json()) as AuditReport;
    expect(report.schemaVersion).toBe(3);
    expect(report.units[0]!.stage).toEqual(offer!.stage);
    // The stage's fit travels with it: an inform text declared advocate asks no one to refer or review, and gives them no claim to pass on.
    const fitOf = (item: Record<string, unknown> | undefined) => (item?.stage as UnitStage | undefined)?.fit;
    expect(fitOf(offer)).toEqual(report.units[0]!.stage.fit);
    const [thanks] = await versionItems(p, assets, 'stages/advocate/thanks.md');
    expect(fitOf(thanks)).toEqual({ pass: false, findings: 2, rules: ['advocate-plain-claim', 'advocate-referral'] });
    expect(events().find((e) => e.detail.key === 'stages/advocate/thanks.md')?.detail.stage?.fit).toEqual(fitOf(thanks));
    const [entice] = await versionItems(p, assets, 'content/entice.md');
    expect(fitOf(entice)?.pass).toBe(true);
  });

  it('from clarity upload --stage, which refuses a stage that is not one', async () => {
    writeFileSync(join(dir, 'spring.md'), READS_AS.inform);
    const bad = await runCli(['upload', 'spring.md', '--endpoint', p.emulators.s3Endpoint, '--stage', 'nurture'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--stage must be one of inform, entice, activate, reciprocate, advocate (got "nurture")');
    const up = await runCli(['upload', 'spring.md', '--endpoint', p.emulators.s3Endpoint, '--prefix', 'promos/', '--stage', 'entice'], dir);
    expect(up.code, up.stderr).toBe(0);
    await p.settled();
    const [item] = await versionItems(p, assets, 'promos/spring.md');
    expect(item?.stage).toMatchObject({ stage: 'entice', source: 'metadata' });
  });
});

const macrosExport = JSON.stringify([
  { title: 'Refund sent', body: 'Your refund of $40 went back to your card today. Banks take up to 5 working days to show it.' },
  { title: 'Anything else', body: 'Thanks for your message. Is there anything else we can help with? Just reply to this email.' },
]);
