import * as codeAtModule from './code-at.js';
import * as nameIndexModule from './name-index.js';
import * as wordBeforeModule from './word-before.js';
import { WordTable } from './word-table.js';

// What this step uses of other modules, as constants of this one: optimized code loads an imported
// binding from its cell and checks it at every use (see text-scan.ts).
const { codeAt } = codeAtModule;
const { isLetter } = wordBeforeModule;
const { HASH_SEED, hashStep } = nameIndexModule;

// The cue words are exported for the test, whose oracle reads them as the code before personCue did.
/** Titles before a name, in the languages of the name lists. */
export const TITLES: ReadonlySet<string> = new Set(
  'mr mrs ms miss mx dr prof sir madam herr frau hr fr monsieur madame mme mlle señor señora sr sra srta signor signora sig dhr mevr pan pani'.split(' '),
);
/** Salutations and sign-offs: a name follows ("Dear Ana", "Thanks,\nTom"). */
export const GREETINGS: ReadonlySet<string> = new Set(
  'dear hi hello hey greetings thanks cheers regards sincerely hallo liebe lieber bonjour hola ciao hej cześć beste geachte estimado estimada caro cara cher chère'.split(' '),
);
/** Words after which a name follows whatever it is ("named Xu", "called Ojo"). */
export const NAMING: ReadonlySet<string> = new Set(['named', 'called', 'attn', 'signed']);
/** Mail and form headers ending in a colon: "From: Ana Lima", "Customer: …". */
export const HEADERS: ReadonlySet<string> = new Set(
  'name from to cc bcc customer patient client user caller recipient sender holder contact agent employee signed by attn author reviewer assignee requester guest passenger'.split(' '),
);
export const PAIRS: ReadonlySet<string> = new Set([
  'name is', 'i am', 'this is', 'ask for', 'speak to', 'speak with', 'spoke to', 'spoke with', 'talk to', 'talk with',
  'talked to', 'talked with', 'spoken to', 'thank you', 'behalf of', 'married to', 'name was', 'regards from',
]);
export const NAMING_PAIRS: ReadonlySet<string> = new Set(['name is', 'i am', 'this is', 'name was']);
export const RELATIONS: ReadonlySet<string> = new Set(
  'partner wife husband son daughter mother father mom dad mum friend colleague manager boss brother sister neighbour neighbor'.split(' '),
);
/**
 * Every word that can end a cue: {@link personCue} finds none after any other word, so the scan
 * (text-scan.ts) marks the capitalised words that stand right after one of these.
 */
export const CUE_END_WORDS: readonly string[] = [
  ...new Set([...TITLES, ...HEADERS, ...NAMING, ...GREETINGS, ...RELATIONS, ...[...PAIRS, ...NAMING_PAIRS].map((pair) => pair.slice(pair.indexOf(' ') + 1)), 'm', 's']),
];
const TITLE = 1;
const HEADER = 2;
const NAMING_WORD = 4;
const GREETING = 8;
const RELATION = 16;
/** Every word that can end a cue: any other word before a name settles that there is none. */
const CUE_END = 32;
const M = 64;
const S = 128;
const MY = 256;
const NAME = 512;
/** The first word of a pair ("name" of "name is"): only after one is the pair looked up. */
const PAIR_FIRST = 1024;
const WORD_KEYS: ReadonlyArray<readonly [string, number]> = [
  ...[...TITLES].map((w) => [w, TITLE | CUE_END] as const),
  ...[...HEADERS].map((w) => [w, HEADER | CUE_END] as const),
  ...[...NAMING].map((w) => [w, NAMING_WORD | CUE_END] as const),
  ...[...GREETINGS].map((w) => [w, GREETING | CUE_END] as const),
  ...[...RELATIONS].map((w) => [w, RELATION | CUE_END] as const),
  ...[...PAIRS, ...NAMING_PAIRS].map((pair) => [pair.slice(pair.indexOf(' ') + 1), CUE_END] as const),
  ['m', M | CUE_END],
  ['s', S | CUE_END],
  ['my', MY],
  ['name', NAME],
  ...[...PAIRS, ...NAMING_PAIRS].map((pair) => [pair.slice(0, pair.indexOf(' ')), PAIR_FIRST] as const),
];
const WORDS = new WordTable(WORD_KEYS);
const NAMING_PAIR = 1;
const OTHER_PAIR = 2;
const PAIR_TABLE = new WordTable([
  ...[...PAIRS].map((pair) => [pair, OTHER_PAIR] as const),
  ...[...NAMING_PAIRS].map((pair) => [pair, NAMING_PAIR] as const),
]);

/** The kinds of cue {@link personCue} reports: a title joins the name ("Dr. Ana Lima"). */
export const CUE_TITLE = 0;
export const CUE_NAMING = 1;
export const CUE_OTHER = 2;
/** No cue before the word. */
export const NO_CUE = -1;

