import { FieldworkError } from '@fieldwork/core';
import { z } from 'zod';

// The same rule as dates in fieldwork.yaml, so `--from 2026-13-01` fails like `from: 2026-13-01`.
const calendarDate = z.iso.date();

/**
 * A commander argument parser for a date flag: the value when it is a real calendar date
 * (YYYY-MM-DD), else a `USAGE` error (exit 2) naming the flag.
 *
 * @example
 * command.option('--from <date>', 'period start', dateFlag('--from'))
 */
export function dateFlag(flag: string): (value: string) => string {
  return (value) => {
    if (!calendarDate.safeParse(value).success) {
      throw new FieldworkError('USAGE', `${flag} ${JSON.stringify(value)} is not a calendar date.`, { hint: 'Use YYYY-MM-DD with a real month and day, e.g. 2026-03-31.' });
    }
    return value;
  };
}

const instant = z.iso.datetime({ offset: true });

/**
 * Like {@link dateFlag}, but an ISO-8601 instant (`2026-05-01T12:00:00Z`) is accepted too; a
 * date must still be a real calendar day (JavaScript would read 2026-02-30 as 2 March).
 *
 * @example
 * command.option('--as-of <date>', 'as collected by then', dateOrInstantFlag('--as-of'))
 */
export function dateOrInstantFlag(flag: string): (value: string) => string {
  return (value) => {
    if (!calendarDate.safeParse(value).success && !instant.safeParse(value).success) {
      throw new FieldworkError('USAGE', `${flag} ${JSON.stringify(value)} is not a calendar date or an instant.`, { hint: 'Use YYYY-MM-DD with a real month and day, or an ISO-8601 instant such as 2026-05-01T12:00:00Z.' });
    }
    return value;
  };
}
