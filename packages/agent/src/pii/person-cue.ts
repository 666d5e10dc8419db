import { isLetter, wordBefore } from './word-before.js';

/** Titles before a name, in the languages of the name lists. */
const TITLES = new Set(
  'mr mrs ms miss mx dr prof sir madam herr frau hr fr monsieur madame mme mlle señor señora sr sra srta signor signora sig dhr mevr pan pani'.split(' '),
);
/** Salutations and sign-offs: a name follows ("Dear Ana", "Thanks,\nTom"). */
const GREETINGS = new Set(
  'dear hi hello hey greetings thanks cheers regards sincerely hallo liebe lieber bonjour hola ciao hej cześć beste geachte estimado estimada caro cara cher chère'.split(' '),
);
/** Words after which a name follows whatever it is ("named Xu", "called Ojo"). */
const NAMING = new Set(['named', 'called', 'attn', 'signed']);
/** Mail and form headers ending in a colon: "From: Ana Lima", "Customer: …". */
const HEADERS = new Set(
  'name from to cc bcc customer patient client user caller recipient sender holder contact agent employee signed by attn author reviewer assignee requester guest passenger'.split(' '),
);
const PAIRS = new Set([
  'name is', 'i am', 'this is', 'ask for', 'speak to', 'speak with', 'spoke to', 'spoke with', 'talk to', 'talk with',
  'talked to', 'talked with', 'spoken to', 'thank you', 'behalf of', 'married to', 'name was', 'regards from',
]);
const NAMING_PAIRS = new Set(['name is', 'i am', 'this is', 'name was']);
const RELATIONS = new Set(
  'partner wife husband son daughter mother father mom dad mum friend colleague manager boss brother sister neighbour neighbor'.split(' '),
);

/** A cue just before a candidate name: its kind and where it starts (a title joins the name). */
export interface PersonCue {
  readonly kind: 'title' | 'naming' | 'other';
  readonly start: number;
}

/**
 * Looks at the one to three words before `start` (across a comma, a colon or a line break) for a
 * title, a salutation, an introduction ("my name is", "I'm"), a header ("From:") or a relation
 * ("my wife").
 */
export function personCue(text: string, start: number): PersonCue | undefined {
  let i = start;
  let colon = false;
  for (let n = 0; n < 4 && i > 0; n++) {
    const c = text.charCodeAt(i - 1);
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 44) i--;
    else if (c === 58) {
      colon = true;
      i--;
    } else break;
  }
  const w1 = wordBefore(text, i, 0, true);
  if (w1 === undefined) return undefined;
  const cue = (kind: PersonCue['kind']): PersonCue => ({ kind, start: w1.start });
  if (TITLES.has(w1.word)) return cue('title');
  if (colon && HEADERS.has(w1.word)) return cue(w1.word === 'name' ? 'naming' : 'other');
  if (NAMING.has(w1.word)) return cue('naming');
  // "I'm Ana": the word before is "m" after "I'".
  if (w1.word === 'm' && w1.start >= 2 && (text.charCodeAt(w1.start - 1) === 39 || text.charCodeAt(w1.start - 1) === 8217)) {
    const c = text.charCodeAt(w1.start - 2);
    if ((c === 73 || c === 105) && !isLetter(text.charCodeAt(w1.start - 3))) return cue('naming');
  }
  if (GREETINGS.has(w1.word)) return cue('other');
  const w2 = wordBefore(text, w1.start, 1);
  if (w2 === undefined) return undefined;
  const pair = `${w2.word} ${w1.word}`;
  if (NAMING_PAIRS.has(pair)) return cue('naming');
  if (PAIRS.has(pair)) return cue('other');
  if (w2.word === 'my' && RELATIONS.has(w1.word)) return cue('other');
  // "my partner's name Donald", "my wife's": a relation's name follows.
  if (w1.word === 's' && w2.word !== '' && RELATIONS.has(w2.word)) return cue('other');
  return undefined;
}
