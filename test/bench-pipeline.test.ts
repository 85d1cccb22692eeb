import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { captureWrites } from './cli-helpers.ts';

// As `npm run bench` starts: without the test setup's switch for the AWS SDK's Node version warning (the bench
// module sets it itself), watching for that warning.
delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
const warnings: string[] = [];
process.on('warning', (w) => warnings.push(`${w.name}: ${w.message}`));
const { measureAuditLambda, timeUploads } = await import('../bench/pipeline.ts');

// `npm run bench`'s serverless part as bench.ts runs it: 500 uploads through the local pipeline, then the audit
// Lambda's cold start, in one process. Here with a few uploads, and with the bundle's folder missing (a fresh clone).

const root = process.cwd();
const fresh = join(root, 'test-output', `bench-fresh-${randomUUID()}`);
const files = mkdtempSync(join(root, 'test-output', 'bench-files-'));

afterAll(() => {
  rmSync(fresh, { recursive: true, force: true });
  rmSync(files, { recursive: true, force: true });
});

describe('bench: the local pipeline and the cold start in one process', () => {
  it('measures both, creating the folders it needs, without an error log', async () => {
    const paths = ['Reset your password on the sign-in page.', 'Utilize the portal in the event that you forget your password.'].map((text, i) => {
      const path = join(files, `${i}.md`);
      writeFileSync(path, text);
      return path;
    });
    const { writes, restore } = captureWrites();
    try {
      const uploads = await timeUploads(paths, 6);
      expect(uploads).toMatchObject({ uploads: 6, deadLetters: 0 });
      expect(existsSync(fresh)).toBe(false);
      const lambda = await measureAuditLambda(root, join(fresh, 'lambda'));
      expect(lambda.bundleBytes).toBeGreaterThan(100_000);
      expect(lambda.initMs).toBeGreaterThan(0);
      expect(lambda.firstInvocationMs).toBeGreaterThan(0);
    } finally {
      restore();
    }
    expect(writes.filter((w) => /ECONNREFUSED|"level":"(ERROR|WARN)"/.test(w))).toEqual([]);
    expect(warnings.filter((w) => w.includes('NodeVersionSupportWarning'))).toEqual([]);
  }, 120_000);
});
