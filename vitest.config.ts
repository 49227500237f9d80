import { defineConfig } from 'vitest/config'

/** The tests that need no store: domain, reading reports, rendering (`npm run test:unit`). */
const UNIT = [
  'test/domain/**/*.test.ts',
  'test/ingest/**/*.test.ts',
  'test/render/**/*.test.ts',
  'test/support/*.test.ts',
]
/** The tests of the real corpus: they share one reading of it per run. */
const CORPUS = ['test/corpus/**/*.test.ts']
/** The worker threads the tests start, built once for the run (a second of CPU less for each to start). */
const WORKERS_BUILT = 'test/support/workers-built.ts'

// The JSON report scripts/test-summary.mjs reads is written by `npm test` (its test:run script) only, so that other
// runs at the same time (a file or a lane) do not overwrite it.
const REPORT = process.env.npm_lifecycle_event === 'test:run' ? 'test-output/results.json' : undefined

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Vitest's default is one worker fewer than the cores: one, on this 2-core machine. Forks keep each worker's
    // PGlite instances and Chromium apart.
    pool: 'forks',
    // The two cores are busy all the run: the collector's helper threads only add CPU (as for the service, whose
    // start script sets the same), and a larger young generation collects less often.
    execArgv: ['--single-threaded-gc', '--max-semi-space-size=32'],
    maxWorkers: 2,
    reporters: REPORT ? ['default', ['json', { outputFile: REPORT }]] : ['default'],
    projects: [
      // Files of pure code share their worker process: half the CPU of a fresh process and module graph per file.
      { extends: true, test: { name: 'unit', include: UNIT, isolate: false, globalSetup: [WORKERS_BUILT] } },
      {
        extends: true,
        test: {
          name: 'stores',
          // Each page's tests sit in its folder (src/web/routes/<area>/<page>/); the rest under test/.
          include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
          exclude: [...UNIT, ...CORPUS],
          // PGlite and a PostgreSQL database migrated once for the run; each test's store is a copy of one of them.
          globalSetup: [WORKERS_BUILT, 'test/support/pglite-template.ts', 'test/support/postgres-template.ts'],
          isolate: false,
          setupFiles: ['test/support/per-file.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'corpus',
          include: CORPUS,
          // The 233 reports read once for the run, on every core, before the tests that check what was read.
          globalSetup: [WORKERS_BUILT, 'test/support/corpus-setup.ts'],
        },
      },
    ],
  },
})
