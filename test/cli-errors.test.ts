import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { EXIT, type Io } from '../lib/cli/main.ts';
import type { AuditReport } from '../lib/engine/types.ts';
import { runCli } from './cli-helpers.ts';

let dir: string;

const run = (args: string[], io: Partial<Io> = {}) => runCli(args, dir, io);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clarity-cli-errors-'));
  writeFileSync(join(dir, 'plain.md'), 'We got your form. Your new card is on its way.\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stack trace's frames: "    at fn (file:line:col)". */
const STACK = /^\s+at /m;

describe('internal errors', () => {
  // Any crash inside a command will do: here writing the output throws.
  const broken: Partial<Io> = {
    stdout: () => {
      throw new TypeError("Cannot read properties of undefined (reading 'units')");
    },
  };

  it('exit 3 with the error on one line and how to report it, no stack trace', async () => {
    const r = await run(['personas'], broken);
    expect(r.code).toBe(EXIT.internal);
    expect(EXIT.internal).toBe(3);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("clarity: internal error: TypeError: Cannot read properties of undefined (reading 'units')");
    expect(lines[1]).toMatch(/bug in clarity .*report it.*CLARITY_DEBUG=1/);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('print the stack trace with CLARITY_DEBUG', async () => {
    const r = await run(['personas'], { ...broken, debug: true });
    expect(r.code).toBe(EXIT.internal);
    expect(r.stderr).toMatch(STACK);
  });
});

describe('--out', () => {
  it('creates missing folders', async () => {
    const r = await run(['audit', 'plain.md', '--out', 'reports/2026/clarity.json']);
    expect(r.code).toBe(EXIT.ok);
    const report = JSON.parse(readFileSync(join(dir, 'reports', '2026', 'clarity.json'), 'utf8')) as AuditReport;
    expect(report.units.map((u) => u.path)).toEqual(['plain.md']);
    // Written through a temporary file, which is gone.
    expect(readdirSync(join(dir, 'reports', '2026'))).toEqual(['clarity.json']);
  });

  it.each([
    ['a folder', 'folder', /could not write .*folder: it is a folder; give a file name/],
    ['under a file', 'plain.md/report.json', /could not write .*plain\.md\/report\.json: a file is in the way/],
  ])('says what is wrong when it names %s, in one line, exit 2', async (_, out, message) => {
    mkdirSync(join(dir, 'folder'), { recursive: true });
    const r = await run(['audit', 'plain.md', '--out', out]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('--report creates folders too, and a bad one is a one-line error', async () => {
    expect((await run(['audit', 'plain.md', '--report', 'sarif:ci/out/clarity.sarif'])).code).toBe(EXIT.ok);
    expect(JSON.parse(readFileSync(join(dir, 'ci', 'out', 'clarity.sarif'), 'utf8'))).toHaveProperty('version', '2.1.0');
    const r = await run(['audit', 'plain.md', '--report', 'sarif:plain.md/x.sarif']);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/^clarity: could not write .*x\.sarif: a file is in the way/);
  });
});

/** A port nothing listens on: bound, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** bin/clarity.ts as a process, through tsx, with a clean AWS environment. */
function cli(args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  return spawnSync(join(process.cwd(), 'node_modules', '.bin', 'tsx'), [join(process.cwd(), 'bin', 'clarity.ts'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...clean, AWS_CONFIG_FILE: join(dir, 'no-aws-config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-aws-credentials'), AWS_EC2_METADATA_DISABLED: 'true', ...env },
  });
}

describe('clarity upload and personas push: the usual mistakes are one sentence saying what to do', () => {
  it('upload when clarity dev is not running (ECONNREFUSED)', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const r = await run(['upload', 'plain.md', '--endpoint', endpoint]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toBe(`clarity: upload: nothing is listening at ${endpoint}: start 'clarity dev' first, or pass --endpoint with the S3 address it prints (http://127.0.0.1:4569 by default).\n`);
  });

  it('personas push when clarity dev is not running', async () => {
    const endpoint = `http://localhost:${await closedPort()}`;
    const r = await run(['personas', 'push', '--endpoint', endpoint]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/^clarity: personas push: nothing is listening at .*start 'clarity dev' first.*DynamoDB address/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('as a process: one line on stderr, no stack and no AWS SDK warning', async () => {
    const refused = cli(['upload', 'plain.md', '--endpoint', `http://127.0.0.1:${await closedPort()}`]);
    expect(refused.status).toBe(EXIT.usage);
    expect(refused.stderr).toMatch(/^clarity: upload: nothing is listening at http:\/\/127\.0\.0\.1:\d+: start 'clarity dev' first, or pass --endpoint .*\n$/);
    expect(refused.stderr.split('\n')).toHaveLength(2);

    // Without --endpoint the upload goes to AWS, which needs a region ("Region is missing").
    const noRegion = cli(['upload', 'plain.md']);
    expect(noRegion.status).toBe(EXIT.usage);
    expect(noRegion.stderr).toBe("clarity: upload: no --endpoint and no AWS region: for clarity dev, start it and pass --endpoint http://127.0.0.1:4569 (the S3 address it prints); for the deployed stack, set AWS_REGION or AWS_PROFILE.\n");

    const noCredentials = cli(['upload', 'plain.md'], { AWS_REGION: 'eu-west-1' });
    expect(noCredentials.status).toBe(EXIT.usage);
    expect(noCredentials.stderr).toMatch(/^clarity: upload: no AWS credentials found: set AWS_PROFILE, .*\n$/);
    expect(noCredentials.stderr).not.toMatch(STACK);
  });
});
