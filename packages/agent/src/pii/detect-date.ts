import * as codeAtModule from './code-at.js';
import * as calendarDateModule from './calendar-date.js';
import { MONTH_NUMBER, WEEKDAYS } from './month-names.js';
import type { PiiConfidence, PiiFinding } from './pii-type.js';
import type { DigitRuns, TextScan } from './text-scan.js';
import * as wordBeforeModule from './word-before.js';
import { WordTable } from './word-table.js';

// What this step uses of other modules, as constants of this one: optimized code loads an imported
// binding from its cell and checks it at every use (see text-scan.ts).
const { codeAt } = codeAtModule;
const { calendarDate } = calendarDateModule;
const { wordEndBefore, wordStart } = wordBeforeModule;

// Numeric dates: D/M/Y or M/D/Y (either order is accepted when it makes a calendar date) and
// Y-M-D. Not part of a longer token: a version (1.2.3), a path, an id or a decimal.
const NUMERIC =
  /(?<![\p{L}\d_./:-])(?:(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})|(\d{4})([-/.])(\d{1,2})\6(\d{1,2}))(?![\p{L}\d_]|[./:-]\d)/gu;
// Written dates are found from their digits: a day or year, with a month word after the day
// ("3 March 2024", "3rd of March", "3. März 2024", "3 de marzo de 2024") or before it
// ("March 3, 2024", "March 3rd", "March 2024").
const NUMBER = /(?<![\p{L}\d_])(?:\d{1,2}|\d{4})(?![\d])/gu;
const MONTH_AFTER = /(?:st|nd|rd|th|\.)? ?(?:of |de |del )?(\p{L}{3,12})\.?(?:,? ?(?:de )?(\d{4}))?(?![\p{L}\d])/uy;
const AFTER_DAY = /(?:st|nd|rd|th)?(?:,? (\d{4}))?(?![\p{L}\d])/uy;
const WEEKDAY = /\b(?:on|meet|next|this|until|till|by|every|from|last|before|after|see you) ((?:mon|tues|wednes|thurs|fri|satur|sun)day)\b/gi;

/**
 * Finds calendar dates in the numeric forms of several locales (`3/23/1940`, `23.03.1940`,
 * `1940-03-23`, `23-03-40`) and written with a month name in thirteen languages (`3 March 2024`,
 * `March 3rd`, `3. März 2024`, `3 de marzo de 2024`, `3 maart`), plus English weekday names after
 * "on", "meet", "next" and similar. Every value is checked as a real date (29 February only in
 * leap years, four-digit years 1880–2099). Versions, ISO timestamps with a `T` (machine
 * timestamps), dotted dates with a two-digit year, and digits inside longer tokens are not dates.
 * With the {@link scanText} of the text, numeric dates are only looked for when three digit groups
 * stand joined by / . or -, and written dates when it has a month name.
 */
export function detectDate(text: string, out: PiiFinding[], scan?: TextScan): void {
  if (scan === undefined) {
    if (DIGIT.test(text)) numericAndWritten(text, out, true, true, undefined);
  } else if (scan.digit && (scan.dateChain >= 3 || scan.month)) {
    // Most texts with digits have neither three groups joined nor a month word: no call then.
    numericAndWritten(text, out, scan.dateChain >= 3, scan.month, scan.digits, scan.months);
  }
  // Weekdays: only texts that contain "day" at all are scanned for them (and with a scan, only
  // when a weekday name stands in it as a word).
  if ((scan !== undefined && !scan.dayWord) || (text.indexOf('day') < 0 && text.indexOf('DAY') < 0)) return;
  WEEKDAY.lastIndex = 0;
  for (let m = WEEKDAY.exec(text); m !== null; m = WEEKDAY.exec(text)) {
    const word = m[1] as string;
    if (!WEEKDAYS.has(word.toLowerCase())) continue;
    const start = m.index + m[0].length - word.length;
    out.push({ type: 'date', start, end: start + word.length, validated: false, confidence: 'low' });
  }
}

