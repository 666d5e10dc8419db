/** @module Test helpers: stores on every dialect, parsing a file with a collector, real fixtures. */
export { openTestStore, openWorkspaceStore, freshPostgresSchema, TEST_DIALECTS, TEST_DATABASE_URL } from './test-stores.js';
export type { TestStore } from './test-stores.js';
export { parseFile, parseFileReport, REAL_FIXTURES } from './parse-file.js';
export { scratchDir, refusal } from './scratch-files.js';
export { TEST_SECRET, testPseudonym } from './test-secret.js';
export { integrityWorkspace, hrRoster, promptLog } from './integrity-workspace.js';
export type { IntegrityWorkspace } from './integrity-workspace.js';
