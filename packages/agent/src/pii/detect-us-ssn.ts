import { codeAt } from './code-at.js';
import { hasContext, isDigit, isWordChar } from './context.js';
import type { PiiFinding } from './pii-type.js';
import { ssnValid } from './ssn-valid.js';
import type { DigitRuns } from './text-scan.js';

const CANDIDATE = /(?<![\w.-])\d{3}([- ]?)\d{2}\1\d{4}(?!\w|[.-]\d)/g;
const CONTEXT = /\b(?:ssns?|social[ -]security|soc(?:ial)?\.? ?sec\.?|ss ?(?:#|no\b|num))/i;

/**
 * Finds US Social Security numbers that pass {@link ssnValid}. With "SSN" or "social security"
 * nearby the finding is validated (high confidence for `AAA-GG-SSSS` or `AAA GG SSSS`, medium
 * for nine bare digits). Without context only the dashed form is reported, as a low-confidence
 * unvalidated finding; spaced or bare nine-digit numbers without context are ignored.
 */
export function detectUsSsn(text: string, out: PiiFinding[], runs?: DigitRuns): void {
  if (runs !== undefined) {
    fromRuns(text, out, runs);
    return;
  }
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) candidate(text, m.index, m.index + m[0].length, m[1] as string, out);
}

/**
 * What the CANDIDATE loop finds, read from the scan's digit runs instead of a regex pass: a run
 * of nine digits, or runs of three, two and four digits joined by the same single dash or space,
 * with no word character, "." or "-" before and no word character (or "." or "-" and a digit)
 * after.
 */
function fromRuns(text: string, out: PiiFinding[], runs: DigitRuns): void {
  // The units around each run are the scan's.
  const { starts, ends, around } = runs;
  for (let k = 0; k < runs.count; k++) {
    const start = starts[k] as number;
    const length = (ends[k] as number) - start;
    if (length !== 9 && length !== 3) continue;
    const before = (around[k] as number) & 0xffff;
    if (isWordChar(before) || before === 46 || before === 45) continue;
    let end = ends[k] as number;
    let sep = '';
    if (length === 3) {
      if (k + 2 >= runs.count) continue;
      const gap = (around[k] as number) >>> 16;
      if (gap !== 45 && gap !== 32) continue;
      if (starts[k + 1] !== end + 1 || ends[k + 1] !== end + 3 || ((around[k + 1] as number) >>> 16) !== gap) continue;
      if (starts[k + 2] !== end + 4 || ends[k + 2] !== end + 8) continue;
      end += 8;
      sep = gap === 45 ? '-' : ' ';
    }
    const after = (around[length === 3 ? k + 2 : k] as number) >>> 16;
    if (isWordChar(after) || ((after === 46 || after === 45) && isDigit(codeAt(text, end + 1)))) continue;
    candidate(text, start, end, sep, out);
  }
}

/** Reports the candidate `text[start..end)`, its groups joined by `sep`, if it is an SSN. */
function candidate(text: string, start: number, end: number, sep: string, out: PiiFinding[]): void {
  const raw = text.slice(start, end);
  if (!ssnValid(raw)) return;
  const delimited = sep !== '';
  const context = hasContext(text, start, end, CONTEXT, 48, 16);
  if (!context && sep !== '-') return;
  out.push({
    type: 'us_ssn',
    start,
    end,
    validated: context,
    confidence: context ? (delimited ? 'high' : 'medium') : 'low',
  });
}
