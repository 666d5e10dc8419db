import { CITY, COMMON, COUNTRY, GIVEN, HASH_SEED, hashStep, KNOWN, lowerCode, mayBeIndexed, nameIndex, STOP, SURNAME } from './name-index.js';
import { personCue, type PersonCue } from './person-cue.js';
import type { PiiConfidence, PiiFinding } from './pii-type.js';
import { isLetter } from './word-before.js';

const PARTICLES = new Set(['van', 'der', 'den', 'de', 'da', 'di', 'do', 'dos', 'das', 'du', 'del', 'della', 'von', 'zu', 'le', 'la', 'ter', 'ten', 'bin', 'ibn', 'al', 'el', 'y', 'af']);
const NAME = GIVEN | SURNAME;
const PLACE = CITY | COUNTRY;

interface Token {
  readonly start: number;
  readonly end: number;
  readonly flags: number;
  readonly cap: boolean;
  readonly particle: boolean;
  readonly lc: string;
}

/** A capitalised word that was not a name on its own but may be one in a list of names. */
interface Pending {
  readonly start: number;
  readonly end: number;
}

/**
 * Finds person names without a language model. A run of capitalised words is a full name when
 * it starts with a listed given name or surname ("Megan Payne", "Donald van der Voet") or follows
 * a cue ("my name is", "Dear", "Mr.", "From:"); those findings are validated. A single listed
 * name is reported unvalidated: medium confidence inside a sentence or after a cue, low at the
 * start of a sentence. Lowercase names count when listed and not English words, or in pairs
 * ("tracy sukhorukova"). Names that are everyday English words ("Will", "Grant") count only after
 * a cue or in a list of names; city and country names are left to the address detector. A title
 * before a name ("Dr.", "Mr.") is part of the finding.
 */
export function detectPerson(text: string, out: PiiFinding[]): void {
  const index = nameIndex();
  let run: Token[] = [];
  const found: PiiFinding[] = [];
  const pending: Pending[] = [];
  let prevLower: Token | undefined;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (!isLetter(c)) {
      i++;
      continue;
    }
    const start = i;
    let h = hashStep(HASH_SEED, lowerCode(c));
    let j = i + 1;
    // A word: letters and marks, with inner apostrophes and hyphens ("O'Neil", "Jean-Luc").
    for (;;) {
      while (j < n) {
        const d = text.charCodeAt(j);
        if (!isLetter(d)) break;
        h = hashStep(h, lowerCode(d));
        j++;
      }
      const d = text.charCodeAt(j);
      if ((d === 39 || d === 8217 || d === 45) && j + 1 < n && isLetter(text.charCodeAt(j + 1)) && !possessive(text, j, n)) {
        h = hashStep(h, d);
        j++;
      } else break;
    }
    i = j;
    const end = j;
    const token = classify(text, start, end, h, index);
    if (token === undefined) {
      flush(text, run, found, pending);
      run = [];
      prevLower = undefined;
      continue;
    }
    const last = run[run.length - 1];
    const joined = last !== undefined && end > start && start - last.end === 1 && text.charCodeAt(last.end) === 32;
    if (token.cap) {
      if (!joined) {
        flush(text, run, found, pending);
        run = [];
      }
      run.push(token);
      prevLower = undefined;
      continue;
    }
    if (token.particle && joined) {
      run.push(token);
      continue;
    }
    flush(text, run, found, pending);
    run = [];
    prevLower = lowercase(text, token, prevLower, found);
  }
  flush(text, run, found, pending);
  promoteLists(text, found, pending);
  mergeAdjacent(text, found, out);
}

/** "Liam's": the apostrophe at `j` starts a possessive, not part of the name. */
function possessive(text: string, j: number, n: number): boolean {
  const s = text.charCodeAt(j + 1);
  return (s === 115 || s === 83) && (j + 2 >= n || !isLetter(text.charCodeAt(j + 2)));
}

