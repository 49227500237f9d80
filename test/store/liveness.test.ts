import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import type { Context } from '../../src/app/assessments.js'
import { type Jobs, UNNAMED_WORKER_SECONDS } from '../../src/app/jobs.js'
import type { Actor } from '../../src/domain/index.js'
import { boss, LONGEST_EXPIRY_SECONDS } from '../../src/store/queue.js'
import { openStore } from '../../src/store/store.js'
import { jobsPerTest } from '../support/jobs.js'
import { BACKENDS, dropTestDatabases, postgresUrlOf, storePerTest } from '../support/stores.js'

const admin: Actor = { id: 'liveness-admin', role: 'administrator' }
/** Quick to look for stopped workers' jobs; expiry left at its default, a day. */
const quick = { pollingIntervalSeconds: 0.5, livenessIntervalSeconds: 0.2 }

afterAll(dropTestDatabases)

/** Makes the oldest waiting job of the kind active, as a worker's pg-boss does, then lets it go without a word. */
async function takeWithoutWorking(ctx: Context, kind: 'rules-check'): Promise<string> {
  const b = await boss(ctx.store.db, { migrate: false, supervise: false })
  b.on('error', () => {})
  await b.start()
  try {
    const [job] = await b.fetch(kind)
    if (!job) throw new Error('no job to take')
    return job.id
  } finally {
    await b.stop({ graceful: false, close: false, wait: true })
  }
}

/** What a worker that took the job and then died leaves behind: the job active, and itself named as its worker. */
async function takenByWorkerThatDied(ctx: Context, q: Jobs, worker: string): Promise<string> {
  const run = await q.submit(admin, { kind: 'rules-check' })
  expect(await takeWithoutWorking(ctx, 'rules-check')).toBe(run.id)
  await ctx.store.jobs.started(run.id, worker, 0, ctx.now())
  return run.id
}

