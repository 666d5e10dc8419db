const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether day and month make a real calendar date; with a four-digit year, 29 February only in
 * leap years.
 */
export function calendarDate(month: number, day: number, year?: number): boolean {
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= (DAYS[month - 1] as number))) return false;
  if (month !== 2 || day !== 29 || year === undefined || year < 1000) return true;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** A two-digit year, or a four-digit year a person's date can have (1880–2099). */
export function plausibleYear(raw: string): boolean {
  if (raw.length === 2) return true;
  if (raw.length !== 4) return false;
  const y = Number(raw);
  return y >= 1880 && y <= 2099;
}
