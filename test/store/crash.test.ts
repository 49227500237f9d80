import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../src/store/store.js'
import { bundleCli, CLI_NODE_FLAGS, removeBundles } from '../support/bundle.js'
import { tempDataDir } from '../support/cli.js'
import { CORPUS_DIR, sharedAvailable } from '../support/shared.js'
import { dropSchemas, pgliteTemplate, postgresUrl } from '../support/stores.js'

const CORPUS_REPORTS = `${CORPUS_DIR}reports/`
const PRESENT = sharedAvailable(CORPUS_REPORTS, 'the crash-mid-batch tests (they ingest real reports)')
/**
 * A batch of real reports, enough that a kill lands part way: the smallest of the corpus, copied aside under names
 * that put the largest first. A batch is stored in the order of its names and read largest first (the PDF pool's
 * order), so each file is stored as soon as it is read and the progress bar moves from the first.
 */
const TOTAL = 12
const REPORTS = join(mkdtempSync(join(tmpdir(), 'inspectorate-batch-')), 'reports')
if (PRESENT) {
  mkdirSync(REPORTS)
  const smallest = readdirSync(CORPUS_REPORTS)
    .filter(name => name.endsWith('.pdf'))
    .map(name => ({ name, size: statSync(join(CORPUS_REPORTS, name)).size }))
    .sort((a, b) => a.size - b.size || a.name.localeCompare(b.name))
    .slice(0, TOTAL)
  for (const [i, f] of smallest.reverse().entries())
    copyFileSync(join(CORPUS_REPORTS, f.name), join(REPORTS, `${String(i).padStart(2, '0')}-${f.name}`))
}
const TTY_STDERR = new URL('../support/tty-stderr.mjs', import.meta.url).href

/** The command line, built once for the file (test/support/bundle.ts): it starts as plain node. */
let cli = ''

/**
 * Starts `inspectorate ingest --publish` on the batch and kills it (SIGKILL, no chance to tidy up) once its progress
 * bar says `done` files are through (each stored in its own transaction), so part way through the batch.
 */
async function ingestKilledAt(done: number, env: NodeJS.ProcessEnv): Promise<void> {
  // One PDF reader: a worker thread fewer to start, and fewer files read ahead past the kill.
  const merged: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', PDF_READERS: '1', ...env }
  if (!env.DATABASE_URL) delete merged.DATABASE_URL
  const child = spawn(
    process.execPath,
    [...CLI_NODE_FLAGS, '--import', TTY_STDERR, cli, 'ingest', '--publish', REPORTS],
    {
      env: merged,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  )
  const exited = new Promise(resolve => child.on('exit', resolve))
  let seen = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    seen = (seen + chunk).slice(-200)
    const counts = [...seen.matchAll(/(\d+)\/\d+ ETA/g)]
    if (Number(counts.at(-1)?.[1] ?? 0) >= done) child.kill('SIGKILL')
  })
  await exited
}

/** Every stored assessment has its document and its audit entry; no document or entry points at nothing. */
async function expectWhole(store: Store): Promise<number> {
  const assessments = await store.assessments.list()
  const documents = await store.documents.all()
  const audit = await store.audit.all()
  const ids = new Set(assessments.map(a => a.id))
  for (const a of assessments) {
    expect(documents.filter(d => d.assessmentId === a.id)).toHaveLength(1)
    expect(audit.filter(e => e.entityId === a.id && e.action === 'assessment.import-published')).toHaveLength(1)
  }
  expect(documents.every(d => ids.has(d.assessmentId))).toBe(true)
  expect(audit).toHaveLength(assessments.length)
  expect((await store.audit.verify()).firstBad).toBeNull()
  return assessments.length
}

/** A crash at any point of a batch leaves every stored assessment whole (issue 11, "Concurrency and crashes"). */
describe.runIf(PRESENT)('a batch killed part way', () => {
  const schemas: string[] = []
  beforeAll(async () => {
    cli = await bundleCli()
  })
  afterAll(async () => {
    removeBundles()
    await dropSchemas(schemas)
  })

  it('on the embedded store: every assessment stored has its document and audit entry', async () => {
    const dir = tempDataDir()
    // The store the batch opens is migrated already: a copy of the run's template.
    await (await PGlite.create({ dataDir: dir, loadDataDir: await pgliteTemplate() })).close()
    let stored = 0
    const killAt = async (done: number) => {
      await ingestKilledAt(done, { INSPECTORATE_DATA: dir })
      // The dead process's lock is taken over, and the store opens whole.
      const store = await openStore({ kind: 'pglite', dataDir: dir })
      try {
        stored = await expectWhole(store)
      } finally {
        await store.close()
      }
    }
    // Killed once part way, then again part way through the same batch run a second time.
    await killAt(2)
    await killAt(stored + 2)
    expect(stored).toBeGreaterThan(0)
    expect(stored).toBeLessThan(TOTAL)
  }, 300_000)

  it.runIf(postgresUrl())(
    'on PostgreSQL: the same',
    async () => {
      const url = postgresUrl() as string
      const schema = `crash_${randomUUID().replaceAll('-', '').slice(0, 16)}`
      schemas.push(schema)
      const store = await openStore({ kind: 'postgres', url, schema })
      try {
        const inSchema = new URL(url)
        inSchema.searchParams.set('options', `-c search_path=${schema}`)
        let stored = 0
        for (const more of [2, 2]) {
          await ingestKilledAt(stored + more, { DATABASE_URL: inSchema.toString() })
          stored = await expectWhole(store)
          expect(stored).toBeGreaterThan(0)
          expect(stored).toBeLessThan(TOTAL)
        }
      } finally {
        await store.close()
      }
    },
    300_000,
  )
})
