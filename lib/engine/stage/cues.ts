/**
 * The wording each stage's inference looks for (lib/engine/stage/infer.ts), written for this project from support,
 * sales and help content. Patterns run on a sentence's lowercased text; each is specific enough that a policy or a
 * help article rarely says it in passing ("share your information" is no invitation to share).
 */

/** Referral, review and sharing wording: the reader is asked to tell others. */
export const ADVOCATE =
  /\b(refer (a|your) (friend|colleague|neighbou?r)s?|referral (program|programme|code|link|bonus|reward|credit)s?|invite (a |your )?friends?|leave (us )?a review|write (us )?a review|review us|rate us|(give|leave) us a rating|share (this|it|the news|your (story|experience)) with|tell (a friend|your friends|your family|others)|recommend us|would you recommend|spread the word|testimonials?)\b/;

/** Invitations to answer or reach a person, and promises of when they will hear back. */
export const RECIPROCATE =
  /\b(let (us|me) know|get in touch|reach out|reply to (this|the|our) (email|e-mail|message)|just reply|reply (here|back)|write (back|to us)|tell us (what|how|about|more)|we('d| would) love to hear|hear from you|(any|more|other) questions|anything else|happy to help|here to help|feedback|how did we do|what do you think|chat with (us|an?|our)|(talk|speak) (to|with) (us|a person|someone|an agent|our team)|get back to you|(answer|reply|respond)( to [a-z ]{1,30})? within|thanks? (you )?for (telling|letting|contacting|getting in touch|reaching out|your (message|email|e-mail|question|feedback)))\b/;

/** Verbs that, opening an instruction, ask the reader to act on an offer: sign up, pay, call ("download" is left out: help pages say it of forms and reports). */
export const CALL_TO_ACTION_VERBS: ReadonlySet<string> = new Set([
  'activate', 'apply', 'book', 'buy', 'call', 'claim', 'contact', 'donate', 'email', 'enroll', 'enrol', 'get',
  'join', 'order', 'pay', 'purchase', 'register', 'renew', 'request', 'reserve', 'schedule', 'shop', 'sign', 'start',
  'subscribe', 'switch', 'text', 'try', 'upgrade',
]);

/** The words after such a verb that make it an instruction about something else ("Get more information", "Try again"). */
export const NOT_AN_OFFER: Readonly<Record<string, ReadonlySet<string>>> = {
  get: new Set(['more', 'help', 'information', 'details', 'in', 'out', 'rid']),
  try: new Set(['the', 'these', 'this', 'again', 'to', 'another']),
  sign: new Set(['in', 'into', 'out', 'the', 'and', 'your', 'it', 'here']),
};

/** Words that may come before an instruction's verb ("Please call", "Just reply"). */
export const BEFORE_INSTRUCTION: ReadonlySet<string> = new Set(['please', 'just', 'now', 'so', 'then', 'and', 'or', 'today', 'simply']);

/** What is in it for the reader ("benefits" is left out: in government content it names an entitlement, not a perk). */
export const BENEFIT =
  /\b(save|saves|saving|free|discount|offer|deal|bonus|rewards?|easy|easier|fast|faster|quick|quickly|instantly|peace of mind|protect|protects|protection|guaranteed?|exclusive|enjoy|cheaper|affordable|no (fees?|charge|cost)|more time|worry)\b/;

export const READER_WORDS: ReadonlySet<string> = new Set(['you', 'your', 'yours', 'yourself', 'yourselves', "you're", "you'll", "you've", "you'd"]);
export const WRITER_WORDS: ReadonlySet<string> = new Set(['we', 'our', 'ours', 'us', 'ourselves', "we're", "we'll", "we've", "we'd"]);
/** A question in the reader's own voice ("How do I…?", an FAQ's heading) is not one put to the reader. */
export const READER_VOICE: ReadonlySet<string> = new Set(['i', 'my', 'me', "i'm", "i've", 'mine']);

/** A link, e-mail address or phone number in the source: something a reader can act on. */
export const CONTACT = /https?:\/\/|www\.|mailto:|tel:|\]\(|href\s*=|[\w.+-]+@[\w-]+\.[a-z]|\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b|\b1-8\d\d-/i;
