import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { glossaryJsonSchema, glossarySchema } from '../lib/glossary/schema.ts';

/** A small team glossary of this test's own: one term of each status. */
const GLOSSARY = {
  version: 1,
  name: 'acme',
  terms: [
    { term: 'Acme Shield', status: 'preferred', caseSensitive: true },
    { term: 'policyholder', status: 'admitted' },
    { term: 'log on', status: 'deprecated', use: 'sign in', variants: ['logon'] },
    { term: 'claim number', status: 'jargon', plain: 'the number we give your claim', known: ['technical-admin'] },
  ],
};

const issues = (data: unknown): string[] => {
  const r = glossarySchema.safeParse(data);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('glossary format', () => {
  it('accepts a glossary with each status', () => {
    expect(issues(GLOSSARY)).toEqual([]);
  });

  it('says which field a status needs or does not take', () => {
    expect(issues({ version: 1, terms: [{ term: 'logon', status: 'deprecated' }] })).toEqual(['terms.0.use: a deprecated term needs “use”']);
    expect(issues({ version: 1, terms: [{ term: 'claim', status: 'jargon' }] })).toEqual(['terms.0.plain: a jargon term needs “plain”']);
    expect(issues({ version: 1, terms: [{ term: 'claim', status: 'preferred', plain: 'x', known: ['technical-admin'] }] })).toEqual([
      'terms.0.plain: only a jargon term takes “plain” (this one is preferred)',
      'terms.0.known: only a jargon term takes “known” (this one is preferred)',
    ]);
  });

  it('refuses a term clarity could never match, and one listed twice', () => {
    expect(issues({ version: 1, terms: [{ term: 'C++', status: 'preferred' }] })).toEqual(['terms.0.term: “C++” is not words separated by single spaces (clarity would read it as “C”)']);
    expect(issues({ version: 1, terms: [{ term: 'Sign in', status: 'preferred' }, { term: 'login', status: 'deprecated', use: 'sign in', variants: ['sign in'] }] })).toEqual(['terms.1.variants.0: “sign in” is already listed at terms.0']);
    // Case-sensitive names are told apart by case.
    expect(issues({ version: 1, terms: [{ term: 'Lemonade', status: 'preferred', caseSensitive: true }, { term: 'lemonade', status: 'admitted', caseSensitive: true }] })).toEqual([]);
  });

  it('is versioned', () => {
    expect(issues({ ...GLOSSARY, version: 2 })).toEqual(['version: Invalid input: expected 1']);
    expect(issues({ terms: [] })[0]).toMatch(/^version: /);
  });

  it('publishes a JSON Schema in step with the zod schema, which checks what each status needs', () => {
    const published = JSON.parse(readFileSync('schema/glossary.v1.json', 'utf8')) as Record<string, unknown>;
    expect(published).toEqual(glossaryJsonSchema());
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(published);
    expect(validate(GLOSSARY), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ version: 1, terms: [{ term: 'logon', status: 'deprecated' }] })).toBe(false);
    expect(validate({ version: 1, terms: [{ term: 'claim', status: 'preferred', plain: 'x' }] })).toBe(false);
  });
});
