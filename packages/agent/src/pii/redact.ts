import { detectPii } from './detect-pii.js';
import type { DetectPiiOptions, PiiFinding, PiiType } from './pii-type.js';

/**
 * Options for {@link redact}: the detection options plus how to write a replacement.
 *
 * @example
 * ```ts
 * import { redact, type RedactOptions } from '@fieldwork/agent/pii';
 * const opts: RedactOptions = { replacement: (f) => `<${f.type}>` };
 * console.log(redact('ada@example.com', opts)); // <email>
 * ```
 */
export interface RedactOptions extends DetectPiiOptions {
  /** Text to put in place of a finding (default: `[REDACTED:EMAIL]` and so on). */
  readonly replacement?: (finding: PiiFinding) => string;
  /** Findings already computed for this exact text; skips detection. */
  readonly findings?: readonly PiiFinding[];
}

/**
 * Short placeholders for the free-text types, so a redacted excerpt still reads as a sentence:
 * "Dear [PERSON], your parcel to [ADDRESS] arrives on [DATE]".
 */
const PLACEHOLDERS: Partial<Record<PiiType, string>> = { person: '[PERSON]', address: '[ADDRESS]', date: '[DATE]' };

/**
 * The default replacement for a finding: `[PERSON]`, `[ADDRESS]` or `[DATE]` for names, places
 * and dates, `[REDACTED:<TYPE>]` for the rest.
 *
 * @example
 * ```ts
 * import { redactionMarker } from '@fieldwork/agent/pii';
 * console.log(redactionMarker({ type: 'us_ssn' })); // [REDACTED:US_SSN]
 * console.log(redactionMarker({ type: 'person' })); // [PERSON]
 * ```
 */
export function redactionMarker(finding: Pick<PiiFinding, 'type'>): string {
  return PLACEHOLDERS[finding.type] ?? `[REDACTED:${finding.type.toUpperCase()}]`;
}

/**
 * Returns the text with every finding replaced by its {@link redactionMarker}.
 *
 * @example
 * ```ts
 * import { redact } from '@fieldwork/agent/pii';
 * console.log(redact('Call +1 415 555 0132 or mail ada@example.com'));
 * // Call [REDACTED:PHONE] or mail [REDACTED:EMAIL]
 * ```
 */
export function redact(text: string, opts: RedactOptions = {}): string {
  const findings = opts.findings ?? detectPii(text, opts);
  const replace = opts.replacement ?? redactionMarker;
  const parts: string[] = [];
  let at = 0;
  for (const f of findings) {
    if (f.start < at) continue;
    parts.push(text.slice(at, f.start), replace(f));
    at = f.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
