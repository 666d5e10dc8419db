import { createPseudonymizer } from '../workspace/index.js';

/** The workspace secret collector tests parse with (never a real one); vitest.config.ts sets the same value as FIELDWORK_SECRET. */
export const TEST_SECRET = 'fieldwork-test-secret-0123456789abcdef';

/** The keyed hash a collector test should expect for an end-user identifier. */
export const testPseudonym = createPseudonymizer(TEST_SECRET);
