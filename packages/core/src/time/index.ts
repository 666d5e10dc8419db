export { localDate, daysBetween, addDays, startOfDay, endOfDay, inPeriod, isValidTimeZone } from './calendar.js';
export type { Period } from './calendar.js';
