/**
 * Word lists for the passive-voice check: a be-verb followed (optionally after
 * an adverb) by a past participle. Regular participles end in -ed; the
 * irregular ones are listed here. `notParticiples` are -ed/-en words that after
 * "is/are" describe a state or feeling rather than an action done to someone,
 * so they are not reported as passive in customer text.
 *
 * "been" is a be-verb, not a participle for this purpose. Words that are also
 * in `notParticiples` (e.g. "upset", "mistaken") are deliberately left out of
 * `irregularParticiples`.
 */

export const irregularParticiples: string[] = [
  'arisen', 'awoken', 'beaten', 'become', 'begun', 'bent', 'bet', 'bid', 'bitten', 'bled',
  'blown', 'borne', 'born', 'bound', 'bred', 'broadcast', 'broken', 'brought', 'built', 'burnt',
  'burst', 'bought', 'cast', 'caught', 'chosen', 'clung', 'come', 'cost', 'crept', 'cut',
  'dealt', 'done', 'drawn', 'dreamt', 'driven', 'drunk', 'dug', 'dwelt', 'eaten', 'fallen',
  'fed', 'felt', 'fled', 'flown', 'flung', 'forbidden', 'forecast', 'foreseen', 'forgiven', 'forgotten',
  'forsaken', 'fought', 'found', 'frozen', 'given', 'gone', 'gotten', 'ground', 'grown', 'heard',
  'held', 'hidden', 'hit', 'hung', 'hurt', 'kept', 'knelt', 'known', 'laid', 'lain',
  'leant', 'leapt', 'learnt', 'led', 'left', 'lent', 'let', 'lit', 'lost', 'made',
  'meant', 'met', 'mislaid', 'misled', 'misread', 'misspelt', 'misunderstood', 'mown', 'outgrown', 'overcome',
  'overdone', 'overdrawn', 'overheard', 'overpaid', 'overridden', 'overrun', 'overseen', 'oversold', 'overtaken', 'overthrown',
  'paid', 'prepaid', 'proven', 'put', 'quit', 'read', 'rebuilt', 'redone', 'remade', 'repaid',
  'reread', 'reset', 'resold', 'retaken', 'retold', 'rewritten', 'rid', 'ridden', 'risen', 'run',
  'rung', 'said', 'sat', 'sawn', 'seen', 'sent', 'set', 'sewn', 'shaken', 'shed',
  'shone', 'shot', 'shown', 'shrunk', 'shut', 'slain', 'slept', 'slid', 'slit', 'sold',
  'sought', 'sown', 'sped', 'spelt', 'spent', 'spilt', 'split', 'spoilt', 'spoken', 'spread',
  'sprung', 'spun', 'stolen', 'stood', 'strewn', 'stricken', 'striven', 'struck', 'strung', 'stuck',
  'stung', 'sunk', 'sung', 'sworn', 'swept', 'swollen', 'swum', 'swung', 'taken', 'taught',
  'thought', 'thrown', 'thrust', 'told', 'torn', 'trodden', 'underpaid', 'undergone', 'understood', 'undertaken',
  'underwritten', 'undone', 'upheld', 'wed', 'wept', 'withdrawn', 'withheld', 'withstood', 'woken', 'won',
  'worn', 'wound', 'woven', 'written', 'wrung',
];

/** Forms of "be" that introduce a passive. Contractions ending in 's are excluded ("it's" may be "it has"). */
export const beVerbs: string[] = [
  'am', 'is', 'are', 'was', 'were', 'be', 'been', 'being',
  "isn't", "aren't", "wasn't", "weren't",
  "i'm", "you're", "we're", "they're",
];

/** -ed/-en words that after a be-verb describe a state, not a passive action. */
export const notParticiples: string[] = [
  'interested', 'concerned', 'pleased', 'tired', 'excited', 'supposed', 'married',
  'located', 'based', 'worried', 'satisfied', 'surprised', 'disappointed', 'delighted', 'confused',
  'frustrated', 'annoyed', 'bored', 'scared', 'frightened', 'amazed', 'thrilled', 'relieved',
  'committed', 'dedicated', 'qualified', 'experienced', 'entitled', 'determined', 'convinced', 'ashamed',
  'embarrassed', 'exhausted', 'overwhelmed', 'retired', 'unemployed', 'self-employed', 'talented', 'skilled',
  'complicated', 'sophisticated', 'unexpected', 'unrelated', 'divorced', 'widowed', 'shocked', 'impressed',
  'upset', 'mistaken', 'outspoken', 'renowned', 'crowded', 'biased', 'old-fashioned', 'unmarried',
  'unlimited', 'needed', 'related',
];

/**
 * Participles that after a be-verb make a fixed formula, not a passive to turn round: "is governed by the laws
 * of", "you're covered" (insurance). Not "deemed": "your notice will be deemed invalid" has an actor who matters.
 */
export const formulaParticiples: string[] = ['governed', 'covered'];
