import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createToken } from '../../src/app/users.js'
import type { Assessment } from '../../src/domain/index.js'
import { Browserless, type RunningService, ratingAt, startService } from '../support/web.js'

/**
 * Every page and API call as every role: the allowed/denied matrix of the web service. A person who may not see
 * an assessment gets 404, exactly as for one that does not exist; a role gate answers 403 (signed in) or sends the
 * public to sign in (pages, 303) or answers 401 (API).
 */
const PERSONAS = ['public', 'inspector', 'qa', 'officer', 'otherOfficer', 'admin'] as const
type Persona = (typeof PERSONAS)[number]
type Expect = Record<Persona, number>

const all = (status: number): Expect => Object.fromEntries(PERSONAS.map(p => [p, status])) as Expect
const staffPage: Expect = { public: 303, inspector: 200, qa: 200, officer: 403, otherOfficer: 403, admin: 403 }
const staffApi: Expect = { public: 401, inspector: 200, qa: 200, officer: 403, otherOfficer: 403, admin: 403 }

describe('who may do what, on every route', () => {
  let s: RunningService
  let web: Record<Persona, Browserless>
  let tokens: Record<Persona, string | null>
  let pub: Assessment
  let facOwn: Assessment
  let draftOwn: Assessment
  let facOther: Assessment

  beforeAll(async () => {
    s = await startService()
    pub = await ratingAt(s.ctx, 'E09000020', 'published')
    facOwn = await ratingAt(s.ctx, 'E09000020', 'factual-accuracy-check')
    draftOwn = await ratingAt(s.ctx, 'E09000020', 'draft')
    facOther = await ratingAt(s.ctx, 'E09000007', 'factual-accuracy-check')
    const emails: Record<Exclude<Persona, 'public'>, string> = {
      inspector: s.users.inspector.email,
      qa: s.users.qa.email,
      officer: s.users.officer.email,
      otherOfficer: s.users.otherOfficer.email,
      admin: s.users.admin.email,
    }
    web = Object.fromEntries(PERSONAS.map(p => [p, new Browserless(s.base)])) as Record<Persona, Browserless>
    tokens = { public: null, inspector: null, qa: null, officer: null, otherOfficer: null, admin: null }
    for (const p of PERSONAS) {
      if (p === 'public') continue
      expect((await web[p].signIn(emails[p])).status).toBe(303)
      const user = s.users[p]
      tokens[p] = (
        await createToken(s.ctx, { id: s.users.admin.id, role: 'administrator' }, { userId: user.id, name: p })
      ).token
    }
  })
  afterAll(async () => s.close())

  const pages = (): [string, Expect][] => [
    ['/', all(200)],
    ['/national', all(200)],
    ['/frameworks', all(200)],
    ['/authorities/E09000020', all(200)],
    ['/authorities/E99999999', all(404)],
    [`/assessments/${pub.id}`, all(200)],
    [`/assessments/${pub.id}/report.txt`, all(200)],
    [`/assessments/${pub.id}/assessment.json`, all(200)],
    [`/assessments/${pub.id}/judgements.csv`, all(200)],
    [`/assessments/${facOwn.id}`, { ...all(404), inspector: 200, qa: 200, officer: 200 }],
    [`/assessments/${facOwn.id}/assessment.json`, { ...all(404), inspector: 200, qa: 200, officer: 200 }],
    [`/assessments/${facOwn.id}/report.txt`, { ...all(404), inspector: 200, qa: 200, officer: 200 }],
    [`/assessments/${draftOwn.id}`, { ...all(404), inspector: 200, qa: 200 }],
    [`/assessments/${facOther.id}`, { ...all(404), inspector: 200, qa: 200, otherOfficer: 200 }],
    [`/assessments/${facOther.id}/judgements.csv`, { ...all(404), inspector: 200, qa: 200, otherOfficer: 200 }],
    ['/assessments/00000000-0000-4000-8000-000000000000', all(404)],
    ['/staff', staffPage],
    ['/staff/assessments/new', staffPage],
    ['/staff/upload', staffPage],
    [`/staff/assessments/${draftOwn.id}`, staffPage],
    [`/staff/assessments/${facOther.id}`, staffPage],
    [`/staff/assessments/${draftOwn.id}/areas/childrens-services-rating`, staffPage],
    [`/staff/assessments/${draftOwn.id}/details`, staffPage],
    ['/la', { public: 303, inspector: 403, qa: 403, officer: 200, otherOfficer: 200, admin: 403 }],
    ['/admin/users', { ...all(403), public: 303, admin: 200 }],
    ['/admin/authorities', { ...all(403), public: 303, admin: 200 }],
  ]

  it('pages, signed in with a session', async () => {
    const failures: string[] = []
    for (const [path, expected] of pages())
      for (const p of PERSONAS) {
        const status = (await web[p].fetch(path)).status
        if (status !== expected[p]) failures.push(`${p} GET ${path}: ${status}, expected ${expected[p]}`)
      }
    expect(failures).toEqual([])
  })

  it('an authority officer learns nothing of another authority’s draft: the same 404 as a made-up id', async () => {
    const other = await web.officer.fetch(`/assessments/${facOther.id}`)
    const madeUp = await web.officer.fetch('/assessments/00000000-0000-4000-8000-000000000000')
    expect(other.status).toBe(404)
    const withoutNonce = (html: string) => html.replace(/nonce="[^"]+"/g, '')
    const [a, b] = [withoutNonce(await other.text()), withoutNonce(await madeUp.text())]
    expect(a.replaceAll(facOther.id, 'X')).toBe(b.replaceAll('00000000-0000-4000-8000-000000000000', 'X'))
    expect(a).not.toContain('Camden')
    const api = await fetch(`${s.base}/api/v1/assessments/${facOther.id}`, {
      headers: { authorization: `Bearer ${tokens.officer}` },
    })
    expect(api.status).toBe(404)
    expect(JSON.stringify(await api.json())).not.toContain('E09000007')
    // Nor through the search: their drafts are not listed.
    const search = (await (
      await fetch(`${s.base}/api/v1/assessments?authority=E09000007`, {
        headers: { authorization: `Bearer ${tokens.officer}` },
      })
    ).json()) as { total: number }
    expect(search.total).toBe(0)
  })

  const api = async (
    p: Persona,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const h: Record<string, string> = { ...headers }
    if (tokens[p]) h.authorization = `Bearer ${tokens[p]}`
    if (body !== undefined) h['content-type'] = 'application/json'
    return fetch(`${s.base}${path}`, {
      method,
      headers: h,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    })
  }

  it('API reads, with API tokens', async () => {
    const reads: [string, Expect][] = [
      ['/api/v1/assessments', all(200)],
      ['/api/v1/frameworks', all(200)],
      ['/api/v1/authorities', all(200)],
      ['/api/v1/authorities/E09000020', all(200)],
      ['/api/v1/national', all(200)],
      ['/api/v1/me', all(200)],
      [`/api/v1/assessments/${pub.id}`, all(200)],
      [`/api/v1/assessments/${facOwn.id}`, { ...all(404), inspector: 200, qa: 200, officer: 200 }],
      [`/api/v1/assessments/${draftOwn.id}`, { ...all(404), inspector: 200, qa: 200 }],
      [`/api/v1/assessments/${facOther.id}`, { ...all(404), inspector: 200, qa: 200, otherOfficer: 200 }],
      [`/api/v1/assessments/${draftOwn.id}/audit`, staffApi],
      [`/api/v1/assessments/${draftOwn.id}/findings`, staffApi],
      [
        `/api/v1/assessments/${facOwn.id}/comments`,
        { public: 401, inspector: 200, qa: 200, officer: 200, otherOfficer: 404, admin: 403 },
      ],
      [
        `/api/v1/assessments/${facOther.id}/comments`,
        { public: 401, inspector: 200, qa: 200, officer: 404, otherOfficer: 200, admin: 403 },
      ],
      ['/api/v1/users', { ...all(403), public: 401, admin: 200 }],
    ]
    const failures: string[] = []
    for (const [path, expected] of reads)
      for (const p of PERSONAS) {
        const status = (await api(p, 'GET', path)).status
        if (status !== expected[p]) failures.push(`${p} GET ${path}: ${status}, expected ${expected[p]}`)
      }
    expect(failures).toEqual([])
  })

  it('API changes, with API tokens', async () => {
    const failures: string[] = []
    const check = (p: Persona, what: string, status: number, expected: number) => {
      if (status !== expected) failures.push(`${p} ${what}: ${status}, expected ${expected}`)
    }
    for (const p of PERSONAS) {
      const created = await api(p, 'POST', '/api/v1/assessments', {
        frameworkId: 'rating-2009',
        authorityCode: 'E09000020',
      })
      check(p, 'create', created.status, { ...staffApi, inspector: 201, qa: 201 }[p])

      const current = await s.store.assessments.get(draftOwn.id)
      const judged = await api(
        p,
        'PUT',
        `/api/v1/assessments/${draftOwn.id}/judgements/childrens-services-rating`,
        { grade: 2 },
        { 'if-match': `"v${current.version}"` },
      )
      check(p, 'judge', judged.status, staffApi[p])

      const commented = await api(p, 'POST', `/api/v1/assessments/${facOwn.id}/comments`, {
        section: 'general',
        text: `From ${p}`,
      })
      check(p, 'comment on own', commented.status, { ...all(403), public: 401, officer: 201, otherOfficer: 404 }[p])

      const published = await api(p, 'POST', `/api/v1/assessments/${pub.id}/comments`, {
        section: 'general',
        text: 'x',
      })
      check(
        p,
        'comment on published',
        published.status,
        { ...all(403), public: 401, officer: 404, otherOfficer: 404 }[p],
      )

      const user = await api(p, 'POST', '/api/v1/users', {
        email: `new-${p}@example.org`,
        name: 'New',
        role: 'inspector',
        password: 'a long enough password',
      })
      check(p, 'add user', user.status, { ...all(403), public: 401, admin: 201 }[p])

      const move = await api(
        p,
        'POST',
        `/api/v1/assessments/${facOther.id}/transitions`,
        { to: 'published' },
        { 'if-match': '"v1"' },
      )
      // Staff reach the domain, which lets only a quality assurer publish (and then finds the version stale).
      check(p, 'move', move.status, { ...staffApi, inspector: 403, qa: 409 }[p])
    }
    expect(failures).toEqual([])
    // The officer's comment is the only one stored.
    const comments = await s.store.comments.forAssessment(facOwn.id)
    expect(comments.map(c => c.text)).toEqual(['From officer'])
  })

  it('page forms: an officer cannot comment on another authority’s draft, nor staff forms be posted by others', async () => {
    const b = web.officer
    expect((await b.post(`/assessments/${facOther.id}/comments`, { section: 'general', text: 'x' })).status).toBe(404)
    expect((await b.post(`/assessments/${facOwn.id}/comments`, { section: 'general', text: 'Fine' })).status).toBe(303)
    for (const p of ['officer', 'otherOfficer', 'admin'] as const)
      expect(
        (await web[p].post('/staff/assessments/new', { authorityCode: 'E09000020', frameworkId: 'rating-2009' }))
          .status,
      ).toBe(403)
    for (const p of ['inspector', 'qa', 'officer'] as const)
      expect((await web[p].post('/admin/users', { email: 'x@example.org' })).status).toBe(403)
  })
})
