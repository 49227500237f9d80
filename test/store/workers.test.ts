import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { hostname } from 'node:os'
import { afterAll, describe, expect, it } from 'vitest'
import type { Context } from '../../src/app/assessments.js'
import { Jobs } from '../../src/app/jobs.js'
import type { Actor } from '../../src/domain/index.js'
import { openStore } from '../../src/store/store.js'
import { bundleCli, CLI_NODE_FLAGS, removeBundles } from '../support/bundle.js'
import { CORPUS_DIR, sharedAvailable } from '../support/shared.js'
import { dropSchemas, postgresUrl } from '../support/stores.js'

const REPORTS = `${CORPUS_DIR}reports/`
const PRESENT = sharedAvailable(REPORTS, 'the worker tests (their jobs read real reports)')
const admin: Actor = { id: 'workers-admin', role: 'administrator' }

/** Jobs of three reports each, the smallest of the corpus: a worker can be caught with one or two read. */
const JOBS = 4
const PER_JOB = 3

/**
 * `inspectorate worker` (the command line built once, test/support/bundle.ts) in a process of its own, against one
 * PostgreSQL schema, looking for dead workers' jobs every second. Jobs expire only after a day: a dead worker is
 * noticed by its liveness (its session lock gone with its connection), not by its job's expiry.
 */
function worker(cli: string, url: string): ChildProcess {
  return spawn(process.execPath, [...CLI_NODE_FLAGS, cli, 'worker'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      LOG_LEVEL: 'silent',
      JOB_LIVENESS_SECONDS: '1',
      JOB_POLLING_SECONDS: '0.5',
      // Two processes on two cores: one PDF reader each.
      PDF_READERS: '1',
    },
    stdio: 'ignore',
  })
}

const until = async (what: string, check: () => Promise<boolean>, seconds = 90) => {
  const end = Date.now() + seconds * 1000
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`)
    await new Promise(r => setTimeout(r, 100))
  }
}

/** Several worker processes share one queue, and a worker killed mid-job leaves the job to another (issue 15). */
describe.runIf(PRESENT && postgresUrl())('workers in several processes', () => {
  const schema = `workers_${randomUUID().replaceAll('-', '').slice(0, 16)}`
  const children: ChildProcess[] = []
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL')
    removeBundles()
    await dropSchemas([schema])
  })

  it('two workers both take jobs; one killed mid-job leaves it to the other, nothing half-stored', async () => {
    const store = await openStore({ kind: 'postgres', url: postgresUrl() as string, schema })
    const ctx: Context = { store, now: () => new Date(), newId: randomUUID }
    const jobs = await Jobs.open(ctx)
    try {
      const names = readdirSync(REPORTS)
        .filter(f => f.endsWith('.pdf'))
        .map(name => ({ name, size: statSync(`${REPORTS}${name}`).size }))
        .sort((x, y) => x.size - y.size || x.name.localeCompare(y.name))
        .map(f => f.name)
      const batches = Array.from({ length: JOBS }, (_, i) =>
        names.slice(i * PER_JOB, (i + 1) * PER_JOB).map(name => ({
          name,
          bytes: readFileSync(`${REPORTS}${name}`),
          sourceUrl: null,
        })),
      )
      const runs: { id: string }[] = []
      for (const files of batches) runs.push(await jobs.submit(admin, { kind: 'ingest', publish: true }, files))
      const url = new URL(postgresUrl() as string)
      url.searchParams.set('options', `-c search_path=${schema}`)
      const cli = await bundleCli()
      const [a, b] = [worker(cli, url.toString()), worker(cli, url.toString())]
      children.push(a, b)
      const nameOf = (c: ChildProcess) => `${hostname()}:${c.pid}`
      const views = () => Promise.all(runs.map(r => jobs.view(admin, r.id)))

      // Kill a worker while it is part way through a job: a file stored, and a file still to read (one whose last file
      // is being stored may complete before the kill lands). Whichever it is: on a loaded machine one may have taken
      // and finished its jobs before the other is seen part way through one.
      let held = ''
      let victim = a
      await until('a worker is part way through a job', async () => {
        const v = (await views()).find(j => j.state === 'active' && j.done > 0 && j.done < (j.total ?? 0) - 1)
        const w = [a, b].find(c => v && v.workers.at(-1) === nameOf(c))
        held = v?.id ?? ''
        if (w) victim = w
        return Boolean(w)
      })
      const survivor = victim === a ? b : a
      victim.kill('SIGKILL')
      await until('every job is done', async () => (await views()).every(j => j.state === 'completed'), 120)
      const done = await views()
      const killed = done.find(j => j.id === held)
      expect(killed?.workers).toEqual([nameOf(victim), nameOf(survivor)])
      expect(killed?.retries).toBeGreaterThanOrEqual(1)
      // Retried because its worker's liveness went, not because it expired.
      expect(killed?.log.map(l => l.message)).toContain(
        `Its worker ${nameOf(victim)} stopped: tried again if it may be`,
      )
      expect(new Set(done.flatMap(j => j.workers))).toEqual(new Set([nameOf(a), nameOf(b)]))

      // Every report read once, whole: an assessment for each, with its one document and one audit entry.
      const assessments = await store.assessments.list()
      const documents = await store.documents.all()
      expect(assessments).toHaveLength(JOBS * PER_JOB)
      expect(documents).toHaveLength(JOBS * PER_JOB)
      for (const x of assessments) expect(documents.filter(d => d.assessmentId === x.id)).toHaveLength(1)
      const audit = (await store.audit.all()).filter(e => e.action === 'assessment.import-published')
      expect(audit).toHaveLength(JOBS * PER_JOB)
      expect((await store.audit.verify()).firstBad).toBeNull()
    } finally {
      await jobs.stop()
      await store.close()
    }
  }, 240_000)
})