/** Where the month words of a text start and end (see {@link TextScan.months}). */
interface MonthWords {
  readonly starts: { readonly count: number; readonly at: Int32Array };
  readonly ends: { readonly count: number; readonly at: Int32Array };
}

const DIGIT = /\d/;
const MONTHS = new WordTable(MONTH_NUMBER);

function numericAndWritten(text: string, out: PiiFinding[], numeric: boolean, month: boolean, runs: DigitRuns | undefined, months?: MonthWords): void {
  // A numeric date needs three digit groups joined by / . or -.
  if (numeric) {
    if (runs !== undefined) numericFromRuns(text, out, runs);
    else numericDates(text, out);
  }
  // Every written date has a month name before or after its number.
  if (!month) return;
  if (runs !== undefined) {
    // The scan's runs of digits are NUMBER's candidates: a run of 1, 2 or 4 digits is a match
    // unless a letter or "_" stands before it.
    let done = 0;
    let after = 0;
    let before = 0;
    for (let k = 0; k < runs.count; k++) {
      const start = runs.starts[k] as number;
      const end = runs.ends[k] as number;
      const length = end - start;
      if (start < done || length === 3 || length > 4) continue;
      if (months !== undefined) {
        // A month word must start within "st of " (seven characters) after the number or end
        // within " ." (two) before it; the scan knows where every month word stands.
        while (after < months.starts.count && (months.starts.at[after] as number) < end) after++;
        while (before < months.ends.count && (months.ends.at[before] as number) <= start) before++;
        const nearAfter = length <= 2 && after < months.starts.count && (months.starts.at[after] as number) <= end + 7;
        const nearBefore = before > 0 && (months.ends.at[before - 1] as number) >= start - 2;
        if (!nearAfter && !nearBefore) continue;
      }
      if (letterOrUnderscoreBefore(text, start)) continue;
      const f = written(text, start, end);
      if (f === undefined) continue;
      out.push(f);
      done = f.end;
    }
    return;
  }
  let done = 0;
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m !== null; m = NUMBER.exec(text)) {
    if (m.index < done) continue;
    const f = written(text, m.index, m.index + m[0].length);
    if (f === undefined) continue;
    out.push(f);
    done = f.end;
    NUMBER.lastIndex = f.end;
  }
}

const LETTER_END = /\p{L}$/u;
// Whether each UTF-16 unit is a letter (Unicode L): 1 no, 2 yes, 0 not yet known.
const LETTER_UNITS = new Uint8Array(65536);

/** Whether a letter (Unicode L, as NUMBER's look-behind reads it) or "_" stands just before `i`. */
function letterOrUnderscoreBefore(text: string, i: number): boolean {
  if (i === 0) return false;
  const c = text.charCodeAt(i - 1);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  // A letter beyond the Basic Multilingual Plane: a surrogate pair, read as one code point.
  if (c >= 0xdc00 && c <= 0xdfff) return i >= 2 && LETTER_END.test(text.slice(i - 2, i));
  let known = LETTER_UNITS[c] as number;
  if (known === 0) {
    known = LETTER_END.test(String.fromCharCode(c)) ? 2 : 1;
    LETTER_UNITS[c] = known;
  }
  return known === 2;
}

/** Numeric dates: D/M/Y or M/D/Y in either order, and Y-M-D. */
function numericDates(text: string, out: PiiFinding[]): void {
  NUMERIC.lastIndex = 0;
  for (let m = NUMERIC.exec(text); m !== null; m = NUMERIC.exec(text)) {
    const end = m.index + m[0].length;
    if (m[5] !== undefined) numericDate(text, out, m.index, end, Number(m[5]), 4, 0, Number(m[7]), Number(m[8]), 0);
    else {
      const year = m[4] as string;
      numericDate(text, out, m.index, end, Number(m[1]), 0, (m[2] as string).charCodeAt(0), Number(m[3]), Number(year), year.length);
    }
  }
}