for (const backend of BACKENDS)
  describe.skipIf(!backend.available)(`liveness of workers on ${backend.name}`, () => {
    const current = storePerTest(backend)
    const open = jobsPerTest(current, quick)

    it('a job whose worker died is retried at once, long before it expires, as is one from its own last life', async () => {
      const { ctx, store } = current
      const submitter = await open('submitter')
      const dead = await takenByWorkerThatDied(ctx, submitter, 'a-process-that-died')
      // The same name as the worker to come: a process restarted with the same host name and pid.
      const previous = await takenByWorkerThatDied(ctx, submitter, 'worker-b')
      const { rows } = await sql<{ seconds: number }>`select extract(epoch from expire_in)::int as seconds
        from job where id = ${dead}`.execute(store.db)
      expect(rows[0]?.seconds).toBe(LONGEST_EXPIRY_SECONDS)

      const b = await open('worker-b')
      await b.work()
      for (const [id, died] of [
        [dead, 'a-process-that-died'],
        [previous, 'worker-b'],
      ] as const) {
        const done = await b.wait(admin, id, () => {}, 50, 30_000)
        expect(done.state).toBe('completed')
        expect(done.retries).toBe(1)
        expect(done.workers).toEqual([died, 'worker-b'])
        expect(done.log.map(l => l.message)).toContain(`Its worker ${died} stopped: tried again if it may be`)
      }
    })

    it('a job made active whose worker has not yet said who it is is left alone', async () => {
      const { ctx } = current
      const submitter = await open('submitter')
      const run = await submitter.submit(admin, { kind: 'rules-check' })
      // Its first attempt's worker died and was failed; its second is taken, the worker not yet recorded.
      await takeWithoutWorking(ctx, 'rules-check')
      await ctx.store.jobs.started(run.id, 'first-worker', 0, ctx.now())
      const b = await boss(ctx.store.db, { migrate: false, supervise: false })
      await b.start()
      await b.fail('rules-check', run.id, { message: 'its worker first-worker stopped' })
      await b.stop({ graceful: false, close: false, wait: true })
      await takeWithoutWorking(ctx, 'rules-check')

      // Working starts by looking once for stopped workers' jobs; then it looks again every 0.2 s.
      const reaper = await open('worker-b')
      await reaper.work()
      await reaper.wait(admin, run.id, () => {}, 50, 1_000)
      const seen = await reaper.view(admin, run.id)
      expect([seen.state, seen.retries, seen.workers]).toEqual(['active', 1, ['first-worker']])
    })

    it('a job whose worker died before it said who it was is retried once a minute has passed', async () => {
      const { ctx, store } = current
      const submitter = await open('submitter')
      const run = await submitter.submit(admin, { kind: 'rules-check' })
      await takeWithoutWorking(ctx, 'rules-check')
      // Made active a little over a minute ago, and no worker named since.
      await sql`update job set started_on = now() - make_interval(secs => ${UNNAMED_WORKER_SECONDS + 1})
        where id = ${run.id}`.execute(store.db)
      const b = await open('worker-b')
      await b.work()
      const done = await b.wait(admin, run.id, () => {}, 50, 30_000)
      expect([done.state, done.retries, done.workers]).toEqual(['completed', 1, ['worker-b']])
      expect(done.log.map(l => l.message)).toContain(
        'Its worker stopped before it said who it was: tried again if it may be',
      )
      // Kept by attempt: the second attempt's worker is the second name, so no reaper takes it for the first's.
      const { rows } = await sql<{ workers: unknown }>`select workers from job_runs where id = ${run.id}`.execute(
        store.db,
      )
      expect(rows[0]?.workers).toEqual([null, 'worker-b'])
    })

    it('an attempt whose outcome was lost (the store went away as it was written) is tried again', async () => {
      const { store } = current
      const b = await open('worker-b')
      await b.work()
      const run = await b.submit(admin, { kind: 'rules-check' })
      expect((await b.wait(admin, run.id, () => {}, 50, 30_000)).state).toBe('completed')
      // As if pg-boss had not recorded it: still active, its worker this live one, which ended it.
      await sql`update job set state = 'active', completed_on = null, output = null where id = ${run.id}`.execute(
        store.db,
      )
      const again = await b.wait(admin, run.id, () => {}, 50, 30_000)
      expect([again.state, again.retries, again.workers]).toEqual(['completed', 1, ['worker-b', 'worker-b']])
      expect(again.log.map(l => l.message)).toContain('Its worker worker-b stopped: tried again if it may be')
    })

    it.runIf(backend.name === 'PostgreSQL')(
      'tells of a connection the server ended, and goes on with a new one',
      async () => {
        const ended: Error[] = []
        const store = await openStore({
          kind: 'postgres',
          url: postgresUrlOf(current.store),
          onConnectionError: e => ended.push(e),
        })
        try {
          const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db)).rows[0]?.pid
          await sql`select pg_terminate_backend(${pid})`.execute(current.store.db)
          const end = Date.now() + 10_000
          while (ended.length === 0 && Date.now() < end) await new Promise(r => setTimeout(r, 20))
          expect(ended[0]?.message).toMatch(/terminat/)
          expect((await sql<{ one: number }>`select 1 as one`.execute(store.db)).rows).toEqual([{ one: 1 }])
        } finally {
          await store.close()
        }
      },
    )

    it.runIf(backend.name === 'PostgreSQL')(
      'a worker whose liveness connection the server ends takes its lock again, and goes on finding stopped workers',
      async () => {
        const { ctx, store } = current
        /** The server process holding worker-a's lock (two-key advisory locks keep the second key in objid). */
        const holder = async () => {
          const { rows } = await sql<{ pid: number }>`select l.pid from pg_locks l
            where l.locktype = 'advisory' and l.classid = 15 and l.objsubid = 2 and l.granted
              and l.database = (select oid from pg_database where datname = current_database())
              and l.objid::bigint = (hashtext(current_schema() || ' ' || 'worker-a')::bigint & 4294967295)`.execute(
            store.db,
          )
          return rows[0]?.pid
        }
        const a = await open('worker-a')
        await a.work()
        const first = await holder()
        expect(first).toBeDefined()
        // As a restart or an administrator would: the connection ends under the worker, which does not crash.
        await sql`select pg_terminate_backend(${first})`.execute(store.db)
        const end = Date.now() + 10_000
        let again = await holder()
        while ((again === undefined || again === first) && Date.now() < end) {
          await new Promise(r => setTimeout(r, 50))
          again = await holder()
        }
        expect(again).toBeDefined()
        expect(again).not.toBe(first)
        // Its reaper works on the new connection: a dead worker's job is retried.
        const dead = await takenByWorkerThatDied(ctx, a, 'a-process-that-died')
        const done = await a.wait(admin, dead, () => {}, 50, 30_000)
        expect([done.state, done.retries, done.workers]).toEqual(['completed', 1, ['a-process-that-died', 'worker-a']])
      },
    )

    it.runIf(backend.name === 'PostgreSQL')(
      'a live worker’s job is left to it by another process’s reaper, however long it runs',
      async () => {
        const { store } = current
        const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)
        // Another session holds the assessments table, so the rules check waits part way through.
        const holder = new pg.Client({ connectionString: postgresUrlOf(store) })
        await holder.connect()
        try {
          await holder.query('begin')
          await holder.query(`lock table ${rows[0]?.schema}.assessments in access exclusive mode`)
          const a = await open('worker-a')
          const run = await a.submit(admin, { kind: 'rules-check' })
          await a.work()
          while ((await a.view(admin, run.id)).workers.length === 0) await new Promise(r => setTimeout(r, 20))
          // Another worker, its own session: it looks for stopped workers' jobs as it starts, and every 0.2 s.
          const b = await open('worker-b')
          await b.work()
          await b.wait(admin, run.id, () => {}, 50, 1_000)
          const running = await b.view(admin, run.id)
          expect([running.state, running.retries, running.workers]).toEqual(['active', 0, ['worker-a']])
          await holder.query('commit')
          const done = await a.wait(admin, run.id, () => {}, 50)
          expect([done.state, done.retries, done.workers]).toEqual(['completed', 0, ['worker-a']])
          expect(done.log).toEqual([])
        } finally {
          await holder.end()
        }
      },
    )
  })
