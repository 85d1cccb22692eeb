import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { buildCli, CLI_HASHBANG } from '../bin/build.ts';
import { LspClient } from '../bench/lsp-client.ts';
import { cliInvocation } from '../lib/cli/commands/dev.ts';
import { VERSION } from '../lib/version.ts';

// `clarity dev` and `clarity upload` exactly as a user runs them: the built bundle, in its own processes.
let dir: string;
let cli: string;
let out: string;
let dev: ChildProcess;
let output = '';
let devStderr = '';

/** The environment a user's shell gives: without the test setup's switch for the AWS SDK's Node version warning. */
const userEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'));
const SDK_WARNING = 'NodeVersionSupportWarning';

/** `clarity dev` in its own process, resolved once its banner is out. */
async function startDev(cwd: string): Promise<{ child: ChildProcess; out: () => string; err: () => string }> {
  let out = '';
  let err = '';
  const child = spawn(process.execPath, [cli, 'dev', '--api-port', '0', '--s3-port', '0', '--dynamodb-port', '0', '--log-level', 'WARN'], { cwd, env: userEnv });
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (err += String(d)));
  await poll(async () => (out.includes('Ctrl-C stops it.') ? true : child.exitCode !== null ? Promise.reject(new Error(`clarity dev exited ${child.exitCode}: ${out}${err}`)) : undefined));
  return { child, out: () => out, err: () => err };
}

function endpoint(label: string): string {
  const m = new RegExp(`${label}\\s+(http://127\\.0\\.0\\.1:\\d+)`).exec(output);
  if (!m?.[1]) throw new Error(`no ${label} in: ${output}`);
  return m[1];
}

async function poll<T>(fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clarity-dev-'));
  // Built inside the project so the bundle's runtime dependencies (the emulators) resolve from node_modules.
  mkdirSync(join(process.cwd(), 'test-output'), { recursive: true });
  out = mkdtempSync(join(process.cwd(), 'test-output', 'dist-'));
  await buildCli(out);
  cli = join(out, 'clarity.js');
  mkdirSync(join(dir, 'content'));
  mkdirSync(join(dir, 'examples'));
  writeFileSync(join(dir, 'examples', 'web-page.html'), '<p>We got your form. Your card is on its way.</p>');
  writeFileSync(join(dir, 'content', 'letter.md'), 'Pursuant to your policy, the deductible may be subject to adjustment.');
  writeFileSync(join(dir, 'content', 'note.txt'), 'We got your form. Your card is on its way.');
  const started = await startDev(dir);
  dev = started.child;
  output = started.out();
  dev.stdout?.on('data', (d) => (output += String(d)));
  dev.stderr?.on('data', (d) => (devStderr += String(d)));
  devStderr = started.err();
}, 60_000);