/**
 * What {@link numericDates} finds, read from the scan's digit runs instead of a regex pass:
 * three runs joined by the same single "/", "." or "-", of 1-2, 1-2 and 2 or 4 digits (or 4,
 * 1-2 and 1-2), with NUMERIC's look-arounds checked by char code.
 */
function numericFromRuns(text: string, out: PiiFinding[], runs: DigitRuns): void {
  // The units around each run are the scan's: no reads of the text until a date is likely.
  const { starts, ends, around } = runs;
  for (let k = 0; k + 2 < runs.count; k++) {
    const s0 = starts[k] as number;
    const e0 = ends[k] as number;
    const n0 = e0 - s0;
    if (n0 !== 1 && n0 !== 2 && n0 !== 4) continue;
    const sep = (around[k] as number) >>> 16;
    if (sep !== 47 && sep !== 46 && sep !== 45) continue;
    const s1 = starts[k + 1] as number;
    const e1 = ends[k + 1] as number;
    if (s1 !== e0 + 1 || e1 - s1 > 2 || ((around[k + 1] as number) >>> 16) !== sep) continue;
    const s2 = starts[k + 2] as number;
    const e2 = ends[k + 2] as number;
    const n2 = e2 - s2;
    if (s2 !== e1 + 1 || (n0 === 4 ? n2 > 2 : n2 !== 2 && n2 !== 4)) continue;
    const before = (around[k] as number) & 0xffff;
    if (before === 46 || before === 47 || before === 58 || before === 45 || letterOrUnderscoreBefore(text, s0)) continue;
    const after = (around[k + 2] as number) >>> 16;
    if (after === 95 || letterAt(text, e2) || ((after === 46 || after === 47 || after === 58 || after === 45) && isDigit(codeAt(text, e2 + 1)))) continue;
    // The groups' values read from their digits: no slices, no Number() of strings.
    const middle = numberAt(text, s1, e1);
    if (n0 === 4) numericDate(text, out, s0, e2, numberAt(text, s0, e0), 4, 0, middle, numberAt(text, s2, e2), 0);
    else numericDate(text, out, s0, e2, numberAt(text, s0, e0), 0, sep, middle, numberAt(text, s2, e2), n2);
  }
}

/**
 * Reports the numeric date at `start`-`end` from its groups' values: Y-M-D when `sep` is 0
 * (`first` is the year, of `firstDigits` digits), otherwise D/M/Y or M/D/Y (`sep` the char code
 * of the separator, `last` the year, of `lastDigits` digits).
 */
function numericDate(text: string, out: PiiFinding[], start: number, end: number, first: number, firstDigits: number, sep: number, middle: number, last: number, lastDigits: number): void {
  let ok: boolean;
  let confidence: PiiConfidence = 'medium';
  if (sep === 0) {
    // Y-M-D: a machine timestamp continues with "T12:" — those are log times, not a person's dates.
    if (codeAt(text, end) === 84 && isDigit(codeAt(text, end + 1))) return;
    ok = yearOf(first, firstDigits) && calendarDate(middle, last, first);
    confidence = 'high';
  } else {
    if (sep === 46 && lastDigits === 2) return;
    ok = yearOf(last, lastDigits) && (calendarDate(first, middle, last) || calendarDate(middle, first, last));
    if (lastDigits === 4) confidence = 'high';
  }
  if (ok) out.push({ type: 'date', start, end, validated: true, confidence });
}

/** {@link plausibleYear} of a year of `digits` digits and value `year`. */
function yearOf(year: number, digits: number): boolean {
  if (digits === 2) return true;
  return digits === 4 && year >= 1880 && year <= 2099;
}

/** The value of the digits `text[start..end)`: what Number() of their slice gives. */
export function numberAt(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

const LETTER_START = /^\p{L}/u;

/** Whether a letter (Unicode L, as NUMBER's look-ahead reads it) stands at `i`. */
function letterAt(text: string, i: number): boolean {
  const c = codeAt(text, i);
  if (!(c >= 128)) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c >= 0xd800 && c <= 0xdbff) return LETTER_START.test(text.slice(i, i + 2));
  if (c >= 0xdc00 && c <= 0xdfff) return false;
  let known = LETTER_UNITS[c] as number;
  if (known === 0) {
    known = LETTER_END.test(String.fromCharCode(c)) ? 2 : 1;
    LETTER_UNITS[c] = known;
  }
  return known === 2;
}

