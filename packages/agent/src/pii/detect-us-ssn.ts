import { hasContext } from './context.js';
import type { PiiFinding } from './pii-type.js';
import { ssnValid } from './ssn-valid.js';

const CANDIDATE = /(?<![\w.-])\d{3}([- ]?)\d{2}\1\d{4}(?!\w|[.-]\d)/g;
const CONTEXT = /\b(?:ssns?|social[ -]security|soc(?:ial)?\.? ?sec\.?|ss ?(?:#|no\b|num))/i;

/**
 * Finds US Social Security numbers that pass {@link ssnValid}. With "SSN" or "social security"
 * nearby the finding is validated (high confidence for `AAA-GG-SSSS` or `AAA GG SSSS`, medium
 * for nine bare digits). Without context only the dashed form is reported, as a low-confidence
 * unvalidated finding; spaced or bare nine-digit numbers without context are ignored.
 */
export function detectUsSsn(text: string, out: PiiFinding[]): void {
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
    const raw = m[0];
    if (!ssnValid(raw)) continue;
    const start = m.index;
    const end = start + raw.length;
    const delimited = m[1] !== '';
    const context = hasContext(text, start, end, CONTEXT, 48, 16);
    if (!context && m[1] !== '-') continue;
    out.push({
      type: 'us_ssn',
      start,
      end,
      validated: context,
      confidence: context ? (delimited ? 'high' : 'medium') : 'low',
    });
  }
}
