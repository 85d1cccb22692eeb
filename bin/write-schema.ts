import { writeFileSync } from 'node:fs';
import { auditReportJsonSchema } from '../lib/report/schema.ts';

// Regenerates the published JSON Schema from the zod schema (npm run schema).
writeFileSync(new URL('../schema/audit-report.v1.json', import.meta.url), JSON.stringify(auditReportJsonSchema(), null, 2) + '\n');
