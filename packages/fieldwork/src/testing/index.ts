/** @module Test helpers: stores on every dialect, parsing a file with a collector, real fixtures. */
export { openTestStore, freshPostgresSchema, TEST_DIALECTS, TEST_DATABASE_URL } from './test-stores.js';
export type { TestStore } from './test-stores.js';
export { parseFile, REAL_FIXTURES } from './parse-file.js';
export { scratchDir, refusal } from './scratch-files.js';
export { TEST_SECRET, testPseudonym } from './test-secret.js';
