import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { moveAssessment, recordJudgement, startCorrection } from '../../src/app/assessments.js'
import { recordRecommendationUpdate } from '../../src/app/recommendations.js'
import { actorOf } from '../../src/domain/index.js'
import type { Store } from '../../src/store/store.js'
import { pageCache } from '../../src/web/page-cache.js'
import { inspector, qa } from '../domain/support.js'
import { publishedApa } from '../support/apa.js'
import { Browserless, type RunningService, ratingAt, startService } from '../support/web.js'

/** The middleware alone, over a store that is only its state, and pages that count how often they are built. */
describe('the page cache', () => {
  let base = ''
  let close = () => {}
  const state = { id: '7', day: '2026-12-01T10:00:00Z' }
  const built = { page: 0, cookie: 0, form: 0, big: 0, slow: 0, slowCookie: 0 }
  const store = { audit: { latestId: async () => state.id }, commits: 0 } as unknown as Store

  beforeAll(async () => {
    const app = express()
    app.use((req, res, next) => {
      res.locals.cspNonce = `n${Math.random().toString(36).slice(2)}`
      // As the security headers do: the policy names this response's nonce.
      res.setHeader('content-security-policy', `script-src 'nonce-${res.locals.cspNonce}'`)
      req.user = req.get('x-user') ? ({ id: 'u' } as never) : null
      next()
    })
    app.use(pageCache(store, () => new Date(state.day), { limitBytes: 10_000, stateTtlMs: 0 }))
    app.get('/page', (_req, res) => {
      built.page++
      res.send(`<p>page ${built.page}</p><script nonce="${res.locals.cspNonce}"></script>`)
    })
    app.get('/cookie', (_req, res) => {
      built.cookie++
      res.cookie('c', '1').send('with a cookie')
    })
    app.get('/form', (_req, res) => {
      built.form++
      res.send('<input type="hidden" name="_csrf" value="x">')
    })
    app.get('/big/:n', (req, res) => {
      built.big++
      res.type('text/plain').send(`${req.params.n}`.padEnd(4_000, '.'))
    })
    app.get('/missing', (_req, res) => res.status(404).send('none'))
    // Pages that take a while to build, so that requests arrive while one is being built.
    app.get('/slow', async (_req, res) => {
      built.slow++
      await new Promise(resolve => setTimeout(resolve, 100))
      res.send(`<p>slow ${built.slow}</p><script nonce="${res.locals.cspNonce}"></script>`)
    })
    app.get('/slow-cookie', async (_req, res) => {
      built.slowCookie++
      await new Promise(resolve => setTimeout(resolve, 100))
      res.cookie('c', '1').send('with a cookie')
    })
    const server = app.listen(0, '127.0.0.1')
    await new Promise(resolve => server.once('listening', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    close = () => server.close()
  })
  afterAll(() => close())

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers })

  it('builds a page once per state of the store and day, with its own nonce in each copy', async () => {
    const first = await get('/page')
    const second = await get('/page')
    expect(built.page).toBe(1)
    const nonceOf = (html: string) => /nonce="([^"]+)"/.exec(html)?.[1]
    const [a, b] = [await first.text(), await second.text()]
    expect(a).toContain('page 1')
    expect(b).toContain('page 1')
    expect(nonceOf(a)).not.toBe(nonceOf(b))
    // Each copy's policy names the nonce in its own body, not the one the page was built with.
    for (const [res, html] of [
      [first, a],
      [second, b],
    ] as const)
      expect(res.headers.get('content-security-policy')).toBe(`script-src 'nonce-${nonceOf(html)}'`)
    expect(second.headers.get('content-type')).toContain('text/html')
    expect(second.headers.get('cache-control')).toBe('public, no-cache')
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'))

    state.id = '8'
    expect(await (await get('/page')).text()).toContain('page 2')
    state.day = '2026-12-02T10:00:00Z'
    expect(await (await get('/page')).text()).toContain('page 3')
  })

  it('builds a page once for requests that arrive while it is being built, each with its own nonce', async () => {
    const pages = await Promise.all(Array.from({ length: 8 }, () => get('/slow')))
    expect(built.slow).toBe(1)
    expect(pages.map(p => p.headers.get('x-page-cache')).sort()).toEqual(['built', ...Array(7).fill('hit')])
    const nonces = new Set(await Promise.all(pages.map(async p => /nonce="([^"]+)"/.exec(await p.text())?.[1])))
    expect(nonces.size).toBe(8)
    // A page that is not kept is built for each request that waited on it.
    await Promise.all(Array.from({ length: 3 }, () => get('/slow-cookie')))
    expect(built.slowCookie).toBe(3)
  })

  it('builds the page itself when another request’s build takes longer than the wait', async () => {
    const app = express()
    let builds = 0
    app.use(pageCache(store, () => new Date(state.day), { stateTtlMs: 0, buildWaitMs: 50 }))
    app.get('/stuck', async (_req, res) => {
      // The first build hangs for a while; the second is quick.
      const mine = ++builds
      if (mine === 1) await new Promise(resolve => setTimeout(resolve, 1_000))
      res.send(`<p>build ${mine}</p>`)
    })
    const server = app.listen(0, '127.0.0.1')
    await new Promise(resolve => server.once('listening', resolve))
    try {
      const at = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stuck`
      let firstDone = false
      const first = fetch(at).then(async r => {
        firstDone = true
        return r.text()
      })
      await new Promise(resolve => setTimeout(resolve, 20))
      const second = await fetch(at)
      // Built by the second request itself, while the first was still being built.
      expect(await second.text()).toBe('<p>build 2</p>')
      expect(firstDone).toBe(false)
      expect(await first).toBe('<p>build 1</p>')
    } finally {
      server.close()
    }
  })

  it('answers a browser holding the current copy with 304, and an older copy with the page', async () => {
    const res = await get('/page')
    const etag = res.headers.get('etag') as string
    // As a browser revalidates; fetch itself would add "Cache-Control: no-cache" to a conditional request.
    const revalidate = (ifNoneMatch: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(`${base}/page`, { headers: { 'if-none-match': ifNoneMatch } }, r => {
          let body = ''
          r.on('data', c => {
            body += c
          })
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body }))
        })
        req.on('error', reject)
        req.end()
      })
    expect(await revalidate(etag)).toEqual({ status: 304, body: '' })
    expect((await revalidate('"an-old-copy"')).status).toBe(200)
  })

  it('never keeps a page that sets a cookie or carries a form token, nor an error', async () => {
    await get('/cookie')
    await get('/cookie')
    await get('/form')
    await get('/form')
    expect([built.cookie, built.form]).toEqual([2, 2])
    expect((await get('/missing')).status).toBe(404)
  })

  it('builds every page afresh for someone signed in, and tells caches not to store it', async () => {
    const before = built.page
    const res = await get('/page', { 'x-user': 'yes' })
    expect(await res.text()).toContain(`page ${before + 1}`)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
  })

  it('keeps no more than its limit, dropping the least recently used', async () => {
    for (const n of [1, 2, 3]) await get(`/big/${n}`)
    expect(built.big).toBe(3)
    await get('/big/3')
    expect(built.big).toBe(3)
    await get('/big/1')
    expect(built.big).toBe(4)
  })
})

/** The state is read at most once a while; this process's own commits show at once. */
describe('the page cache’s reading of the state', () => {
  it('reads the newest audit id once per interval, and looks again after a commit of its own', async () => {
    let reads = 0
    let built = 0
    const store = {
      audit: { latestId: async () => String(++reads) },
      commits: 0,
    } as { audit: { latestId(): Promise<string> }; commits: number }
    const app = express()
    app.use((_req, res, next) => {
      res.locals.cspNonce = 'n'
      next()
    })
    app.use(pageCache(store as unknown as Store, () => new Date('2026-12-01T10:00:00Z'), { stateTtlMs: 60_000 }))
    app.get('/p', (_req, res) => res.type('text/plain').send(`built ${++built}`))
    const server = app.listen(0, '127.0.0.1')
    await new Promise(resolve => server.once('listening', resolve))
    const get = () => fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/p`).then(r => r.text())
    try {
      expect([await get(), await get(), await get()]).toEqual(['built 1', 'built 1', 'built 1'])
      expect(reads).toBe(1)
      store.commits++
      expect(await get()).toBe('built 2')
      expect(reads).toBe(2)
    } finally {
      server.close()
    }
  })
})

