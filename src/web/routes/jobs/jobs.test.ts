import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumAvailable } from '../../../../test/support/chromium.js'
import { SEEDS_PRESENT, seed, seedNames } from '../../../../test/support/seeds.js'
import {
  Browserless,
  type RunningService,
  ratingAt,
  readJson,
  startService,
  tokenFor,
} from '../../../../test/support/web.js'
import { jobsOf, stopJobs } from '../../../app/jobs.js'
import { actorOf } from '../../../domain/index.js'

/** Long work through the pages and the API: it answers at once, and the job is followed to its end. */
describe('jobs on the web', () => {
  let s: RunningService

  beforeAll(async () => {
    s = await startService()
    await (await jobsOf(s.ctx, { pollingIntervalSeconds: 0.5 })).work()
  })
  afterAll(async () => s.close())

  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 400 && !(await check()); i++) await new Promise(r => setTimeout(r, 50))
  }

  it('an inspector starts a rules check from the jobs page and follows it to its result', async () => {
    const b = new Browserless(s.base)
    await b.signIn(s.users.inspector.email)
    expect(await (await b.fetch('/jobs')).text()).toContain('data-qa="no-jobs"')
    const res = await b.post('/jobs/rules-check', {})
    expect(res.status).toBe(303)
    const href = res.headers.get('location') as string
    expect(href).toMatch(/^\/jobs\/[0-9a-f-]{36}$/)
    await until(async () => (await (await b.fetch(href)).text()).includes('data-qa="job-state">Done<'))
    const page = await (await b.fetch(href)).text()
    expect(page).toContain('data-qa="job-state">Done<')
    expect(page).toContain('data-qa="job-result"')
    expect(await (await b.fetch('/jobs')).text()).toContain(`href="${href}"`)

    // Another inspector does not learn of it; an administrator sees everyone's jobs.
    const other = new Browserless(s.base)
    await other.signIn(s.users.qa.email)
    expect((await other.fetch(href)).status).toBe(404)
    expect(await (await other.fetch('/jobs')).text()).not.toContain(href)
    const admin = new Browserless(s.base)
    await admin.signIn(s.users.admin.email)
    expect(await (await admin.fetch('/jobs')).text()).toContain(href)
  })

  it('a job that is not there, or that the caller may not see, is not found (404) on its page and in the API', async () => {
    const mine = await (await jobsOf(s.ctx)).submit(actorOf(s.users.inspector), { kind: 'rules-check' })
    const unknown = '00000000-0000-4000-8000-000000000000'
    for (const user of [s.users.inspector, s.users.qa, s.users.admin]) {
      const b = new Browserless(s.base)
      await b.signIn(user.email)
      const token = await tokenFor(s, user)
      const api = (id: string) =>
        fetch(`${s.base}/api/v1/jobs/${id}`, { headers: { authorization: `Bearer ${token}` } })
      for (const id of ['nope', unknown]) {
        const page = await b.fetch(`/jobs/${id}`)
        expect([user.role, id, page.status]).toEqual([user.role, id, 404])
        expect(await page.text()).toContain('Page not found')
      }
      expect((await api(unknown)).status).toBe(404)
      // Not a job id at all: the API names the parameter, as it does every malformed id.
      expect((await api('nope')).status).toBe(400)
      // The inspector's own job: seen by them and by an administrator (the domain's maySeeJob), not by the other.
      const sees = user.role !== 'quality-assurer'
      expect([user.role, (await b.fetch(`/jobs/${mine.id}`)).status]).toEqual([user.role, sees ? 200 : 404])
      expect([user.role, (await api(mine.id)).status]).toEqual([user.role, sees ? 200 : 404])
    }
  })

  it.skipIf(!SEEDS_PRESENT)('the API takes a report at once (202, Location) and the job reads it', async () => {
    const token = await tokenFor(s, s.users.inspector)
    const [name] = seedNames()
    const res = await fetch(`${s.base}/api/v1/jobs/ingest?fileName=${name}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: seed((name as string).slice(0, 3)),
    })
    expect(res.status).toBe(202)
    const location = res.headers.get('location') as string
    expect((await readJson(res)).kind).toBe('ingest')
    const get = () => readJson(fetch(`${s.base}${location}`, { headers: { authorization: `Bearer ${token}` } }))
    await until(async () => (await get()).state === 'completed')
    const job = await get()
    expect(job).toMatchObject({ state: 'completed', done: 1, total: 1, result: { created: 1, failed: 0 } })
    expect(job.result.outcomes[0].status).toBe('created')
    // Read and awaiting a quality assurer's verification, as any upload is.
    const a = await s.store.assessments.get(job.result.outcomes[0].assessmentId)
    expect([a.origin, a.status]).toEqual(['ingested', 'draft'])
  })

  it.skipIf(!SEEDS_PRESENT)(
    'an upload answers at once; until its reading is done the review page says so',
    async () => {
      await stopJobs(s.store)
      const b = new Browserless(s.base)
      await b.signIn(s.users.inspector.email)
      const form = new FormData()
      form.set('file', new Blob([new Uint8Array(seed('001'))], { type: 'text/plain' }), 'rating.txt')
      const token = await b.tokenFrom('/staff/upload')
      form.append('_csrf', token)
      const res = await b.fetch(`/staff/upload`, { method: 'POST', body: form })
      expect(res.status).toBe(303)
      const review = res.headers.get('location') as string
      const waiting = await (await b.fetch(review)).text()
      expect(waiting).toContain('data-qa="reading"')
      expect(waiting).toContain(`data-check-again="${review}"`)
      expect(waiting).toContain(`href="/jobs/${review.split('/').pop()}"`)
      await (await jobsOf(s.ctx, { pollingIntervalSeconds: 0.5 })).work()
      expect(await (await b.fetch(review)).text()).toContain('data-qa="save-upload"')
    },
  )

  it('refuses a job the caller may not start, and an empty upload, with a clear 4xx', async () => {
    const officer = await tokenFor(s, s.users.officer)
    const inspector = await tokenFor(s, s.users.inspector)
    const post = (path: string, token: string, body = 'x') =>
      fetch(`${s.base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body })
    expect((await post('/api/v1/jobs/rules-check', officer)).status).toBe(403)
    expect((await post('/api/v1/jobs/ingest?publish=true', inspector)).status).toBe(403)
    expect((await post('/api/v1/jobs/data-import/indicators', inspector)).status).toBe(403)
    const bad = await post('/api/v1/jobs/data-import/nonsense', await tokenFor(s, s.users.admin))
    expect(bad.status).toBe(400)
    expect(JSON.stringify(await bad.json())).toContain('kind')
  })
})

