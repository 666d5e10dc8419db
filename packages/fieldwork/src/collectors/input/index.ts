export { iterateJsonItems, streamJsonArray, readJsonDocument, parseJsonText, lineColumnAt, pointer } from './json-input.js';
export type { JsonItem } from './json-input.js';
export { iterateCsvRows, col } from './csv-input.js';
export type { CsvRow } from './csv-input.js';
export { normalizeDate, normalizeInstant } from './dates.js';
export { subjectByRules, subjectRuleSchema, describeSubjectRule } from './subject-rules.js';
export type { SubjectRule, SubjectSources } from './subject-rules.js';
