import type { ExperienceGoal, Persona } from '../types.ts';

/*
 * The built-in personas. Goal weights say which findings hurt which feeling:
 * hedging and fear words shake "assured", jargon and undefined acronyms leave
 * a reader short of "knowledgeable", condescension costs "respected", and long
 * tangled sentences take away "in control". An asset that does not do its stage's job (no clear next step, no way
 * to reach a person) costs "in control" and "assured" alike.
 */

const assured = (weight: number): ExperienceGoal => ({
  id: 'assured',
  label: 'Assured',
  weight,
  categoryWeights: { hedging: 3, fear: 3, jargon: 1, acronym: 1, passive: 1, 'sentence-grade': 0.5, 'stage-fit': 1 },
});

const knowledgeable = (weight: number): ExperienceGoal => ({
  id: 'knowledgeable',
  label: 'Knowledgeable',
  weight,
  categoryWeights: { jargon: 3, acronym: 3, 'uncommon-word': 2, 'sentence-grade': 2, nominalisation: 1, wordiness: 1, 'sentence-length': 1 },
});

const inControl = (weight: number): ExperienceGoal => ({
  id: 'in-control',
  label: 'In control',
  weight,
  categoryWeights: { 'sentence-length': 2, clauses: 2, 'long-paragraph': 2, passive: 1.5, wordiness: 1, hedging: 1, nominalisation: 1, 'stage-fit': 1 },
});

const respected = (weight: number): ExperienceGoal => ({
  id: 'respected',
  label: 'Respected',
  weight,
  categoryWeights: { condescension: 4, fear: 1, wordiness: 0.5, jargon: 0.5 },
});

/**
 * What anyone who uses a phone or the web knows, though a frequency list drawn from film subtitles ranks it rare
 * ("browsers" at 61,851): the built-in personas other than the administrator know it too.
 */
const EVERYDAY_WEB = ['email', 'online', 'password', 'app', 'website', 'browser', 'upload', 'download', 'attachment', 'login', 'username', 'screenshot', 'notification', 'inbox', 'homepage', 'smartphone', 'wifi'];

export const BUILTIN_PERSONAS: readonly Persona[] = [
  {
    id: 'small-business-owner',
    name: 'Small-business owner buying insurance',
    description: 'Runs a ten-person business and is buying cover for it; smart and busy, not an insurance expert. Wants to feel assured the cover is right and knowledgeable enough to choose.',
    targetGrade: 8,
    maxSentenceLength: 22,
    vocabulary: 30000,
    knownTerms: ['invoice', 'payroll', 'revenue', 'employee', 'contractor', 'tax', 'VAT', 'CEO', 'HR', 'LLC', ...EVERYDAY_WEB],
    unfamiliarTerms: ['subrogation', 'indemnity', 'actuarial', 'underwriting', 'aggregate limit'],
    knownPacks: [],
    goals: [assured(0.35), knowledgeable(0.35), inControl(0.15), respected(0.15)],
    // Choosing cover: what it is and what is in it for the business matter most.
    stageWeights: { inform: 1.25, entice: 1.25 },
  },
  {
    id: 'first-time-consumer',
    name: 'First-time consumer',
    description: 'Signing up for a financial or insurance product for the first time, often on a phone; anxious about getting it wrong. Wants to feel respected and in control.',
    targetGrade: 6,
    maxSentenceLength: 20,
    vocabulary: 15000,
    knownTerms: [...EVERYDAY_WEB],
    unfamiliarTerms: ['premium', 'deductible', 'beneficiary', 'liability', 'fiduciary'],
    knownPacks: [],
    goals: [assured(0.3), respected(0.25), inControl(0.25), knowledgeable(0.2)],
    // New and anxious: a clear next step and a person to ask matter most.
    stageWeights: { activate: 1.5, reciprocate: 1.25 },
  },
  {
    id: 'technical-admin',
    name: 'Technical administrator',
    description: 'Sets up and runs the product for their company. IT vocabulary is everyday to them; vagueness and being talked down to are not. Wants to feel in control.',
    targetGrade: 12,
    maxSentenceLength: 28,
    vocabulary: 45000,
    knownTerms: ['API', 'SSO', 'SAML', 'DNS', 'CLI', 'JSON', 'YAML', 'OAuth', 'webhook', 'endpoint', 'latency', 'config', 'admin'],
    unfamiliarTerms: [],
    knownPacks: ['software-it'],
    goals: [inControl(0.4), knowledgeable(0.25), respected(0.2), assured(0.15)],
    // Finds their own way to the next step, and is not the one being sold to.
    stageWeights: { activate: 0.75, entice: 0.5, advocate: 0.75 },
  },
];
