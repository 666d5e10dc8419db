const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Adds `n` calendar months to a date, clamping to the last day of a shorter month.
 * @example addMonths('2026-09-30', -12) // '2025-09-30'
 * @example addMonths('2028-02-29', -12) // '2027-02-28'
 */
export function addMonths(date: string, n: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + n;
  const ty = y + Math.floor(m / 12);
  const tm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${ty}-${pad(tm + 1)}-${pad(Math.min(Number(date.slice(8, 10)), last))}`;
}
