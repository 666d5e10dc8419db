/** Numbers printed in advertisements and documentation; they belong to nobody. */
const PUBLIC_SAMPLES: ReadonlySet<string> = new Set(['078051120', '219099999', '123456789']);

/**
 * Whether a string is a possible US Social Security number under the SSA's rules: written as
 * `AAA-GG-SSSS`, `AAA GG SSSS` or nine digits; area not 000, 666 or 900–999; group not 00;
 * serial not 0000. Well-known sample numbers (078-05-1120 from the Woolworth wallet insert,
 * 219-09-9999, 123-45-6789) are rejected because they identify no one. A valid result says
 * the number could have been issued, not that it was.
 *
 * @example
 * ```ts
 * import { ssnValid } from '@fieldwork/agent/pii';
 * console.log(ssnValid('536-22-8726')); // true
 * console.log(ssnValid('666-22-8726')); // false (area 666 is never issued)
 * console.log(ssnValid('078-05-1120')); // false (the Woolworth sample)
 * ```
 */
export function ssnValid(value: string): boolean {
  const m = /^(\d{3})([- ]?)(\d{2})\2(\d{4})$/.exec(value);
  if (m === null) return false;
  const [, area, , group, serial] = m as unknown as [string, string, string, string, string];
  if (area === '000' || area === '666' || area[0] === '9') return false;
  if (group === '00' || serial === '0000') return false;
  return !PUBLIC_SAMPLES.has(area + group + serial);
}
