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

/** Claims that praise without showing: the reader learns nothing they can check. */
export const EMPTY_CLAIM =
  /\b(best[- ]in[- ]class|world[- ]class|industry[- ]leading|market[- ]leading|cutting[- ]edge|state[- ]of[- ]the[- ]art|revolutionary|game[- ]chang(ing|er)|next[- ]generation|unparall?ell?ed|unmatched|unrivall?ed|second to none|best[- ]of[- ]breed|unbeatable|top[- ]notch|leading provider)\b/;

/** What a claim can show instead: a number, a price, a time. */
export const CONCRETE = /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|twice|half|every|same[- ]day|minutes?|hours?|days?|weeks?)\b/;

/** Contact verbs are one next step however many channels they offer ("Call us or email us"). */
export const CONTACT_VERBS: ReadonlySet<string> = new Set(['call', 'contact', 'email', 'text', 'chat', 'phone', 'ring', 'reply', 'write']);

/** Words that open the steps of a sequence written as prose ("First, …. Then, …"). */
export const SEQUENCE_WORDS: ReadonlySet<string> = new Set(['first', 'firstly', 'then', 'next', 'second', 'secondly', 'third', 'thirdly', 'finally', 'lastly', 'afterwards']);

/** Ways to reach a person: a reply, a call, a chat. */
export const CHANNEL =
  /\b(reply|write (back|to us)|get in touch|reach (out|us|our)|contact (us|our|the)|call (us|our)|email us|e-mail us|chat (with|to)|talk (to|with)|speak (to|with)|let (us|me) know|send us|visit (us|our|a) )\b/;

/** When the reader will hear back. */
export const REPLY_TIME =
  /\b(within|same[- ]day|(\d+|one|two|three|24|48|72) (working |business )?(hours?|days?)|by (the end of )?(today|tomorrow|monday|tuesday|wednesday|thursday|friday)|(open|available|lines are open) (from|\d|monday|24)|\d ?(am|pm)|as soon as|straight back|right back)\b/;

/** Telling the reader not to answer. */
export const DEAD_END = /\b((please )?do not|don'?t|cannot|can'?t) (reply|respond)|no-?reply|replies (are|will) not|(is|are) not monitored|unmonitored|not able to (reply|respond)\b/;

/** Pressure: urgency or obligation where a reader should recommend because they want to. */
export const PRESSURE =
  /\b(hurry|act (now|fast|today)|last chance|limited[- ]time|(only|just) \d+ (left|spots?|places?|days? left)|don'?t miss( out)?|before it'?s too late|(offer )?(expires?|ends) (today|tonight|soon|at midnight)|now or never|you (must|have to|need to) (share|refer|review|recommend|rate|tell))\b/;

/** A dated change: news, which belongs first. */
export const CHANGE =
  /\b(will (change|go up|go down|rise|fall|increase|decrease|move|close|end|stop|start)|(is|are) (changing|moving|closing|ending|going up|going down|increasing|decreasing)|(we('ve| have)|has been|have been) (changed|updated|moved|launched|introduced|raised|lowered)|(we('re| are| will)) (changing|moving|closing|raising|lowering|introducing|launching))\b/;
export const DATE =
  /\b(\d{1,2}(st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|(january|february|march|april|may|june|july|august|september|october|november|december) \d{1,2}|\d{4}-\d\d-\d\d|(from|on|starting|as of|by) (monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d)|next (week|month|year))\b/;

/** Who a text can be for, named rather than spoken to. */
export const AUDIENCE =
  /\b(anyone|everyone|customers?|members?|users?|owners?|employees|employers|businesses|veterans|patients|parents|students|families|applicants|residents|developers|administrators|admins|teams?|individuals|consumers|visitors|subscribers|clients|policyholders|account holders|those who|[a-z]{1,30}s who)\b/;

/**
 * What can open a text without saying what it is: a greeting or thanks, the writer's feelings, filler that defers
 * ("Read on"), or page chrome ("Skip to content"). Matched at the start of a sentence.
 */
export const PLEASANTRY =
  /^(welcome( back| aboard)?( to\b|\s*[,!.—–-])|(hello|hi|hey|greetings)( there| everyone| all| friends| folks)?\s*[,!.—–-]|thanks?( you)? (so much )?for (visiting|stopping by|reading|choosing|being|your interest|using|joining|coming)|(we('re| are)|i('m| am)) (so |very |really |truly )?(excited|thrilled|delighted|pleased|happy|glad|proud)\b|we hope (you|this)|(i |we )?hope you('re| are)? (well|doing|having|enjoy)|(read|scroll|keep reading) on\b|look no further|let'?s (dive|get started|take a look|begin|get into)|here'?s (everything|all) you need|you'?ve come to the right place|as you (may|might) (know|have heard)|skip to|jump to|back to (top|home)|table of contents|on this page\b|all rights reserved|copyright\b|©)/;

/**
 * Change news with no date on it: something changed, is changing or is now so ("We've changed how refunds work",
 * "You can now pay by card", "We no longer accept cheques", "New: …"). A year or a date makes it the dated kind
 * (CHANGE with DATE); "will change" with no date is a policy's standing caveat, not news.
 */
export const UNDATED_NEWS =
  /(^(new ?[:!—–]|introducing\b)|\b((we('ve| have)|(has|have) been|(has|have) (just )?recently been) (just )?(changed|updated|moved|launched|introduced|raised|lowered|replaced|removed|retired|redesigned|renamed|simplified|added|discontinued)|(we('re| are)) (now )?(changing|moving|closing|raising|lowering|introducing|launching|retiring|removing|replacing|discontinuing)|(is|are) (changing|moving|closing|going up|going down)|(is|are|has|have) now|can now|now (available|live|supports?|offers?|includes?|lets? you|accepts?)|(we|we'll|we will|we do|it|it will) no longer|(is|are) no longer (available|offered|supported|accepted|sold|part of))\b)/;

/** A calendar year: a sentence that carries one is dated. */
export const YEAR = /\b(19|20)\d\d\b/;

/** Words that open a clause in which news is a condition or a description, not an announcement ("if we have changed", "content that is being removed", "in case it is no longer available"). */
export const SUBORDINATE = /\b(if|when|whenever|once|until|unless|after|before|where|that|which|who|whose|because|since|while|whether|what|how|why|in (the )?(event|case)|provided|as long as|so long as)\b/;

/** What the reader gets, said of the reader ("you both get $25", "you save", "no fees"). */
export const READER_GAIN =
  /\b(you|your (friends?|family)|you and (a|your) (friends?|family))( both| all| also| each)?('ll| will| can| could)? (get|gets|save|keep|earn|pay (less|nothing|no)|never pay|won'?t pay|don'?t pay)\b|\b(free|no (fees?|charge|cost|excess|paperwork|waiting))\b/;