/** The kind of a cue {@link personCue} found. */
export function cueKind(cue: number): number {
  return cue & 3;
}

/** Where the cue {@link personCue} found starts. */
export function cueStart(cue: number): number {
  return cue >> 2;
}

/** Every key of {@link WORDS} is at most this long: a longer word before a name is no cue word. */
const WORDS_LONGEST = Math.max(...WORD_KEYS.map(([w]) => w.length));

// Where the word {@link wordBack} read starts, and whether all its letters are ASCII. Fields of a
// constant, not module `let`s: a `let` is loaded from the module's context and checked before each use.
const BACK = { start: 0, ascii: true };

/**
 * Reads back the word of letters ending at `end` (as `wordStart` does), at most one letter past
 * the longest cue word: the word starts at `BACK.start`; -1 when it is longer (no cue word), else
 * its hash (hashStep over lowerCode) when `BACK.ascii`, its letters all ASCII.
 */
function wordBack(text: string, end: number): number {
  let i = end;
  let ascii = true;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    // An ASCII letter by one unsigned compare; beyond ASCII the letter test as wordStart's.
    if (((c | 32) - 97) >>> 0 < 26) i--;
    else if (c >= 128 && isLetter(c)) {
      i--;
      ascii = false;
    } else break;
    if (end - i > WORDS_LONGEST) return -1;
  }
  BACK.start = i;
  BACK.ascii = ascii;
  if (!ascii) return 0;
  // A lowercase ASCII letter is c | 32, so the word is hashed as WordTable.get would hash it.
  let h = HASH_SEED;
  for (let k = i; k < end; k++) h = hashStep(h, text.charCodeAt(k) | 32);
  return h;
}

/** The {@link WORDS} flags of the word {@link wordBack} read (hash `h`) ending at `end`. */
function wordFlags(text: string, end: number, h: number): number {
  return BACK.ascii ? WORDS.getAscii(text, BACK.start, end, h) : WORDS.get(text, BACK.start, end);
}

/**
 * Looks at the one to three words before `start` (across a comma, a colon or a line break) for a
 * title, a salutation, an introduction ("my name is", "I'm"), a header ("From:") or a relation
 * ("my wife"). The cue comes back as one small integer, its start times four plus its kind
 * ({@link cueKind}, {@link cueStart}), or {@link NO_CUE}: called for most capitalised words, it
 * allocates nothing.
 */
export function personCue(text: string, start: number): number {
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
  // Words are looked up by hash in place, never sliced: most capitalised words have no cue. Each
  // is read back once, and no further than the longest cue word.
  let end1 = i;
  if (end1 > 0 && text.charCodeAt(end1 - 1) === 46) end1--;
  const h1 = wordBack(text, end1);
  if (h1 < 0 || BACK.start === end1) return NO_CUE;
  const start1 = BACK.start;
  const f1 = wordFlags(text, end1, h1);
  if ((f1 & CUE_END) === 0) return NO_CUE;
  const cue = start1 << 2;
  if ((f1 & TITLE) !== 0) return cue | CUE_TITLE;
  if (colon && (f1 & HEADER) !== 0) return cue | ((f1 & NAME) !== 0 ? CUE_NAMING : CUE_OTHER);
  if ((f1 & NAMING_WORD) !== 0) return cue | CUE_NAMING;
  // "I'm Ana": the word before is "m" after "I'".
  if ((f1 & M) !== 0 && start1 >= 2 && (text.charCodeAt(start1 - 1) === 39 || text.charCodeAt(start1 - 1) === 8217)) {
    const c = text.charCodeAt(start1 - 2);
    if ((c === 73 || c === 105) && !isLetter(codeAt(text, start1 - 3))) return cue | CUE_NAMING;
  }
  if ((f1 & GREETING) !== 0) return cue | CUE_OTHER;
  // The word before, after one space at most (a word right before start1 would be part of word 1).
  const end2 = start1 > 0 && text.charCodeAt(start1 - 1) === 32 ? start1 - 1 : start1;
  const h2 = wordBack(text, end2);
  if (h2 < 0 || BACK.start === end2) return NO_CUE;
  const start2 = BACK.start;
  const f2 = wordFlags(text, end2, h2);
  if ((f2 & PAIR_FIRST) !== 0) {
    // One space stands between the two words, so the pair is the text from one to the other.
    const pair = PAIR_TABLE.get(text, start2, end1);
    if ((pair & NAMING_PAIR) !== 0) return cue | CUE_NAMING;
    if ((pair & OTHER_PAIR) !== 0) return cue | CUE_OTHER;
  }
  if ((f2 & MY) !== 0 && (f1 & RELATION) !== 0) return cue | CUE_OTHER;
  // "my partner's name Donald", "my wife's": a relation's name follows.
  if ((f1 & S) !== 0 && (f2 & RELATION) !== 0) return cue | CUE_OTHER;
  return NO_CUE;
}
