import { afterAll, describe, expect, it } from 'vitest'
import { type Actor, ForbiddenError } from '../../src/domain/index.js'
import { jobsPerTest } from '../support/jobs.js'
import { SEEDS_PRESENT, seed, seedNames } from '../support/seeds.js'
import { BACKENDS, dropTestDatabases, storePerTest } from '../support/stores.js'

const admin: Actor = { id: 'jobs-admin', role: 'administrator' }
const inspector: Actor = { id: 'jobs-inspector', role: 'inspector' }
const officer: Actor = { id: 'jobs-officer', role: 'authority-officer' }
const fast = { pollingIntervalSeconds: 0.5 }

afterAll(dropTestDatabases)

for (const backend of BACKENDS)
  describe.skipIf(!backend.available)(`jobs on ${backend.name}`, () => {
    const current = storePerTest(backend)
    const open = jobsPerTest(current, fast)

    it.skipIf(!SEEDS_PRESENT)(
      'reads reports as a job, with progress, a result and the worker that took it',
      async () => {
        const { store } = current
        const q = await open('worker-a')
        const names = seedNames().slice(0, 2)
        const run = await q.submit(admin, { kind: 'ingest', publish: true }, [
          ...names.map(name => ({ name, bytes: seed(name.slice(0, 3)), sourceUrl: null })),
        ])
        expect(run.title).toBe('Read 2 reports')
        const before = await q.view(admin, run.id)
        expect(['created', 'active']).toContain(before.state)
        await q.work()
        const seen: number[] = []
        const done = await q.wait(admin, run.id, j => seen.push(j.done), 50)
        expect(done.state).toBe('completed')
        expect([done.done, done.total]).toEqual([2, 2])
        expect(done.workers).toEqual(['worker-a'])
        expect(done.result).toMatchObject({ files: 2, created: 2, failed: 0 })
        expect(await store.assessments.count()).toBe(2)
        expect((await store.audit.all()).map(e => e.action)).toContain('job.submit')
        // The submitter sees their job; another person does not learn it exists.
        await expect(q.view(inspector, run.id)).rejects.toThrow(/No job/)
        expect((await q.list(inspector)).map(j => j.id)).toEqual([])
        expect((await q.list(admin)).map(j => j.id)).toEqual([run.id])
      },
    )

    it('refuses a job its submitter may not start, storing nothing', async () => {
      const { store } = current
      const q = await open('worker-a')
      await expect(
        q.submit(officer, { kind: 'ingest', publish: false }, [
          { name: 'x.txt', bytes: new Uint8Array([1]), sourceUrl: null },
        ]),
      ).rejects.toThrow(ForbiddenError)
      await expect(
        q.submit(inspector, { kind: 'ingest', publish: true }, [
          { name: 'x.txt', bytes: new Uint8Array([1]), sourceUrl: null },
        ]),
      ).rejects.toThrow(/administrator/)
      await expect(q.submit(inspector, { kind: 'data-import', kinds: ['indicators'] }, [])).rejects.toThrow(
        ForbiddenError,
      )
      expect(await store.jobs.list()).toEqual([])
    })

    it('a job that fails says why, in its state and its log', async () => {
      const q = await open('worker-a')
      const run = await q.submit(admin, { kind: 'data-import', kinds: ['indicators'] }, [
        { name: 'bad.csv', bytes: Buffer.from('not,a\nfile,of indicators\n'), sourceUrl: null },
      ])
      await q.work()
      const done = await q.wait(admin, run.id, () => {}, 50)
      // Retried twice (a failure may be the machine's), then failed for good.
      expect(done.state).toBe('failed')
      expect(done.error).toMatch(/bad\.csv is not a file of indicators/)
      expect(done.log.at(-1)?.message).toMatch(/^Failed: bad\.csv/)
    })

    it.skipIf(!SEEDS_PRESENT)(
      'two workers share the queue: the second takes what the first is not working on',
      async () => {
        const submitter = await open('submitter')
        const files = seedNames().map(name => ({ name, bytes: seed(name.slice(0, 3)), sourceUrl: null }))
        const first = await submitter.submit(inspector, { kind: 'ingest', publish: false }, files)
        const second = await submitter.submit(inspector, { kind: 'ingest', publish: false }, files)
        const a = await open('worker-a')
        await a.work()
        while ((await a.view(inspector, first.id)).state !== 'active') await new Promise(r => setTimeout(r, 10))
        const b = await open('worker-b')
        await b.work()
        const done = await Promise.all([first, second].map(r => b.wait(inspector, r.id, () => {}, 50)))
        expect(done.map(j => j.state)).toEqual(['completed', 'completed'])
        expect(new Set(done.flatMap(j => j.workers))).toEqual(new Set(['worker-a', 'worker-b']))
      },
    )
  })
