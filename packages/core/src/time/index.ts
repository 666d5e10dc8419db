export { localDate, daysBetween, addDays, startOfDay, endOfDay, inPeriod, isValidTimeZone } from './calendar.js';
export type { Period } from './calendar.js';
export { addMonths } from './add-months.js';
export { quartersOverlapping } from './calendar-quarters.js';
export type { CalendarQuarter } from './calendar-quarters.js';
export { calendarUnits, isoWeek, unitsOverlapping } from './calendar-units.js';
export type { CalendarSpan, CalendarUnit } from './calendar-units.js';
