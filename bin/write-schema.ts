import { writeFileSync } from 'node:fs';
import { auditReportJsonSchema } from '../lib/report/schema.ts';
import { glossaryJsonSchema } from '../lib/glossary/schema.ts';

// Regenerates the published JSON Schemas from the zod schemas (npm run schema).
const write = (file: string, schema: Record<string, unknown>): void => writeFileSync(new URL(`../schema/${file}`, import.meta.url), JSON.stringify(schema, null, 2) + '\n');
write('audit-report.v1.json', auditReportJsonSchema());
write('glossary.v1.json', glossaryJsonSchema());
