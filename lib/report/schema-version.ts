/** The published report's version; a module of its own so the audit Lambda need not load the zod schema. */
export const REPORT_SCHEMA_VERSION = 3;
