export { iterateJsonItems, streamJsonArray, readJsonDocument, parseJsonText, lineColumnAt, pointer } from './json-input.js';
export type { JsonItem } from './json-input.js';
export { iterateCsvRows, col } from './csv-input.js';
export type { CsvRow } from './csv-input.js';
export { normalizeDate, normalizeInstant } from './dates.js';
