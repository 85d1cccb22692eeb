import { writeFileSync } from 'node:fs';
import { auditReportJsonSchema, PUBLISHED_REPORT_VERSIONS } from '../lib/report/schema.ts';
import { glossaryJsonSchema } from '../lib/glossary/schema.ts';

// Regenerates the published JSON Schemas from the zod schemas (npm run schema).
const write = (file: string, schema: Record<string, unknown>): void => writeFileSync(new URL(`../schema/${file}`, import.meta.url), JSON.stringify(schema, null, 2) + '\n');
for (const version of PUBLISHED_REPORT_VERSIONS) write(`audit-report.v${version}.json`, auditReportJsonSchema(version));
write('glossary.v1.json', glossaryJsonSchema());
