import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // PGlite migrated once for the run; each test's store is a copy of it.
    globalSetup: ['test/support/pglite-template.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: 'test-output/results.json' }]],
  },
})