function classify(text: string, start: number, end: number, h: number, index: Map<string, number>): Token | undefined {
  const before = start > 0 ? text.charCodeAt(start - 1) : 32;
  const after = end < text.length ? text.charCodeAt(end) : 32;
  // Parts of emails, URLs, paths, identifiers and code: "ada.lovelace@", "user_name", "x/y".
  if (before === 64 || before === 46 || before === 95 || before === 47 || before === 92 || before === 35 || before === 61 || isDigit(before)) return undefined;
  if (after === 64 || after === 95 || isDigit(after) || ((after === 46 || after === 47) && isLetter(text.charCodeAt(end + 1)))) return undefined;
  const c0 = text.charCodeAt(start);
  const cap = c0 < 128 ? c0 <= 90 : lowerCode(c0) !== c0;
  const length = end - start;
  if (!cap) {
    if (length < 2 || !mayBeIndexed(h)) return { start, end, flags: 0, cap, particle: false, lc: '' };
    const lc = text.slice(start, end);
    return { start, end, flags: index.get(lc) ?? 0, cap, particle: PARTICLES.has(lc), lc };
  }
  let upper = 1;
  for (let k = start + 1; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 65 && c <= 90) {
      upper++;
      // camelCase identifiers are code, except Mc/Mac names.
      const prev = text.charCodeAt(k - 1);
      if (prev >= 97 && prev <= 122 && !(k - start === 2 && text.startsWith('Mc', start)) && !(k - start === 3 && text.startsWith('Mac', start))) return undefined;
    }
  }
  if (length > 1 && upper === length) return undefined; // ACRONYM, HEADING
  const lc = mayBeIndexed(h) ? text.slice(start, end).toLowerCase() : '';
  return { start, end, flags: lc === '' ? 0 : (index.get(lc) ?? 0), cap, particle: false, lc };
}

function flush(text: string, run: Token[], found: PiiFinding[], pending: Pending[]): void {
  let lo = 0;
  let hi = run.length;
  while (lo < hi && (run[lo]!.particle || (run[lo]!.flags & STOP) !== 0)) lo++;
  while (hi > lo && (run[hi - 1]!.particle || (run[hi - 1]!.flags & STOP) !== 0)) hi--;
  if (lo >= hi) return;
  // A stop word inside the run splits it: "Thanks Megan" → "Megan".
  for (let i = lo; i < hi; i++) {
    if ((run[i]!.flags & STOP) !== 0 && !run[i]!.particle) {
      flush(text, run.slice(lo, i), found, pending);
      flush(text, run.slice(i + 1, hi), found, pending);
      return;
    }
  }
  const tokens = run.slice(lo, hi);
  const words = tokens.filter((t) => !t.particle);
  let start = tokens[0]!.start;
  const end = tokens[tokens.length - 1]!.end;
  const cue = personCue(text, start);
  if (cue !== undefined && cue.kind === 'title') start = cue.start;
  const first = words[0]!;
  const listed = words.filter((t) => (t.flags & NAME) !== 0);
  const strong = listed.filter((t) => (t.flags & (COMMON | STOP)) === 0);
  const push = (validated: boolean, confidence: PiiConfidence): void => {
    found.push({ type: 'person', start, end, validated, confidence });
  };
  if (words.length >= 2) {
    if (isPlace(tokens)) return;
    if (cue !== undefined) return push(true, 'high');
    if ((first.flags & NAME) !== 0 && (strong.length >= 1 || listed.length >= 2)) return push(true, 'high');
    if (strong.length >= 1 && (words[words.length - 1]!.flags & SURNAME) !== 0) return push(true, 'medium');
    return;
  }
  const t = first;
  if ((t.flags & PLACE) !== 0 && (t.flags & NAME) === 0) return;
  if (cue !== undefined) {
    if ((t.flags & NAME) !== 0 || cue.kind === 'title' || cue.kind === 'naming') return push(cue.kind === 'title', 'medium');
    return;
  }
  // A speaker label in a transcript: "Kalman: Who are you?" at the start of a line.
  if (text.charCodeAt(t.end) === 58 && lineStart(text, t.start) && (t.flags & (STOP | PLACE)) === 0) return push(false, 'medium');
  if ((t.flags & NAME) === 0 || (t.flags & (COMMON | STOP)) !== 0) {
    if ((t.flags & (STOP | PLACE)) === 0) pending.push({ start: t.start, end: t.end });
    return;
  }
  push(false, sentenceStart(text, t.start) ? 'low' : 'medium');
}