afterAll(() => {
  dev?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

describe('the built clarity bin', () => {
  it('serves the language server over stdio, its protocol library loaded from the bundle', async () => {
    const client = await LspClient.start([cli, 'lsp', '--stdio'], dir);
    const diagnostics = await client.open(join(dir, 'content', 'letter.md'), 'markdown', 'Pursuant to your policy, the deductible may be subject to adjustment.');
    expect(diagnostics.map((d) => d.code)).toContain('plain-words');
    expect(await client.stop()).toBe(0);
  });

  it('starts with a hashbang and runs as an executable', () => {
    expect(readFileSync(cli, 'utf8').split('\n')[0]).toBe(CLI_HASHBANG);
    // Run as npm's bin link runs it: the file itself, no `node` in front.
    const run = spawnSync(cli, ['--version'], { encoding: 'utf8' });
    expect(run.error).toBeUndefined();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(VERSION);
  });
});

describe('clarity dev', () => {
  it('prints an upload command that works as printed, from the folder it runs in', async () => {
    const line = /^Upload with.*\n {2}(.+ upload examples --endpoint http:\/\/127\.0\.0\.1:\d+)$/m.exec(output)?.[1];
    expect(line, output).toBeDefined();
    expect(line).not.toMatch(/^clarity /);
    // The bundle was started with node and its path (here, absolute: it is outside the folder).
    expect(line).toMatch(new RegExp(`^node ${cli.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} upload`));
    const [command, ...args] = line!.split(' ');
    const up = spawnSync(command === 'node' ? process.execPath : command!, args, { cwd: dir, encoding: 'utf8', env: userEnv });
    expect(up.status, up.stderr).toBe(0);
    expect(up.stdout).toContain('uploaded s3://clarity-assets/examples/web-page.html');
    expect(up.stderr).not.toContain(SDK_WARNING);
  });

  it('audits files uploaded with clarity upload and serves them on the report API', async () => {
    const up = spawnSync(process.execPath, [cli, 'upload', 'content', '--endpoint', endpoint('S3 \\(s3rver\\)'), '--prefix', 'help-center/'], { cwd: dir, encoding: 'utf8', env: userEnv });
    expect(up.status, up.stderr).toBe(0);
    expect(up.stderr).not.toContain(SDK_WARNING);
    expect(up.stdout).toContain('uploaded s3://clarity-assets/help-center/content/letter.md');
    const api = endpoint('Report API');
    const audits = await poll(async () => {
      const body = (await (await fetch(`${api}/audits?persona=first-time-consumer`)).json()) as { audits: { key: string; score: number; channel: string }[] };
      const mine = body.audits.filter((a) => a.key.startsWith('help-center/'));
      return mine.length === 2 ? mine : undefined;
    });
    expect(audits.map((a) => a.key)).toEqual(['help-center/content/letter.md', 'help-center/content/note.txt']);
    expect(audits[0]!.score).toBeLessThan(audits[1]!.score);
    expect(audits.every((a) => a.channel === 'help-article')).toBe(true);
    const html = await fetch(`${api}/reports/clarity-assets/help-center/content/letter.md?format=html`);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('deductible');
  });

  it('takes personas pushed to its table', async () => {
    writeFileSync(join(dir, 'clarity.config.json'), JSON.stringify({ personas: [{ id: 'technical-admin', name: 'Renamed admin' }] }));
    const push = spawnSync(process.execPath, [cli, 'personas', 'push', '--endpoint', endpoint('DynamoDB \\(dynalite\\)')], { cwd: dir, encoding: 'utf8' });
    expect(push.status, push.stderr).toBe(0);
    expect(push.stdout).toContain('pushed 3 persona(s) to clarity-personas');
    const personas = (await (await fetch(`${endpoint('Report API')}/personas`)).json()) as { personas: { id: string; name: string }[] };
    expect(personas.personas.find((p) => p.id === 'technical-admin')?.name).toBe('Renamed admin');
  });

  it('refuses keys that would leave the emulator folder, before uploading anything', () => {
    const s3 = endpoint('S3 \\(s3rver\\)');
    const viaPrefix = spawnSync(process.execPath, [cli, 'upload', 'content', '--endpoint', s3, '--prefix', '../../'], { cwd: dir, encoding: 'utf8', env: userEnv });
    expect(viaPrefix.status).toBe(2);
    expect(viaPrefix.stderr).toContain('the key "../../content/letter.md" (content/letter.md)');
    expect(viaPrefix.stderr).toContain('Nothing was uploaded.');
    expect(viaPrefix.stdout).toBe('');
    // A file outside the folder clarity upload runs in.
    const outside = spawnSync(process.execPath, [cli, 'upload', '../examples/web-page.html', '--endpoint', s3], { cwd: join(dir, 'content'), encoding: 'utf8', env: userEnv });
    expect(outside.status).toBe(2);
    expect(outside.stderr).toContain('the key "../examples/web-page.html"');
    const data = join(dir, '.clarity', 'dev');
    const stray = readdirSync(data, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !join(e.parentPath, e.name).startsWith(join(data, 's3')) && !join(e.parentPath, e.name).startsWith(join(data, 'dynamodb')));
    expect(stray.map((e) => e.name)).toEqual(['events.jsonl']);
    expect(existsSync(join(dir, 'content', 'letter.md._S3rver_object'))).toBe(false);
  });

  it('says which flag to change when a port is taken, instead of crashing', () => {
    const taken = /S3 \(s3rver\)\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(output)![1]!;
    const other = mkdtempSync(join(tmpdir(), 'clarity-dev-'));
    try {
      const second = spawnSync(process.execPath, [cli, 'dev', '--api-port', '0', '--s3-port', taken, '--dynamodb-port', '0'], { cwd: other, encoding: 'utf8', env: userEnv, timeout: 15_000 });
      expect(second.status, second.stderr).toBe(2);
      expect(second.stderr).toContain(`port ${taken} is in use (is another clarity dev running?): pick another with --s3-port`);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('stops on SIGTERM: consumers, then emulators, exit 143, no AWS SDK Node version warning on the way', async () => {
    const exited = new Promise<number | null>((resolve) => dev.once('exit', (code) => resolve(code)));
    dev.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(output).toMatch(/clarity dev: stopping \(SIGTERM\)[^\n]*\nclarity dev: stopped\./);
    expect(devStderr).not.toContain(SDK_WARNING);
  });

  it('stops on Ctrl-C (SIGINT) with exit 130', async () => {
    const other = mkdtempSync(join(tmpdir(), 'clarity-dev-'));
    try {
      const { child, out } = await startDev(other);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      // Bounded by the test's timeout: a process that does not stop fails it.
      expect(await exited).toBe(130);
      expect(out()).toContain('clarity dev: stopped.');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 20_000);
});

describe('the command the banner prints', () => {
  it('is the npm script in a clone, npx for an installed package, else node (or tsx) and the script', () => {
    expect(cliInvocation({ npm_lifecycle_event: 'clarity' }, '/repo/dist/clarity.js', '/repo')).toBe('npm run clarity --');
    expect(cliInvocation({}, '/app/node_modules/clarity/dist/clarity.js', '/app')).toBe('npx clarity');
    expect(cliInvocation({}, '/app/node_modules/.bin/clarity', '/app')).toBe('npx clarity');
    expect(cliInvocation({}, '/repo/dist/clarity.js', '/repo')).toBe('node dist/clarity.js');
    expect(cliInvocation({}, '/repo/bin/clarity.ts', '/repo')).toBe('npx tsx bin/clarity.ts');
    expect(cliInvocation({}, '/repo/dist/clarity.js', '/elsewhere')).toBe('node /repo/dist/clarity.js');
    expect(cliInvocation({}, "/my repo/it's/clarity.js", '/')).toBe(`node 'my repo/it'\\''s/clarity.js'`);
  });
});
