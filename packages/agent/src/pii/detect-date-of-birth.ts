import type { PiiConfidence, PiiFinding } from './pii-type.js';

const CONTEXT = /\b(?:born|birth ?date|date of birth|birthday|d\.?o\.?b)(?![A-Za-z])/gi;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\\.?';
// Numbered groups, not named ones: a match with named groups builds a `groups` object too.
// 1 a, 2 b, 3 y (D/M/Y or M/D/Y); 4 year, 5 month, 6 day (ISO); 7 day, 8 month, 9 year;
// 10 month, 11 day, 12 year (written).
const DATE = new RegExp(
  '(?<![\\w/.-])(?:' +
    [
      '(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4}|\\d{2})(?![\\d/])',
      '(\\d{4})-(\\d{1,2})-(\\d{1,2})(?!\\d)',
      `(\\d{1,2})(?:st|nd|rd|th)? (?:of )?(${MONTH}),? (\\d{4})`,
      `(${MONTH}) (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})`,
    ].join('|') +
    ')',
  'i',
);
/** How far after the context word the date may start. */
const REACH = 48;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Finds dates of birth: a calendar date (numeric `M/D/Y` or `D.M.Y`, ISO `Y-M-D`, or with a
 * month name) that follows "born", "DOB", "date of birth" or "birthday" within a few words.
 * Dates without such context are not personal data on their own and are ignored.
 */
export function detectDateOfBirth(text: string, out: PiiFinding[]): void {
  CONTEXT.lastIndex = 0;
  for (let m = CONTEXT.exec(text); m !== null; m = CONTEXT.exec(text)) {
    const from = m.index + m[0].length;
    const d = DATE.exec(text.slice(from, from + REACH));
    if (d === null) continue;
    const confidence = plausible(d);
    if (confidence === undefined) continue;
    const start = from + d.index;
    const end = start + d[0].length;
    out.push({ type: 'date_of_birth', start, end, validated: true, confidence });
    CONTEXT.lastIndex = end;
  }
}

/** The confidence of the date {@link DATE} matched, read from its numbered groups (no object of them). */
function plausible(d: RegExpExecArray): PiiConfidence | undefined {
  let ok: boolean;
  let year: string;
  if (d[4] !== undefined) {
    // ISO: 4 year, 5 month, 6 day.
    ok = validDay(valueOf(d[5]), valueOf(d[6]));
    year = d[4];
  } else if (d[8] !== undefined || d[10] !== undefined) {
    // Written: 7 day, 8 month, 9 year, or 10 month, 11 day, 12 year.
    const month = MONTHS.indexOf((d[8] ?? d[10] ?? '').slice(0, 3).toLowerCase()) + 1;
    ok = validDay(month, valueOf(d[7] ?? d[11]));
    year = d[9] ?? d[12] ?? '';
  } else {
    // Month/day order is unknown (US or European); either reading will do: 1 a, 2 b, 3 year.
    const a = valueOf(d[1]);
    const b = valueOf(d[2]);
    ok = validDay(a, b) || validDay(b, a);
    year = d[3] ?? '';
  }
  if (!ok) return undefined;
  if (year.length === 2) return 'medium';
  const y = valueOf(year);
  return y >= 1880 && y <= 2099 ? 'high' : undefined;
}

/**
 * What `Number(group)` gives for a group of ASCII digits (every numbered group of DATE but the
 * month names), NaN for none, read by char code: Number() of a string is a runtime call.
 */
function valueOf(group: string | undefined): number {
  if (group === undefined || group.length === 0) return Number.NaN;
  let n = 0;
  for (let i = 0; i < group.length; i++) n = n * 10 + group.charCodeAt(i) - 48;
  return n;
}

function validDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= (DAYS[month - 1] as number);
}
