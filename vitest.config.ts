import { defineConfig } from 'vitest/config'

/** The tests that need no store: domain, reading reports, rendering (`npm run test:unit`). */
const UNIT = [
  'test/domain/**/*.test.ts',
  'test/ingest/**/*.test.ts',
  'test/render/**/*.test.ts',
  'test/support/*.test.ts',
]

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Vitest's default is one worker fewer than the cores: one, on this 2-core machine. Forks keep each worker's
    // PGlite instances and Chromium apart.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', ['json', { outputFile: 'test-output/results.json' }]],
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT } },
      {
        extends: true,
        test: {
          name: 'stores',
          include: ['test/**/*.test.ts'],
          exclude: UNIT,
          // PGlite migrated once for the run; each test's store is a copy of it.
          globalSetup: ['test/support/pglite-template.ts'],
        },
      },
    ],
  },
})
