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
  },
});
