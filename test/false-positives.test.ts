/**
 * The false-positive patterns an editor found in the real corpus (issue 9), each pinned with the case that must
 * still be flagged beside the one that must not.
 */
import { describe, expect, it } from 'vitest';
import { audit, byRule } from './engine-helpers.ts';

const flagged = async (text: string, ruleId: string): Promise<string[]> => byRule(await audit(text), ruleId).map((f) => f.text);

describe('condescension: only minimising an instruction talks down', () => {
  it('flags "just" and "simply" before an instruction', async () => {
    expect(await flagged('Just text STOP to the shortcode.', 'condescension')).toEqual(['Just']);
    expect(await flagged('Simply enter your code.', 'condescension')).toEqual(['Simply']);
    expect(await flagged('Then just click the link.', 'condescension')).toEqual(['just']);
    expect(await flagged('Obviously, you simply click Save.', 'condescension')).toEqual(['Obviously', 'simply']);
  });

  it('leaves "just" and "simply" that mean only, exactly or recently', async () => {
    for (const text of [
      'Tired of just uploading pictures?',
      'It is just as before.',
      'You just signed up.',
      'This offer is not just for you.',
      'More than just a swipe.',
      'The search simply guesses your location.',
      'They cannot cancel your cover simply because you made a mistake.',
      'It is free, just like for customers who pay.',
    ])
      expect(await flagged(text, 'condescension'), text).toEqual([]);
  });

  it('leaves adverbs of manner and the writer’s own conduct', async () => {
    expect(await flagged('All fees will be clearly displayed in your account.', 'condescension')).toEqual([]);
    expect(await flagged('Only publish photos that clearly identify you.', 'condescension')).toEqual([]);
    expect(await flagged('Of course, we will reach out before we act.', 'condescension')).toEqual([]);
    expect(await flagged('Clearly, the form is wrong.', 'condescension')).toEqual(['Clearly']);
  });
});

describe('passive: verbal participles, not adjectival ones', () => {
  it('flags a passive that hides who acts', async () => {
    expect(await flagged('Your claim will be reviewed by our team.', 'passive')).toEqual(['be reviewed']);
    expect(await flagged('The form was submitted yesterday.', 'passive')).toEqual(['was submitted']);
    expect(await flagged('Water damage is covered by this policy.', 'passive')).toEqual(['is covered']);
  });

  it('leaves a participle that states a condition', async () => {
    expect(await flagged('The screen is cracked.', 'passive')).toEqual([]);
    expect(await flagged('You are interested in the offer.', 'passive')).toEqual([]);
    expect(await flagged('Your account is grandfathered.', 'passive')).toEqual([]);
  });
});
