import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources of the sibling packages, not their dist.
    alias: [
      { find: /^@fieldwork\/agent\/(.*)$/, replacement: src('./packages/agent/src/$1/index.ts') },
      { find: /^@fieldwork\/agent$/, replacement: src('./packages/agent/src/index.ts') },
      { find: /^@fieldwork\/core\/(.*)$/, replacement: src('./packages/core/src/$1/index.ts') },
      { find: /^@fieldwork\/core$/, replacement: src('./packages/core/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One key for every test workspace, so two workspaces collecting the same traces store the same
    // end-user hashes (as two machines sharing FIELDWORK_SECRET do). The key-file path is tested on
    // its own, with an empty environment.
    env: { FIELDWORK_SECRET: 'fieldwork-test-secret-0123456789abcdef' },
  },
});