/** A report page is checked against what it read when the store changes, and rebuilt only when that answers otherwise. */
describe('the page cache’s check of a report page', () => {
  it('keeps a report page across a change elsewhere, and builds it again when a read answers otherwise', async () => {
    const state = { id: '1' }
    const held = { mine: 'first', other: 'x' }
    let built = 0
    const store = {
      audit: { latestId: async () => state.id },
      commits: 0,
      assessments: { get: async (id: 'mine' | 'other') => ({ text: held[id] }), insert: async () => undefined },
    }
    const app = express()
    app.use((req, res, next) => {
      res.locals.cspNonce = `n${Math.random().toString(36).slice(2)}`
      // As the security headers do: the policy names this response's nonce.
      res.setHeader('content-security-policy', `script-src 'nonce-${res.locals.cspNonce}'`)
      req.ctx = { store } as never
      next()
    })
    app.use(pageCache(store as unknown as Store, () => new Date('2026-12-01T10:00:00Z'), { stateTtlMs: 0 }))
    app.get('/assessments/:id', async (req, res) => {
      const repository = req.ctx.store.assessments as unknown as typeof store.assessments
      const a = await repository.get(req.params.id as 'mine')
      if (req.query.write) await repository.insert()
      res.send(`<p>${a.text} ${++built}</p><script nonce="${res.locals.cspNonce}"></script>`)
    })
    const server = app.listen(0, '127.0.0.1')
    await new Promise(resolve => server.once('listening', resolve))
    const get = async (path: string) => {
      const r = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`)
      return { how: r.headers.get('x-page-cache'), etag: r.headers.get('etag'), text: await r.text() }
    }
    try {
      const first = await get('/assessments/mine')
      expect([first.how, first.text]).toEqual(['built', expect.stringContaining('first 1')])
      held.other = 'changed'
      state.id = '2'
      const second = await get('/assessments/mine')
      expect([second.how, second.etag, second.text]).toEqual([
        'checked',
        first.etag,
        expect.stringContaining('first 1'),
      ])
      expect((await get('/assessments/mine')).how).toBe('hit')
      held.mine = 'second'
      state.id = '3'
      const third = await get('/assessments/mine')
      expect([third.how, third.text]).toEqual(['built', expect.stringContaining('second 2')])
      expect(third.etag).not.toBe(first.etag)
      // A page that writes is never checked by its reads: any change builds it again.
      await get('/assessments/mine?write=1')
      state.id = '4'
      expect((await get('/assessments/mine?write=1')).how).toBe('built')
    } finally {
      server.close()
    }
  })
})

/** The real service: a change to the record is on the public pages at the next request. */
describe('public pages served from the cache', () => {
  let s: RunningService

  beforeAll(async () => {
    s = await startService()
  })
  afterAll(async () => s.close())

  it('serves a published report from memory and shows a change to the record at once', async () => {
    const a = await ratingAt(s.ctx, 'E09000020', 'published')
    const reads = vi.spyOn(s.store.assessments, 'get')
    const page = () => fetch(`${s.base}/authorities/E09000020`).then(r => r.text())
    const report = () =>
      fetch(`${s.base}/assessments/${a.id}`).then(async r => (await r.text()).replace(/nonce="[^"]+"/g, 'nonce'))
    const first = await report()
    const afterFirst = reads.mock.calls.length
    expect(afterFirst).toBeGreaterThan(0)
    expect(await report()).toBe(first)
    expect(reads.mock.calls.length).toBe(afterFirst)
    reads.mockRestore()

    expect(await page()).toContain('data-qa="recommendation-status">Open<')
    await recordRecommendationUpdate(
      s.ctx,
      actorOf(s.users.officer),
      s.users.officer.name,
      a.id,
      a.recommendations[0]?.id ?? '',
      {
        note: 'Started.',
        status: 'in-progress',
      },
    )
    expect(await page()).toContain('data-qa="recommendation-status">In progress<')
  })

  it('keeps a report page across edits elsewhere; its new edition, or a report it is followed up in, changes it', async () => {
    const earlier = await publishedApa(s.ctx)
    const a = await ratingAt(s.ctx, 'E09000020', 'published')
    const draft = await ratingAt(s.ctx, 'E09000007', 'draft')
    const get = async (id: string) => {
      const r = await fetch(`${s.base}/assessments/${id}`)
      return { how: r.headers.get('x-page-cache'), etag: r.headers.get('etag'), text: await r.text() }
    }
    const first = await get(a.id)
    expect(first.how).toBe('built')
    await recordJudgement(s.ctx, inspector, draft.id, draft.version, { areaId: 'childrens-services-rating', grade: 2 })
    const afterEdit = await get(a.id)
    expect([afterEdit.how, afterEdit.etag]).toEqual(['checked', first.etag])

    await recordRecommendationUpdate(s.ctx, qa, 'Quinn Assurer', earlier.id, earlier.recommendations[0]?.id ?? '', {
      status: 'met',
      note: 'The 2009 rating finds it done.',
      laterAssessmentId: a.id,
    })
    const followedUp = await get(a.id)
    expect(followedUp.how).toBe('built')
    expect(followedUp.etag).not.toBe(first.etag)
    expect(followedUp.text).toContain('follows up 1 recommendation of earlier reports')

    let c = await startCorrection(s.ctx, qa, a.id)
    c = await moveAssessment(s.ctx, qa, c.id, c.version, 'quality-assurance')
    c = await moveAssessment(s.ctx, qa, c.id, c.version, 'factual-accuracy-check')
    await moveAssessment(s.ctx, { id: 'qa-2', role: 'quality-assurer' }, c.id, c.version, 'published')
    const corrected = await get(a.id)
    expect(corrected.how).toBe('built')
    expect(corrected.etag).not.toBe(followedUp.etag)
    expect(corrected.text).toContain('A later edition corrects this one.')
  })

  it('never serves a signed-in officer the public copy', async () => {
    const a = await ratingAt(s.ctx, 'E09000020', 'published')
    await fetch(`${s.base}/authorities/E09000020`)
    await recordRecommendationUpdate(
      s.ctx,
      actorOf(s.users.officer),
      s.users.officer.name,
      a.id,
      a.recommendations[0]?.id ?? '',
      {
        note: 'Only staff and the council read this note.',
        status: 'in-progress',
      },
    )
    const anonymous = await fetch(`${s.base}/authorities/E09000020`).then(r => r.text())
    expect(anonymous).not.toContain('Only staff and the council read this note.')
    const b = new Browserless(s.base)
    await b.signIn(s.users.officer.email)
    expect(await (await b.fetch('/authorities/E09000020')).text()).toContain(
      'Only staff and the council read this note.',
    )
  })
})