/**
 * Lowercase words: a listed name that is no English word ("yulan"), a name after a cue ("mr.
 * martin", "named joshua"), or two listed names side by side ("tracy sukhorukova"). Returns the
 * token to pair with the next word.
 */
function lowercase(text: string, token: Token, prev: Token | undefined, found: PiiFinding[]): Token | undefined {
  const f = token.flags;
  if ((f & NAME) === 0 || (f & STOP) !== 0 || token.particle || token.end - token.start < 3) return undefined;
  if (prev !== undefined && token.start - prev.end === 1 && text.charCodeAt(prev.end) === 32 && ((f | prev.flags) & COMMON) === 0) {
    const last = found[found.length - 1];
    if (last !== undefined && last.end === prev.end) found.pop();
    const start = last !== undefined && last.end === prev.end ? last.start : prev.start;
    found.push({ type: 'person', start, end: token.end, validated: true, confidence: 'medium' });
    return undefined;
  }
  const cue = personCue(text, token.start);
  if (cue !== undefined) {
    if ((f & COMMON) !== 0 && cue.kind !== 'title' && cue.kind !== 'naming') return token;
    const start = cue.kind === 'title' ? cue.start : token.start;
    found.push({ type: 'person', start, end: token.end, validated: cue.kind === 'title', confidence: 'medium' });
    return token;
  }
  if ((f & (KNOWN | COMMON | PLACE)) !== 0) return token;
  found.push({ type: 'person', start: token.start, end: token.end, validated: false, confidence: 'low' });
  return token;
}

/** Capitalised words in a list with names ("Malon, Mark, Kaylee and Brandi") are names too. */
function promoteLists(text: string, found: PiiFinding[], pending: readonly Pending[]): void {
  if (pending.length === 0 || found.length === 0) return;
  const starts = new Set<number>();
  const ends = new Set<number>();
  for (const f of found) {
    starts.add(f.start);
    ends.add(f.end);
  }
  const added: PiiFinding[] = [];
  for (let pass = 0; pass < 2; pass++) {
    for (const p of pending) {
      if (starts.has(p.start)) continue;
      if (listNeighbour(text, p, starts, ends)) {
        added.push({ type: 'person', start: p.start, end: p.end, validated: false, confidence: 'low' });
        starts.add(p.start);
        ends.add(p.end);
      }
    }
  }
  if (added.length === 0) return;
  found.push(...added);
  found.sort((a, b) => a.start - b.start);
}

const LIST_GAP = /^(?:, ?| and | & | or | und | et | y | e | en | i | och | og )$/;

function listNeighbour(text: string, p: Pending, starts: Set<number>, ends: Set<number>): boolean {
  for (let gap = 2; gap <= 6; gap++) {
    if (ends.has(p.start - gap) && LIST_GAP.test(text.slice(p.start - gap, p.start))) return true;
    if (starts.has(p.end + gap) && LIST_GAP.test(text.slice(p.end, p.end + gap))) return true;
  }
  return false;
}

/** Whether the words form a city or country name ("San Francisco", "Rio de Janeiro"). */
function isPlace(tokens: readonly Token[]): boolean {
  const phrase = tokens.map((t) => t.lc || '?').join(' ');
  return ((nameIndex().get(phrase) ?? 0) & PLACE) !== 0;
}

function sentenceStart(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    return c === 10 || c === 13 || c === 46 || c === 33 || c === 63 || c === 58 || c === 34 || c === 40 || c === 42 || c === 45 || c === 8226;
  }
  return true;
}

function lineStart(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 62 || c === 34 || c === 92) continue;
    return c === 10 || c === 13;
  }
  return true;
}

/** Two person findings separated by one space are one name. */
function mergeAdjacent(text: string, found: PiiFinding[], out: PiiFinding[]): void {
  let prev: PiiFinding | undefined;
  for (const f of found) {
    if (prev !== undefined && f.start - prev.end === 1 && text.charCodeAt(prev.end) === 32) {
      prev = { type: 'person', start: prev.start, end: f.end, validated: true, confidence: 'medium' };
      continue;
    }
    if (prev !== undefined) out.push(prev);
    prev = f;
  }
  if (prev !== undefined) out.push(prev);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export type { PersonCue };
