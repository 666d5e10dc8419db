export { iterateJsonItems, streamJsonArray, readJsonDocument, parseJsonText, lineColumnAt, pointer } from './json-input.js';
export type { JsonItem } from './json-input.js';
export { iterateCsvRows, readCsvHeader, col, MAX_CSV_RECORD_BYTES } from './csv-input.js';
export { guardTextInput, guardTextStream, MAX_JSON_NESTING } from './text-guard.js';
export type { CsvRow } from './csv-input.js';
export { normalizeDate, normalizeInstant, instantFromEpoch } from './dates.js';
export { yamlValue, assertYamlNesting, MAX_YAML_ALIAS_EXPANSION } from './yaml-value.js';
export { readLines, MAX_LINE_BYTES } from './read-lines.js';
