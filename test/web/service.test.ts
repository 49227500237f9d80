import { get } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { moveAssessment, startCorrection } from '../../src/app/assessments.js'
import { SEEDS_PRESENT, seed } from '../support/seeds.js'
import { Browserless, type RunningService, ratingAt, readJson, startService, tokenFor } from '../support/web.js'

describe('the web service', () => {
  let s: RunningService
  let inspectorToken: string
  beforeAll(async () => {
    s = await startService({ signInLimit: 3 })
    inspectorToken = await tokenFor(s, s.users.inspector)
  })
  afterAll(async () => s.close())

  const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${s.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${inspectorToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })

  it('answers the health check', async () => {
    const res = await fetch(`${s.base}/healthz`)
    expect(res.status).toBe(200)
    // Healthy or not, and nothing of where the store is.
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it('sends security headers, with a script nonce that the page uses', async () => {
    const res = await fetch(`${s.base}/`)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(res.headers.get('referrer-policy')).toBe('same-origin')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("frame-ancestors 'none'")
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    expect(await res.text()).toContain(`nonce="${nonce}"`)
    expect(res.headers.get('x-powered-by')).toBeNull()
  })

  it('every page has a unique title, a skip link and one h1', async () => {
    const b = new Browserless(s.base)
    await b.signIn(s.users.qa.email)
    const a = await ratingAt(s.ctx, 'E09000020', 'draft')
    const titles = new Set<string>()
    for (const path of [
      '/',
      '/national',
      '/frameworks',
      '/contact',
      '/authorities/E09000020',
      `/assessments/${a.id}`,
      '/staff',
      '/staff/assessments/new',
      `/staff/assessments/${a.id}`,
      `/staff/assessments/${a.id}/areas/childrens-services-rating`,
      `/staff/assessments/${a.id}/details`,
      '/staff/upload',
    ]) {
      const html = await (await b.fetch(path)).text()
      const title = /<title>([^<]+)<\/title>/.exec(html)?.[1]
      expect(title, path).toMatch(/ – Inspectorate$/)
      expect(titles.has(title as string), `${path}: ${title}`).toBe(false)
      titles.add(title as string)
      expect(html).toContain('href="#main-content"')
      expect(html.match(/<h1[ >]/g)?.length, path).toBe(1)
      // The header holds the service's navigation, its phase with a link to report a problem, and who is signed in.
      const header = /<header class="app-header">[\s\S]*?<\/header>/.exec(html)?.[0] ?? ''
      expect(header, path).toContain('govuk-phase-banner')
      expect(header, path).toContain('href="/contact"')
      expect(header, path).toContain('Signed in as Quinn Assurer')
    }
  })

  describe('signing in', () => {
    it('refuses a wrong password with the GOV.UK error pattern, the same for an unknown email', async () => {
      const b = new Browserless(s.base)
      const wrong = await b.signIn(s.users.inspector.email, 'not the password at all')
      const html = await wrong.text()
      expect(wrong.status).toBe(400)
      expect(html).toContain('<title>Error: Sign in – Inspectorate</title>')
      expect(html).toContain('govuk-error-summary')
      expect(html).toContain('Enter a correct email address and password')
      const unknown = await new Browserless(s.base).signIn('nobody@example.org', 'not the password at all')
      expect(unknown.status).toBe(400)
    })

    it('limits failed attempts', async () => {
      const b = new Browserless(s.base)
      const statuses: number[] = []
      for (let i = 0; i < 4; i++) statuses.push((await b.signIn('limit@example.org', 'wrong password here')).status)
      expect(statuses.slice(-1)).toEqual([429])
    })

    it('refuses a form without its token (CSRF), and with another session’s token', async () => {
      const b = new Browserless(s.base)
      await b.signIn(s.users.inspector.email)
      const good = b.csrf
      b.csrf = ''
      expect(
        (await b.post('/staff/assessments/new', { authorityCode: 'E09000020', frameworkId: 'rating-2009' })).status,
      ).toBe(403)
      const other = new Browserless(s.base)
      await other.signIn(s.users.qa.email)
      b.csrf = other.csrf
      expect(
        (await b.post('/staff/assessments/new', { authorityCode: 'E09000020', frameworkId: 'rating-2009' })).status,
      ).toBe(403)
      b.csrf = good
      expect(
        (await b.post('/staff/assessments/new', { authorityCode: 'E09000020', frameworkId: 'rating-2009' })).status,
      ).toBe(303)
      // A session cookie on the API needs the header too.
      const res = await b.fetch('/api/v1/assessments', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ frameworkId: 'rating-2009', authorityCode: 'E09000020' }),
      })
      expect(res.status).toBe(403)
    })

    it('signing out ends the session on the server', async () => {
      const b = new Browserless(s.base)
      await b.signIn(s.users.inspector.email)
      const cookie = await b.fetch('/staff')
      expect(cookie.status).toBe(200)
      expect((await b.post('/sign-out', {})).status).toBe(303)
      expect((await b.fetch('/staff')).status).toBe(303)
    })

    it('sends a signed-in user back where they were going, never to another site', async () => {
      const b = new Browserless(s.base)
      await b.tokenFrom('/sign-in')
      const res = await b.post('/sign-in', {
        email: s.users.qa.email,
        password: 'correct horse battery staple',
        next: '//evil.example',
      })
      expect(res.headers.get('location')).toBe('/staff')
    })
  })

  describe('the API', () => {
    it('describes itself in OpenAPI 3.1, generated from the schemas that validate requests', async () => {
      const doc = await readJson(fetch(`${s.base}/api/openapi.json`))
      expect(doc.openapi).toBe('3.1.0')
      const create = doc.paths['/api/v1/assessments'].post
      expect(create.requestBody.content['application/json'].schema.properties.frameworkId.enum).toContain('slac-2012')
      expect(
        doc.paths['/api/v1/assessments/{id}/judgements/{areaId}'].put.parameters.map((p: { name: string }) => p.name),
      ).toEqual(['id', 'areaId', 'If-Match'])
      expect(Object.keys(doc.paths).length).toBeGreaterThanOrEqual(20)
    })

    it('works through a whole assessment with ETags; a stale write is 409, a missing If-Match 428', async () => {
      const created = await api('POST', '/api/v1/assessments', {
        frameworkId: 'rating-2009',
        authorityCode: 'E08000025',
      })
      expect(created.status).toBe(201)
      const a = await readJson(created)
      expect(created.headers.get('etag')).toBe('"v1"')
      const path = `/api/v1/assessments/${a.id}/judgements/childrens-services-rating`
      expect((await api('PUT', path, { grade: 3 })).status).toBe(428)
      const judged = await api('PUT', path, { grade: 3, narrative: 'Performs well' }, { 'if-match': '"v1"' })
      expect(judged.status).toBe(200)
      expect(judged.headers.get('etag')).toBe('"v2"')
      const body = await readJson(judged)
      expect(body.judgements[0]).toMatchObject({ grade: 3, level: 'good' })
      const stale = await api('PUT', path, { grade: 1 }, { 'if-match': '"v1"' })
      expect(stale.status).toBe(409)
      expect(stale.headers.get('content-type')).toContain('application/problem+json')
      expect((await readJson(stale)).detail).toContain('changed by someone else')
      const stored = await s.store.assessments.get(a.id)
      expect(stored.judgements[0]?.grade).toBe(3)
    })

    it('authors an ILACS assessment of the 2023 edition, graded in its words, and renders it in its structure', async () => {
      const created = await readJson(
        api('POST', '/api/v1/assessments', { frameworkId: 'ilacs-2018', authorityCode: 'E06000002' }),
      )
      let version = 1
      const send = async (method: string, path: string, body: unknown) => {
        const res = await api(method, `/api/v1/assessments/${created.id}${path}`, body, { 'if-match': `"v${version}"` })
        expect(res.status, `${method} ${path}`).toBeLessThan(300)
        version++
        return readJson(res)
      }
      await send('PATCH', '', {
        dates: { inspectionStart: '2023-03-06', inspectionEnd: '2023-03-17' },
        reportingInspector: { name: 'Ruth Okafor', title: 'His Majesty’s Inspector', organisation: null },
      })
      const grades: Record<string, number> = {
        'impact-of-leaders': 2,
        'help-and-protection': 3,
        'in-care': 2,
        'care-leavers': 1,
        'overall-effectiveness': 2,
      }
      let a: { judgements: { areaId: string; level: string }[] } = { judgements: [] }
      for (const [area, grade] of Object.entries(grades))
        a = await send('PUT', `/judgements/${area}`, { grade, narrative: 'Plans are reviewed with families.' })
      expect(a.judgements.find(j => j.areaId === 'help-and-protection')?.level).toBe('requires-improvement')
      await send('POST', '/recommendations', {
        text: 'The quality of plans for children in need.',
        timescaleId: 'action-plan-70-working-days',
      })
      const text = await (await api('GET', `/assessments/${created.id}/report.txt`)).text()
      expect(text).toContain('Inspection of Middlesbrough local authority children')
      expect(text).toMatch(
        /^The experiences and progress of children who need help and protection\tRequires improvement to be good$/m,
      )
      expect(text).toMatch(/^The experiences and progress of care leavers: outstanding$/m)
      expect(text).toMatch(/^What needs to improve\?$/m)
    })

    it('refuses bad input with problem+json naming the problem, and stores nothing', async () => {
      const before = await s.store.assessments.count()
      const bad = await api('POST', '/api/v1/assessments', { frameworkId: 'apa-2005', authorityCode: 'E09000020' })
      expect(bad.status).toBe(400)
      const problem = await readJson(bad)
      expect(problem.problems.join(' ')).toContain('body.frameworkId')
      expect((await api('POST', '/api/v1/assessments', '{"frameworkId": ')).status).toBe(400)
      const grade = await api('POST', '/api/v1/assessments', { frameworkId: 'rating-2009', authorityCode: 'E99999999' })
      expect(grade.status).toBe(400)
      expect((await readJson(grade)).detail).toContain('No authority with GSS code E99999999')
      const huge = await api('POST', '/api/v1/assessments', JSON.stringify({ x: 'y'.repeat(2_000_000) }))
      expect(huge.status).toBe(413)
      expect(await s.store.assessments.count()).toBe(before)
      const a = await ratingAt(s.ctx, 'E09000020', 'draft')
      const offScale = await api(
        'PUT',
        `/api/v1/assessments/${a.id}/judgements/childrens-services-rating`,
        { grade: 7 },
        { 'if-match': `"v${a.version}"` },
      )
      expect(offScale.status).toBe(400)
      expect((await readJson(offScale)).detail).toContain('Grade 7 is not on the rating-2009 scale')
      expect((await s.store.assessments.get(a.id)).version).toBe(a.version)
    })

    it('pages search results; the public sees only what is published', async () => {
      for (let i = 0; i < 3; i++) await ratingAt(s.ctx, 'E06000001', 'published', 4)
      await ratingAt(s.ctx, 'E06000001', 'draft')
      const pub = await readJson(fetch(`${s.base}/api/v1/assessments?authority=E06000001&pageSize=2`))
      expect(pub).toMatchObject({ total: 3, pages: 2, page: 1 })
      expect(pub.items).toHaveLength(2)
      const page2 = await readJson(fetch(`${s.base}/api/v1/assessments?authority=E06000001&pageSize=2&page=2`))
      expect(page2.items).toHaveLength(1)
      const staff = await readJson(api('GET', '/api/v1/assessments?authority=E06000001'))
      expect(staff.total).toBe(4)
      const outstanding = await readJson(fetch(`${s.base}/api/v1/assessments?authority=E06000001&level=outstanding`))
      expect(outstanding.total).toBe(3)
      expect(outstanding.items[0].headlines[0]).toMatchObject({
        grade: 4,
        printed: 'Performs excellently (4)',
        level: 'outstanding',
      })
      expect((await fetch(`${s.base}/api/v1/assessments?year=19x`)).status).toBe(400)
    })

    it('an unknown API path is a problem+json 404', async () => {
      const res = await fetch(`${s.base}/api/v1/nothing`)
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
    })
  })

  describe('pages', () => {
    it('re-renders a failed form with 400, the error summary and the answers kept', async () => {
      const b = new Browserless(s.base)
      await b.signIn(s.users.inspector.email)
      const a = await ratingAt(s.ctx, 'E09000020', 'draft')
      const res = await b.post(`/staff/assessments/${a.id}/details`, {
        version: String(a.version),
        'letter-day': '30',
        'letter-month': '2',
        'letter-year': '2009',
      })
      expect(res.status).toBe(400)
      const html = await res.text()
      expect(html).toContain('<title>Error: ')
      expect(html).toContain('href="#letter-day"')
      expect(html).toContain('value="30"')
      expect((await s.store.assessments.get(a.id)).version).toBe(a.version)
    })

    it('shows a missing grade as missing, and an authority’s timeline as a chart and a table', async () => {
      await ratingAt(s.ctx, 'E09000033', 'published', 2)
      const html = await (await fetch(`${s.base}/authorities/E09000033`)).text()
      expect(html).toContain('<svg class="chart"')
      expect(html).toContain('id="timeline-table"')
      // The grade as the 2009 rating prints it, its level beside it as a tag that says its word; the date as GOV.UK writes it.
      const row = html.match(/<table class="govuk-table" id="timeline-table">[\s\S]*?<\/table>/)?.[0] ?? ''
      expect(row).toContain('Performs adequately (2)')
      expect(row).toMatch(
        /<strong class="govuk-tag govuk-tag--yellow app-level" data-level="adequate">Adequate<\/strong>/,
      )
      expect(row).toContain('<time datetime="2009-12-09">9 December 2009</time>')
      expect(row).not.toContain('>2009-12-09<')
      expect(html).toContain('Improve the timeliness of initial assessments.')
      expect(html).not.toContain('govuk-caption-s')
      // One framework only: no note about mixing them, and no change of inspection on the chart.
      expect(html).not.toContain('data-qa="grades-note"')
      expect(html).not.toContain('data-qa="chart-note"')
      expect(html).toContain('1 judgement plotted.')
    })

    it('pages an authority’s assessments and recommendations, each on its own, the chart on the first page', async () => {
      for (let i = 0; i < 21; i++) await ratingAt(s.ctx, 'E08000003', 'published', (i % 4) + 1)
      // A connection of its own for each page: the writes above outlast a kept-alive socket's idle time.
      const page = (query: string) =>
        new Promise<string>((resolve, reject) =>
          get(`${s.base}/authorities/E08000003${query}`, { agent: false }, res => {
            const chunks: Buffer[] = []
            res.on('data', c => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks).toString()))
          }).on('error', reject),
        )
      const rows = (html: string, table: string) =>
        new RegExp(`${table}[\\s\\S]*?<tbody[^>]*>([\\s\\S]*?)</tbody>`).exec(html)?.[1]?.match(/<tr /g)?.length ?? 0
      const first = await page('')
      expect(first).toContain('<svg class="chart"')
      expect(first).toContain('21 judgements plotted.')
      expect(rows(first, 'id="timeline-table"')).toBe(20)
      expect(rows(first, 'data-qa="authority-recommendations"')).toBe(20)
      // Two paginations, told apart; each page's link keeps the other list where it is.
      expect(first).toContain('aria-label="Pages of published assessments"')
      expect(first).toContain('aria-label="Pages of recommendations"')
      expect(first).toContain('href="/authorities/E08000003?page=2#assessments"')
      expect(first).toContain('href="/authorities/E08000003?recommendationsPage=2#recommendations"')

      const second = await page('?page=2&recommendationsPage=2')
      expect(rows(second, 'id="timeline-table"')).toBe(1)
      expect(rows(second, 'data-qa="authority-recommendations"')).toBe(1)
      expect(second).not.toContain('<svg class="chart"')
      expect(second).toContain('data-qa="first-page-link"')
      expect(second).toContain('21 published, newest first, with their headline judgements (page 2 of 2)')
      expect(second).toContain('21 recommendations (page 2 of 2)')
      expect(second).toContain('<title>Manchester (published assessments page 2, recommendations page 2)')
      // Each address is its own page, not the first one kept by the page cache.
      const noNonce = (html: string) => html.replace(/nonce="[^"]+"/g, '')
      expect(noNonce(await page(''))).toBe(noNonce(first))
      expect(await page('?page=2&recommendationsPage=2')).not.toContain('<svg class="chart"')

      // The status filter keeps the page of assessments; paging the recommendations keeps the filter.
      const filtered = await page('?status=open&page=2')
      expect(filtered).toContain('<input type="hidden" name="page" value="2">')
      expect(filtered).toContain(
        'href="/authorities/E08000003?status=open&amp;page=2&amp;recommendationsPage=2#recommendations"',
      )
      // An inspector's confirmation on the second page comes back to it.
      const b = new Browserless(s.base)
      await b.signIn(s.users.inspector.email)
      const staffPage = await (await b.fetch('/authorities/E08000003?recommendationsPage=2')).text()
      const action = /<form method="post" action="([^"]+)"[^>]*data-qa="confirm-form"/.exec(staffPage)?.[1] ?? ''
      expect(action).toMatch(/^\/authorities\/E08000003\/recommendations\/[^?]+\?recommendationsPage=2$/)
      const confirmed = await b.post(action, { status: 'met', note: 'Seen in the next report.' })
      expect(confirmed.status).toBe(303)
      expect(confirmed.headers.get('location')).toBe(
        '/authorities/E08000003?recommendationsPage=2&done=confirmed#recommendations',
      )
      // A page past the end is the last; a page that is not a number is refused, saying so.
      expect(rows(await page('?page=99'), 'id="timeline-table"')).toBe(1)
      const bad = await fetch(`${s.base}/authorities/E08000003?recommendationsPage=two`)
      expect(bad.status).toBe(400)
      expect(await bad.text()).toContain('Enter the page of recommendations as a number, like 2')
    })

    it('search results give each grade as printed with its level, and dates as GOV.UK writes them', async () => {
      await ratingAt(s.ctx, 'E08000001', 'published', 1)
      const html = await (await fetch(`${s.base}/?authority=E08000001`)).text()
      expect(html).toContain('Performs poorly (1)')
      expect(html).toContain('data-level="inadequate">Inadequate</strong>')
      expect(html).toContain('<time datetime="2009-12-09">9 December 2009</time>')
      expect(html).toContain('>1 assessment<')
      const national = await (await fetch(`${s.base}/national`)).text()
      expect(national).toMatch(/\d+ judgements?</)
      expect(national).not.toMatch(/>1 judgements</)
      expect(national).toContain('Performs excellently (4)')
    })

    it('downloads the judgements as CSV and the report as text', async () => {
      const a = await ratingAt(s.ctx, 'E09000033', 'published', 1)
      const csv = await (await fetch(`${s.base}/assessments/${a.id}/judgements.csv`)).text()
      expect(csv.split('\r\n')[1]).toContain('childrens-services-rating')
      expect(csv).toContain(',2009-12-09,')
      expect(csv).toContain(',Performs poorly (1),')
      expect(csv).toContain(',inadequate,')
      const text = await fetch(`${s.base}/assessments/${a.id}/report.txt`)
      expect(text.headers.get('content-disposition')).toContain('attachment')
      expect(await text.text()).toContain('Performs poorly')
    })

    it('shows every edition of a corrected report, and says which corrects which', async () => {
      const first = await ratingAt(s.ctx, 'E09000019', 'published', 3)
      const qa = { id: s.users.qa.id, role: 'quality-assurer' } as const
      const inspector = { id: s.users.inspector.id, role: 'inspector' } as const
      let second = await startCorrection(s.ctx, inspector, first.id)
      second = await moveAssessment(s.ctx, inspector, second.id, second.version, 'quality-assurance')
      for (const to of ['factual-accuracy-check', 'published'] as const)
        second = await moveAssessment(s.ctx, qa, second.id, second.version, to)
      const html = await (await fetch(`${s.base}/assessments/${first.id}`)).text()
      expect(html).toContain('A later edition corrects this one.')
      expect(html).toContain(`href="/assessments/${second.id}"`)
      const editions = /data-qa="editions"[\s\S]*?<\/table>/.exec(html)?.[0] ?? ''
      expect(editions.match(/Edition \d/g)).toEqual(['Edition 1', 'Edition 2'])
      // The public never sees a correction still in draft.
      const third = await startCorrection(s.ctx, qa, second.id)
      const page = await (await fetch(`${s.base}/assessments/${second.id}`)).text()
      expect(page).not.toContain(third.id)
    })

    it('gives an empty factual accuracy comment back in its own section, with the error summary', async () => {
      const a = await ratingAt(s.ctx, 'E09000020', 'factual-accuracy-check')
      const b = new Browserless(s.base)
      await b.signIn(s.users.officer.email)
      const res = await b.post(`/assessments/${a.id}/comments`, { section: 'childrens-services-rating', text: '  ' })
      expect(res.status).toBe(400)
      const html = await res.text()
      expect(html).toContain('<title>Error: ')
      expect(html).toContain('href="#comment-childrens-services-rating"')
      // The link in the error summary leads to the comment, given back with its error.
      expect(html).toContain('id="comment-childrens-services-rating"')
      expect(html).toContain('Enter your comment')
      expect(html).toContain('data-qa="report"')
      expect(await s.store.comments.forAssessment(a.id)).toEqual([])
    })

    it('escapes what people type (no stored XSS)', async () => {
      const b = new Browserless(s.base)
      await b.signIn(s.users.inspector.email)
      const a = await ratingAt(s.ctx, 'E09000020', 'draft')
      const res = await b.post(`/staff/assessments/${a.id}/recommendations`, {
        version: String(a.version),
        text: '<script>alert("x")</script> Review’s findings',
        areaId: '',
        timescaleId: 'area-for-development',
      })
      expect(res.status).toBe(303)
      const html = await (await b.fetch(`/staff/assessments/${a.id}`)).text()
      expect(html).not.toContain('<script>alert')
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Review’s findings')
    })
  })

  describe.runIf(SEEDS_PRESENT)('upload, review and save a published report', () => {
    it('shows every value beside its source, and keeps a correction as a person’s', async () => {
      const b = new Browserless(s.base)
      await b.signIn(s.users.inspector.email)
      const form = new FormData()
      form.set('file', new Blob([new Uint8Array(seed('001'))], { type: 'text/plain' }), 'rating.txt')
      const token = await b.tokenFrom('/staff/upload')
      form.append('_csrf', token)
      const uploaded = await b.fetch(`/staff/upload`, { method: 'POST', body: form })
      expect(uploaded.status).toBe(303)
      const review = uploaded.headers.get('location') as string
      const html = await (await b.fetch(review)).text()
      expect(html).toContain('<mark>')
      expect(html).toContain('name="grade:childrens-services-rating"')
      // Nothing is stored until the user saves.
      expect(await s.store.documents.find('0'.repeat(64))).toBeUndefined()
      const before = await s.store.assessments.count()
      await b.tokenFrom(review)
      const saved = await b.post(review, { 'grade:childrens-services-rating': '3' })
      expect(saved.status).toBe(303)
      expect(await s.store.assessments.count()).toBe(before + 1)
      const id = (saved.headers.get('location') as string).split('/').pop() as string
      const a = await s.store.assessments.get(id)
      const j = a.judgements.find(x => x.areaId === 'childrens-services-rating')
      expect(j?.grade).toBe(3)
      expect(j?.source?.kind).toBe('entered')
      // What the document printed stays beside the correction.
      expect(j?.readings[0]?.value).toBe(4)
      const audit = await s.store.audit.forAssessment(id)
      expect(audit.map(e => e.action)).toEqual(['assessment.ingest', 'judgement.correct-reading'])
      // The review cannot be saved twice.
      expect((await b.post(review, {})).status).toBe(404)
    })

    it('refuses an empty or unreadable file with a message naming the problem', async () => {
      const before = await s.store.assessments.count()
      const b = new Browserless(s.base)
      await b.signIn(s.users.inspector.email)
      const token = await b.tokenFrom('/staff/upload')
      const form = new FormData()
      form.set('file', new Blob(['just some notes, not a report'], { type: 'text/plain' }), 'notes.txt')
      // The upload answers at once; its review says what could not be read, once the reading job has.
      form.append('_csrf', token)
      const res = await b.fetch(`/staff/upload`, { method: 'POST', body: form })
      expect(res.status).toBe(303)
      const review = await b.fetch(res.headers.get('location') as string)
      expect(review.status).toBe(400)
      expect(await review.text()).toContain('The file could not be read')
      expect(await s.store.assessments.count()).toBe(before)
    })
  })
})