/** A written date around the number at `start`–`end`, or undefined. */
function written(text: string, start: number, end: number): PiiFinding | undefined {
  const digits = end - start;
  if (digits <= 2 && monthMayFollow(text, end)) {
    const day = numberAt(text, start, end);
    MONTH_AFTER.lastIndex = end;
    const after = MONTH_AFTER.exec(text);
    if (after !== null) {
      // The month word from the table of the words before a number (its lowercasing unit by
      // unit gives toLowerCase()'s answer for every key), not a lowercased copy and a Map.
      const word = after[1] as string;
      const month = MONTHS.get(word, 0, word.length);
      const year = after[2];
      // The year is four ASCII digits: its value read from them (Number() of a fresh string hashes it first).
      const y = year === undefined ? undefined : numberAt(year, 0, 4);
      if (month !== 0 && (y === undefined || yearOf(y, 4)) && calendarDate(month, day, y)) {
        if (!ambiguousMonth(after[1] as string, year)) return date(start, MONTH_AFTER.lastIndex, year !== undefined);
      }
    }
  }
  // The word before is looked up by hash in place; only a month name is sliced.
  const beforeEnd = wordEndBefore(text, start, 1, true);
  if (beforeEnd < 0) return undefined;
  const beforeStart = wordStart(text, beforeEnd);
  const month = MONTHS.get(text, beforeStart, beforeEnd);
  if (month === 0) return undefined;
  const name = text.slice(beforeStart, beforeEnd);
  if (digits === 4) {
    // "March 2024": full month names with a capital only, so "may 2024" or "Mar 2024" do not count.
    if (name.length < 4 || !/^\p{Lu}/u.test(name) || !yearOf(numberAt(text, start, end), 4)) return undefined;
    if (text.charCodeAt(beforeStart + name.length) !== 32) return undefined;
    return date(beforeStart, end, true);
  }
  AFTER_DAY.lastIndex = end;
  const after = AFTER_DAY.exec(text);
  if (after === null) return undefined;
  const year = after[1];
  const y = year === undefined ? undefined : numberAt(year, 0, 4);
  if (y !== undefined && !yearOf(y, 4)) return undefined;
  if (!calendarDate(month, numberAt(text, start, end), y)) return undefined;
  if (ambiguousMonth(name, year)) return undefined;
  return date(beforeStart, AFTER_DAY.lastIndex, year !== undefined);
}

/**
 * Whether {@link MONTH_AFTER} can match at `i`: its month word, after an optional ordinal or ".",
 * space and "of"/"de"/"del", starts with a letter, so a number followed by anything but a letter,
 * or a "." or space and then a letter (or a character beyond ASCII), has none after it; checked
 * by char code so that most numbers never run the regex.
 */
function monthMayFollow(text: string, i: number): boolean {
  let c = codeAt(text, i);
  if (c >= 128 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  if (c === 46) c = codeAt(text, ++i);
  if (c === 32) c = codeAt(text, ++i);
  return c >= 128 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** "may 3", "march 5", "mars 5" in lowercase and without a year are a verb or a planet more often than a month. */
function ambiguousMonth(name: string, year: string | undefined): boolean {
  // With a year it is a date: the name is not lowercased (a new string) for most written dates.
  if (year !== undefined) return false;
  const w = name.toLowerCase();
  return (w === 'may' || w === 'mars' || w === 'mar' || w === 'march') && !/^\p{Lu}/u.test(name);
}

function date(start: number, end: number, withYear: boolean): PiiFinding {
  return { type: 'date', start, end, validated: true, confidence: withYear ? 'high' : 'medium' };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
