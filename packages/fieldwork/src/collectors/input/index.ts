export { iterateJsonItems, streamJsonArray, readJsonDocument, parseJsonText, lineColumnAt, pointer } from './json-input.js';
export type { JsonItem } from './json-input.js';
export { iterateCsvRows, col, readCsvHeader } from './csv-input.js';
export type { CsvRow } from './csv-input.js';
export { normalizeDate, normalizeInstant } from './dates.js';
export { FieldMapping, fieldKey, fieldMappingSchema, describeFields, fieldsTable, inputPath } from './field-mapping.js';
export type { FieldAliases, MappedEntry } from './field-mapping.js';
export { IgnoredFields } from './ignored-fields.js';
export type { IgnoredField } from './ignored-fields.js';
