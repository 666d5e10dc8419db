export { FieldworkError, formatWhere, exitCodeFor, isFieldworkError } from './fieldwork-error.js';
export type { FieldworkErrorCode, Where } from './fieldwork-error.js';
