/**
 * The Luhn (mod 10) checksum used by payment card numbers. Spaces and dashes are ignored; any
 * other non-digit, or fewer than two digits, makes the value invalid.
 *
 * @example
 * ```ts
 * import { luhnValid } from '@fieldwork/agent/pii';
 * console.log(luhnValid('4111 1111 1111 1111')); // true
 * console.log(luhnValid('4111 1111 1111 1112')); // false
 * ```
 */
export function luhnValid(value: string): boolean {
  return luhnValidIn(value, 0, value.length);
}

/** {@link luhnValid} of `text[start..end)`, read in place (no slice). */
export function luhnValidIn(text: string, start: number, end: number): boolean {
  let sum = 0;
  let digits = 0;
  for (let i = end - 1; i >= start; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 45) continue;
    if (c < 48 || c > 57) return false;
    let d = c - 48;
    if (digits % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    digits++;
  }
  return digits >= 2 && sum % 10 === 0;
}