/** A print job prints each published edition once and keeps it; the PDF route then serves it without printing. */
describe.runIf(chromiumAvailable('the print job'))('printing reports as a job', () => {
  let s: RunningService

  beforeAll(async () => {
    s = await startService()
  })
  afterAll(async () => s.close())

  it('keeps every published edition’s PDF, once, and skips what is not published', async () => {
    const published = await ratingAt(s.ctx, 'E09000020', 'published')
    const draft = await ratingAt(s.ctx, 'E09000020', 'draft')
    const jobs = await jobsOf(s.ctx)
    const inspector = actorOf(s.users.inspector)
    const first = await jobs.submit(inspector, { kind: 'print', assessmentIds: [published.id, draft.id] })
    const done = await jobs.wait(inspector, first.id, undefined, 100)
    expect(done.result).toEqual({ printed: 1, alreadyKept: 0, notPublished: 1 })
    const kept = await s.store.reportPdfs.get(published.id, published.version)
    expect(kept?.subarray(0, 5).toString()).toBe('%PDF-')
    expect(await s.store.reportPdfs.get(draft.id, draft.version)).toBeUndefined()
    const again = await jobs.submit(inspector, { kind: 'print' })
    expect((await jobs.wait(inspector, again.id, undefined, 100)).result).toMatchObject({ printed: 0, alreadyKept: 1 })
    // The public's PDF is the kept one, byte for byte.
    const res = await fetch(`${s.base}/assessments/${published.id}/report.pdf`)
    expect(Buffer.from(await res.arrayBuffer()).equals(kept as Buffer)).toBe(true)
  })
})
