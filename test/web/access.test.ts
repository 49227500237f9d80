import { createHash, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAssessment } from '../../src/app/assessments.js'
import { addComment } from '../../src/app/comments.js'
import { importData } from '../../src/app/data-import.js'
import { addEvidence, submitSelfAssessment } from '../../src/app/evidence.js'
import { ingestFile } from '../../src/app/ingest.js'
import { jobsOf } from '../../src/app/jobs.js'
import { addServiceAccount, addUser, createToken } from '../../src/app/users.js'
import { type Assessment, actorOf, getFramework } from '../../src/domain/index.js'
import { createLogger } from '../../src/lib/logger.js'
import { PdfPrinter } from '../../src/render/pdf.js'
import { renderText } from '../../src/render/render.js'
import { createApp } from '../../src/web/app.js'
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
/** Jobs are for staff and administrators; each sees their own job (an administrator, everyone's). */
const jobsPage: Expect = { public: 303, inspector: 200, qa: 200, officer: 403, otherOfficer: 403, admin: 200 }
const staffApi: Expect = { public: 401, inspector: 200, qa: 200, officer: 403, otherOfficer: 403, admin: 403 }

describe('who may do what, on every route', () => {
  let s: RunningService
  let web: Record<Persona, Browserless>
  let tokens: Record<Persona, string | null>
  let pub: Assessment
  let facOwn: Assessment
  let draftOwn: Assessment
  let facOther: Assessment
  /** Read from documents, with their originals: one published, one awaiting verification. */
  let readPub: { id: string; hash: string }
  let readDraft: { id: string; hash: string }
  /** An item of the draft's evidence with a file, and the council's self-assessment for 2009. */
  let evidence: { id: string; fileId: string }
  /** A job an inspector started: theirs and an administrator's to see. */
  let ownJob: { id: string }

  beforeAll(async () => {
    s = await startService()
    pub = await ratingAt(s.ctx, 'E09000020', 'published')
    facOwn = await ratingAt(s.ctx, 'E09000020', 'factual-accuracy-check')
    draftOwn = await ratingAt(s.ctx, 'E09000020', 'draft')
    facOther = await ratingAt(s.ctx, 'E09000007', 'factual-accuracy-check')
    const read = async (code: string, name: string, publish: boolean) => {
      const a = await ratingAt(s.ctx, code, 'published', 3)
      const bytes = new TextEncoder().encode(renderText(a, getFramework(a.frameworkId), name))
      const o = await ingestFile(
        s.ctx,
        { id: 'test-admin', role: 'administrator' },
        { name: `${code}.txt`, bytes },
        { publish },
      )
      if (!o.ok || o.status !== 'created') throw new Error(`not ingested: ${JSON.stringify(o)}`)
      return { id: o.assessment.id, hash: o.extraction.documentHash }
    }
    readPub = await read('E08000025', 'Birmingham', true)
    readDraft = await read('E06000023', 'Bristol', false)
    const item = await addEvidence(s.ctx, asInspector, 'Ian', draftOwn.id, { kind: 'meeting', title: 'Managers' }, [
      { fileName: 'minutes.txt', mediaType: 'text/plain', bytes: new Uint8Array([1]) },
    ])
    evidence = { id: item.id, fileId: item.files[0]?.id as string }
    await submitSelfAssessment(s.ctx, actorOf(s.users.officer), 'Olive', {
      authorityCode: 'E09000020',
      frameworkId: 'rating-2009',
      year: 2009,
      areas: [{ areaId: 'childrens-services-rating', grade: 3, narrative: 'Well.' }],
    })
    ownJob = await (await jobsOf(s.ctx)).submit(actorOf(s.users.inspector), { kind: 'rules-check' })
    await importData(s.ctx, { id: 'test-admin', role: 'administrator' }, 'settings', SETTINGS_CSV, {
      fileName: 'settings.csv',
    })
    const emails: Record<Exclude<Persona, 'public'>, string> = {
      inspector: s.users.inspector.email,
      qa: s.users.qa.email,
      officer: s.users.officer.email,
      otherOfficer: s.users.otherOfficer.email,
      admin: s.users.admin.email,
    }
    web = Object.fromEntries(PERSONAS.map(p => [p, new Browserless(s.base)])) as Record<Persona, Browserless>
    tokens = { public: null, inspector: null, qa: null, officer: null, otherOfficer: null, admin: null }
    await web.public.tokenFrom('/sign-in')
    for (const p of PERSONAS) {
      if (p === 'public') continue
      expect((await web[p].signIn(emails[p])).status).toBe(303)
      const user = s.users[p]
      tokens[p] = (await createToken(s.ctx, actorOf(user), { name: p })).token
    }
  })
  afterAll(async () => s.close())

  const pages = (): [string, Expect][] => [
    ['/', all(200)],
    ['/national', all(200)],
    ['/frameworks', all(200)],
    ['/contact', all(200)],
    ['/authorities/E09000020', all(200)],
    ['/authorities/E99999999', all(404)],
    [`/assessments/${pub.id}`, all(200)],
    [`/assessments/${pub.id}/report.txt`, all(200)],
    [`/assessments/${pub.id}/assessment.json`, all(200)],
    [`/assessments/${pub.id}/judgements.csv`, all(200)],
    [`/assessments/${readPub.id}/documents/${readPub.hash}`, all(200)],
    [`/assessments/${readPub.id}/documents/${readDraft.hash}`, all(404)],
    [`/assessments/${readDraft.id}/documents/${readDraft.hash}`, { ...all(404), inspector: 200, qa: 200 }],
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
    [
      `/la/assessments/${facOwn.id}`,
      { public: 303, inspector: 403, qa: 403, officer: 200, otherOfficer: 404, admin: 403 },
    ],
    [
      `/la/assessments/${draftOwn.id}`,
      { public: 303, inspector: 403, qa: 403, officer: 404, otherOfficer: 404, admin: 403 },
    ],
    [`/staff/assessments/${facOwn.id}/comments`, staffPage],
    [`/staff/assessments/${facOwn.id}/publish`, { ...staffPage, inspector: 404 }],
    ['/la', { public: 303, inspector: 403, qa: 403, officer: 200, otherOfficer: 200, admin: 403 }],
    ['/la?status=in-progress', { public: 303, inspector: 403, qa: 403, officer: 200, otherOfficer: 200, admin: 403 }],
    ['/admin/users', { ...all(403), public: 303, admin: 200 }],
    ['/admin/authorities', { ...all(403), public: 303, admin: 200 }],
    ['/admin/data', { ...all(403), public: 303, admin: 200 }],
    ['/authorities/E09000020/profile', all(200)],
    ['/authorities/E09000020/profile?year=2009', all(200)],
    [`/staff/assessments/${draftOwn.id}/rating`, staffPage],
    ['/staff/what-if', staffPage],
    ['/staff/what-if?data=2009&rules=2009&without=settings-block', staffPage],
    [`/admin/users/${s.users.inspector.id}`, { ...all(403), public: 303, admin: 200 }],
    [`/staff/assessments/${draftOwn.id}/evidence`, staffPage],
    [`/staff/assessments/${draftOwn.id}/evidence?kind=meeting&area=childrens-services-rating`, staffPage],
    [`/staff/assessments/${draftOwn.id}/evidence/new?kind=case-audit`, staffPage],
    [`/staff/assessments/${draftOwn.id}/evidence/${evidence.id}`, staffPage],
    [`/staff/assessments/${draftOwn.id}/evidence/${evidence.id}/files/${evidence.fileId}`, staffPage],
    [`/staff/assessments/${pub.id}/evidence/${evidence.id}`, { ...staffPage, inspector: 404, qa: 404 }],
    ['/la/self-assessment', { public: 303, inspector: 403, qa: 403, officer: 200, otherOfficer: 200, admin: 403 }],
    ['/account/tokens', { ...all(200), public: 303 }],
    ['/jobs', { ...jobsPage, qa: 200 }],
    [`/jobs/${ownJob.id}`, { ...jobsPage, qa: 404 }],
    ['/open-data', all(200)],
    ['/compare?codes=E09000020&codes=E09000007', all(200)],
    ['/compare?codes=E99999999', all(400)],
    ['/downloads/judgements.csv', all(200)],
    ['/downloads/judgements.xlsx?authority=E09000020', all(200)],
    ['/downloads/judgements.csv?status=draft', all(200)],
    ['/downloads/summary.csv', all(200)],
    ['/downloads/summary.xlsx?framework=rating-2009', all(200)],
    ['/downloads/national.csv', all(200)],
    ['/downloads/record.xlsx', all(200)],
    ['/javascripts/accessible-autocomplete.min.js', all(200)],
    ['/stylesheets/accessible-autocomplete.min.css', all(200)],
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

  it('a report read from a document offers that document, byte for byte, with its SHA-256 and no server path', async () => {
    const page = await (await web.public.fetch(`/assessments/${readPub.id}`)).text()
    expect(page).toContain(`href="/assessments/${readPub.id}/documents/${readPub.hash}"`)
    expect(page).toContain(readPub.hash)
    expect(page).toMatch(/>E08000025\.txt</)
    // The judgements come first, then the report.
    expect(page.indexOf('data-qa="judgements"')).toBeLessThan(page.indexOf('data-qa="report"'))
    const original = await web.public.fetch(`/assessments/${readPub.id}/documents/${readPub.hash}`)
    const bytes = new Uint8Array(await original.arrayBuffer())
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(readPub.hash)
    expect(original.headers.get('content-disposition')).toMatch(/^attachment; filename="?E08000025\.txt"?$/)
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

  const apiReads = (): [string, Expect][] => [
    ['/api/v1/assessments', all(200)],
    ['/api/v1/frameworks', all(200)],
    ['/api/v1/authorities', all(200)],
    ['/api/v1/authorities/E09000020', all(200)],
    ['/api/v1/authorities/E09000020/recommendations?status=open', all(200)],
    ['/api/v1/authorities/E99999999/recommendations', all(404)],
    ['/api/v1/national', all(200)],
    ['/api/v1/open-data/judgements?authority=E09000020', all(200)],
    ['/api/v1/open-data/summary?framework=rating-2009', all(200)],
    ['/api/v1/open-data/national', all(200)],
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
    ['/api/v1/authorities/E09000020/profile?year=2009', all(200)],
    ['/api/v1/profiles/suggestions?year=2009', staffApi],
    ['/api/v1/profiles/what-if?data=2009&rules=2009&without=settings-block', staffApi],
    [`/api/v1/assessments/${draftOwn.id}/evidence`, staffApi],
    [`/api/v1/assessments/${pub.id}/evidence`, staffApi],
    [`/api/v1/assessments/${draftOwn.id}/evidence/${evidence.id}`, staffApi],
    [`/api/v1/assessments/${draftOwn.id}/evidence/${evidence.id}/files/${evidence.fileId}`, staffApi],
    [
      '/api/v1/authorities/E09000020/self-assessments/rating-2009/2009',
      { ...all(404), inspector: 200, qa: 200, officer: 200 },
    ],
    ['/api/v1/data', { ...all(403), public: 401, admin: 200 }],
    ['/api/v1/jobs', { ...jobsPage, public: 401, qa: 200 }],
    [`/api/v1/jobs/${ownJob.id}`, { ...jobsPage, public: 401, qa: 404 }],
  ]

  it('API reads, with API tokens', async () => {
    const failures: string[] = []
    for (const [path, expected] of apiReads())
      for (const p of PERSONAS) {
        const status = (await api(p, 'GET', path)).status
        if (status !== expected[p]) failures.push(`${p} GET ${path}: ${status}, expected ${expected[p]}`)
      }
    expect(failures).toEqual([])
  })

  // Several hundred requests, a few of which start jobs this service then works on: more than the default minute.
  it('every change, through pages and the API, as every role', async () => {
    const failures: string[] = []
    for (const c of changes()) {
      spare.clear()
      for (const p of PERSONAS) {
        given.length = 0
        const status = (await c.run(p)).status
        if (status !== c.expect[p]) failures.push(`${p} ${c.route}: ${status}, expected ${c.expect[p]}`)
        // A refused request changed nothing: what it was given serves the next persona's request to this change
        // (had the refusal changed it, a request then allowed, sent with the version it was given, would fail).
        if (status >= 400) for (const [kind, made] of given) spare.set(kind, made)
      }
    }
    expect(failures).toEqual([])
    // Of all those comments, only the officer's own (through the page and through the API) were stored.
    const comments = await s.store.comments.forAssessment(facOwn.id)
    expect(comments.map(c => c.authorName)).toEqual([s.users.officer.name, s.users.officer.name, s.users.officer.name])
  }, 240_000)

  it('the matrix covers every route the service has', () => {
    const covered = new Set([
      ...[...pages(), ...apiReads()].map(([path]) => routeOf(path)),
      ...changes().map(c => c.route),
      ...READS_COVERED,
    ])
    const app = createApp({ store: s.store, logger: createLogger('silent'), printer: new PdfPrinter() })
    const missing = registeredRoutes(app).filter(r => !covered.has(r))
    expect(missing).toEqual([])
  })

  interface Change {
    route: string
    expect: Expect
    run(p: Persona): Promise<Response>
  }

  const staffForm: Expect = { public: 401, inspector: 303, qa: 303, officer: 403, otherOfficer: 403, admin: 403 }
  const adminForm: Expect = { ...all(403), public: 401, admin: 303 }
  const staffChange = (ok: number): Expect => ({ ...staffApi, inspector: ok, qa: ok })
  const adminChange = (ok: number): Expect => ({ ...all(403), public: 401, admin: ok })
  const jobChange: Expect = { ...staffChange(202), admin: 202 }
  const draft = () => ratingAt(s.ctx, 'E09000020', 'draft')
  const ifMatch = (a: Assessment) => ({ 'if-match': `"v${a.version}"` })
  const asAdmin = { id: 'test-admin', role: 'administrator' } as const
  let n = 0
  const unique = () => `${Date.now()}-${++n}`

  /** Fixtures a refused request of a change was given, by kind, and those the request being sent was given. */
  const spare = new Map<string, unknown>()
  const given: [string, unknown][] = []
  /** A fixture of a kind: a refused request's, if one is spare, else a new one. */
  const fixture =
    <T>(kind: string, make: () => Promise<T>) =>
    async (): Promise<T> => {
      const made = spare.has(kind) ? (spare.get(kind) as T) : await make()
      spare.delete(kind)
      given.push([kind, made])
      return made
    }

  /** The text of a published rating of Westminster (made once: every one made alike prints the same). */
  let westminster: Uint8Array | undefined
  async function reportText(): Promise<Uint8Array> {
    if (!westminster) {
      const a = await ratingAt(s.ctx, 'E09000033', 'published', 2)
      westminster = new TextEncoder().encode(renderText(a, getFramework(a.frameworkId), 'Westminster'))
    }
    return westminster
  }

  function changes(): Change[] {
    const form = (
      route: string,
      expected: Expect,
      path: (p: Persona) => Promise<string>,
      fields: () => Promise<Record<string, string>> = async () => ({}),
    ) => ({
      route,
      expect: expected,
      run: async (p: Persona) => web[p].post(await path(p), await fields()),
    })
    const call = (
      route: string,
      expected: Expect,
      method: string,
      path: () => Promise<string>,
      body?: () => Promise<unknown>,
      headers?: () => Promise<Record<string, string>>,
    ) => ({
      route,
      expect: expected,
      run: async (p: Persona) =>
        api(p, method, await path(), body ? await body() : undefined, headers ? await headers() : {}),
    })
    let current: Assessment
    const aDraft = fixture('draft', draft)
    const fresh = async () => {
      current = await aDraft()
      return current
    }
    /** A draft of the officer's authority at its factual accuracy check; and one with the officer's comment on it. */
    const checked = () => ratingAt(s.ctx, 'E09000020', 'factual-accuracy-check')
    const aChecked = fixture('at check', checked)
    const atCheck = async () => {
      current = await aChecked()
      return current
    }
    let commentOn: { id: string }
    const aCommented = fixture('commented', async () => {
      const a = await checked()
      const comment = await addComment(s.ctx, actorOf(s.users.officer), 'Olive', a.id, {
        section: 'general',
        text: 'A fact.',
      })
      return { a, comment }
    })
    const commented = async () => {
      const { a, comment } = await aCommented()
      current = a
      commentOn = comment
      return { a }
    }
    const published = fixture('published', () => ratingAt(s.ctx, 'E09000020', 'published'))
    /** A 2012 draft (whose report has About this inspection) with an item of evidence. */
    const evidenced = async () => {
      current = await createAssessment(s.ctx, asInspector, { frameworkId: 'slac-2012', authorityCode: 'E09000020' })
      await addEvidence(s.ctx, asInspector, 'Ian', current.id, { kind: 'meeting', title: 'Managers' })
      return current
    }
    return [
      // Pages
      {
        route: 'POST /sign-in',
        expect: all(303),
        run: async () => new Browserless(s.base).signIn(s.users.inspector.email),
      },
      {
        route: 'POST /sign-out',
        expect: all(303),
        run: async p => {
          const b = new Browserless(s.base)
          if (p === 'public') await b.tokenFrom('/sign-in')
          else await b.signIn(s.users[p].email)
          return b.post('/sign-out', {})
        },
      },
      form(
        'POST /assessments/:id/comments',
        { ...all(404), public: 404, officer: 303 },
        async () => `/assessments/${facOwn.id}/comments`,
        async () => ({ section: 'general', text: 'Checked.' }),
      ),
      form(
        'POST /la/assessments/:id/comments',
        { public: 401, inspector: 403, qa: 403, officer: 303, otherOfficer: 404, admin: 403 },
        async () => `/la/assessments/${facOwn.id}/comments`,
        async () => ({ section: 'childrens-services-rating', text: 'Beside the section.' }),
      ),
      form(
        'POST /la/assessments/:id/comments/done',
        { public: 401, inspector: 403, qa: 403, officer: 303, otherOfficer: 404, admin: 403 },
        async () => `/la/assessments/${(await atCheck()).id}/comments/done`,
      ),
      form(
        'POST /staff/assessments/:id/comments/:commentId/answer',
        staffForm,
        async () => `/staff/assessments/${(await commented()).a.id}/comments/${commentOn.id}/answer`,
        async () => ({ outcome: 'accepted', text: 'Changed.' }),
      ),
      form(
        'POST /staff/assessments/:id/publish',
        { ...staffForm, inspector: 403 },
        async () => `/staff/assessments/${(await atCheck()).id}/publish`,
        async () => ({ version: String(current.version) }),
      ),
      form(
        'POST /la/recommendations/:assessmentId/:recommendationId',
        { public: 401, inspector: 403, qa: 403, officer: 303, otherOfficer: 404, admin: 403 },
        async () => `/la/recommendations/${pub.id}/${pub.recommendations[0]?.id}`,
        async () => ({ note: `Progress ${unique()}` }),
      ),
      form(
        'POST /authorities/:code/recommendations/:assessmentId/:recommendationId',
        { ...all(403), public: 401, inspector: 303, qa: 303 },
        async () => `/authorities/E09000020/recommendations/${pub.id}/${pub.recommendations[0]?.id}`,
        async () => ({ status: 'in-progress', note: `Confirmed ${unique()}` }),
      ),
      form(
        'POST /staff/assessments/new',
        staffForm,
        async () => '/staff/assessments/new',
        async () => ({ authorityCode: 'E09000020', frameworkId: 'rating-2009' }),
      ),
      form(
        'POST /staff/assessments/:id/recommendations',
        staffForm,
        async () => `/staff/assessments/${(await fresh()).id}/recommendations`,
        async () => ({
          version: String(current.version),
          text: 'Act.',
          areaId: '',
          timescaleId: 'area-for-development',
        }),
      ),
      form(
        'POST /staff/assessments/:id/recommendations/:rid/remove',
        staffForm,
        async () => `/staff/assessments/${(await fresh()).id}/recommendations/${current.recommendations[0]?.id}/remove`,
        async () => ({ version: String(current.version) }),
      ),
      form(
        'POST /staff/assessments/:id/sign',
        { ...staffForm, inspector: 403 },
        async () => `/staff/assessments/${(await fresh()).id}/sign`,
        async () => ({ version: String(current.version), title: 'Manager' }),
      ),
      form(
        'POST /staff/assessments/:id/move',
        staffForm,
        async () => `/staff/assessments/${(await fresh()).id}/move`,
        async () => ({ version: String(current.version), to: 'quality-assurance' }),
      ),
      form(
        'POST /staff/assessments/:id/correct',
        staffForm,
        async () => `/staff/assessments/${(await published()).id}/correct`,
      ),
      form(
        'POST /staff/assessments/:id/areas/:areaId',
        staffForm,
        async () => `/staff/assessments/${(await fresh()).id}/areas/childrens-services-rating`,
        async () => ({ version: String(current.version), grade: '2', narrative: 'The council performs adequately.' }),
      ),
      form(
        'POST /staff/assessments/:id/details',
        staffForm,
        async () => `/staff/assessments/${(await fresh()).id}/details`,
        async () => ({ version: String(current.version), letter: '2009-12-10' }),
      ),
      {
        route: 'POST /staff/upload',
        expect: { ...staffForm, inspector: 303, qa: 303 },
        run: async p => {
          const body = new FormData()
          body.set('file', new Blob([new Uint8Array(await reportText())], { type: 'text/plain' }), 'rating.txt')
          body.append('_csrf', web[p].csrf)
          return web[p].fetch(`/staff/upload`, { method: 'POST', body })
        },
      },
      {
        route: 'POST /staff/assessments/:id/evidence',
        expect: staffForm,
        run: async p => {
          const body = new FormData()
          for (const [k, v] of Object.entries({ kind: 'case-audit', title: 'Case', caseReference: `C${++n}` }))
            body.set(k, v)
          body.set('file', new Blob(['notes'], { type: 'text/plain' }), 'notes.txt')
          body.set('_csrf', web[p].csrf)
          const path = `/staff/assessments/${draftOwn.id}/evidence`
          return web[p].fetch(path, { method: 'POST', body })
        },
      },
      {
        route: 'POST /staff/assessments/:id/evidence/:evidenceId/files',
        expect: staffForm,
        run: async p => {
          const body = new FormData()
          body.set('file', new Blob(['more'], { type: 'text/plain' }), 'more.txt')
          body.set('_csrf', web[p].csrf)
          const path = `/staff/assessments/${draftOwn.id}/evidence/${evidence.id}/files`
          return web[p].fetch(path, { method: 'POST', body })
        },
      },
      form(
        'POST /staff/assessments/:id/evidence/:evidenceId/links',
        staffForm,
        async () => `/staff/assessments/${draftOwn.id}/evidence/${evidence.id}/links`,
        async () => ({ 'area:childrens-services-rating': 'yes' }),
      ),
      form(
        'POST /staff/assessments/:id/evidence/about',
        staffForm,
        async () => `/staff/assessments/${(await evidenced()).id}/evidence/about`,
        async () => ({ version: String(current.version) }),
      ),
      form(
        'POST /la/self-assessment',
        { public: 401, inspector: 403, qa: 403, officer: 303, otherOfficer: 303, admin: 403 },
        async () => '/la/self-assessment',
        async () => ({ framework: 'rating-2009', year: '2009', 'grade:childrens-services-rating': '2' }),
      ),
      {
        route: 'GET /staff/upload/:uploadId',
        expect: { ...staffPage },
        run: async p => web[p].fetch(`/staff/upload/${await uploadFor(p)}`),
      },
      form('POST /staff/upload/:uploadId', staffForm, async p => `/staff/upload/${await uploadFor(p)}`),
      form(
        'POST /admin/users',
        adminForm,
        async () => '/admin/users',
        async () => ({
          email: `u${unique()}@example.org`,
          name: 'U',
          role: 'inspector',
          authorityCode: '',
          password: 'a long enough password',
        }),
      ),
      form(
        'POST /admin/users/:id',
        adminForm,
        async () => `/admin/users/${(await throwaway()).id}`,
        async () => ({ role: 'quality-assurer', authorityCode: '', active: 'true' }),
      ),
      form(
        'POST /admin/users/:id/active',
        adminForm,
        async () => `/admin/users/${(await throwaway()).id}/active`,
        async () => ({ active: 'false' }),
      ),
      form(
        'POST /admin/tokens',
        { ...adminForm, admin: 200 },
        async () => '/admin/tokens',
        async () => ({ name: 'program', userId: (await serviceAccount()).id }),
      ),
      form('POST /admin/tokens/:id/revoke', adminForm, async () => `/admin/tokens/${(await serviceToken()).id}/revoke`),
      form(
        'POST /admin/service-accounts',
        adminForm,
        async () => '/admin/service-accounts',
        async () => ({ serviceName: `Loader ${unique()}`, serviceRole: 'inspector', serviceAuthorityCode: '' }),
      ),
      form(
        'POST /account/tokens',
        { ...all(200), public: 401 },
        async () => '/account/tokens',
        async () => ({ name: 'my program' }),
      ),
      form('POST /account/tokens/:id/revoke', { ...all(303), public: 401 }, async p => {
        const owner = s.users[p === 'public' ? 'inspector' : p]
        return `/account/tokens/${(await createToken(s.ctx, actorOf(owner), { name: 'x' })).id}/revoke`
      }),
      form(
        "POST /account/tokens/:id/revoke (another's)",
        { ...all(404), public: 401, admin: 303, otherOfficer: 303 },
        async () =>
          `/account/tokens/${(await createToken(s.ctx, actorOf(s.users.otherOfficer), { name: 'x' })).id}/revoke`,
      ),
      form(
        'POST /admin/authorities/aliases',
        adminForm,
        async () => '/admin/authorities/aliases',
        async () => ({ code: 'E09000020', alias: `Kensington ${unique()}` }),
      ),
      form(
        'POST /staff/assessments/:id/rating/suggest',
        staffForm,
        async () => `/staff/assessments/${(await fresh()).id}/rating/suggest`,
        async () => ({ version: String(current.version) }),
      ),
      form(
        'POST /staff/assessments/:id/rating/draft',
        staffForm,
        async () => `/staff/assessments/${(await fresh()).id}/rating/draft`,
        async () => ({ version: String(current.version) }),
      ),
      {
        route: 'POST /admin/data',
        expect: { ...adminForm, admin: 200 },
        run: async p => {
          const body = new FormData()
          body.set('kind', 'settings')
          body.set('file', new Blob([SETTINGS_CSV], { type: 'text/csv' }), 'settings.csv')
          body.append('_csrf', web[p].csrf)
          return web[p].fetch(`/admin/data`, { method: 'POST', body })
        },
      },
      // API
      call(
        'POST /api/v1/assessments/:id/rating-suggestion',
        staffChange(200),
        'POST',
        async () => `/api/v1/assessments/${(await fresh()).id}/rating-suggestion`,
        async () => ({}),
        async () => ifMatch(current),
      ),
      call(
        'POST /api/v1/assessments/:id/narrative-draft',
        staffChange(200),
        'POST',
        async () => `/api/v1/assessments/${(await fresh()).id}/narrative-draft`,
        undefined,
        async () => ifMatch(current),
      ),
      {
        route: 'POST /api/v1/data/:kind',
        expect: adminChange(200),
        run: async p =>
          fetch(`${s.base}/api/v1/data/settings?fileName=settings.csv`, {
            method: 'POST',
            headers: { 'content-type': 'text/csv', ...(tokens[p] ? { authorization: `Bearer ${tokens[p]}` } : {}) },
            body: SETTINGS_CSV,
          }),
      },
      call(
        'POST /api/v1/assessments',
        staffChange(201),
        'POST',
        async () => '/api/v1/assessments',
        async () => ({ frameworkId: 'rating-2009', authorityCode: 'E09000020' }),
      ),
      call(
        'PATCH /api/v1/assessments/:id',
        staffChange(200),
        'PATCH',
        async () => `/api/v1/assessments/${(await fresh()).id}`,
        async () => ({ salutation: 'Dear Ms Director' }),
        async () => ifMatch(current),
      ),
      call(
        'PUT /api/v1/assessments/:id/judgements/:areaId',
        staffChange(200),
        'PUT',
        async () => `/api/v1/assessments/${(await fresh()).id}/judgements/childrens-services-rating`,
        async () => ({ grade: 2, narrative: 'The council performs adequately.' }),
        async () => ifMatch(current),
      ),
      call(
        'POST /api/v1/assessments/:id/recommendations',
        staffChange(201),
        'POST',
        async () => `/api/v1/assessments/${(await fresh()).id}/recommendations`,
        async () => ({ text: 'Act.', timescaleId: 'area-for-development' }),
        async () => ifMatch(current),
      ),
      call(
        'DELETE /api/v1/assessments/:id/recommendations/:recommendationId',
        staffChange(200),
        'DELETE',
        async () => `/api/v1/assessments/${(await fresh()).id}/recommendations/${current.recommendations[0]?.id}`,
        undefined,
        async () => ifMatch(current),
      ),
      call(
        'POST /api/v1/assessments/:id/transitions',
        staffChange(200),
        'POST',
        async () => `/api/v1/assessments/${(await fresh()).id}/transitions`,
        async () => ({ to: 'quality-assurance' }),
        async () => ifMatch(current),
      ),
      call(
        'POST /api/v1/assessments/:id/signatures',
        { ...staffChange(200), inspector: 403 },
        'POST',
        async () => `/api/v1/assessments/${(await fresh()).id}/signatures`,
        async () => ({ title: 'Manager' }),
        async () => ifMatch(current),
      ),
      call(
        'POST /api/v1/assessments/:id/corrections',
        staffChange(201),
        'POST',
        async () => `/api/v1/assessments/${(await published()).id}/corrections`,
      ),
      call(
        'POST /api/v1/assessments/:id/recommendations/:recommendationId/updates',
        { ...all(403), public: 401, inspector: 201, qa: 201, officer: 201, otherOfficer: 404 },
        'POST',
        async () => `/api/v1/assessments/${pub.id}/recommendations/${pub.recommendations[0]?.id}/updates`,
        async () => ({ note: `From the API ${unique()}` }),
      ),
      call(
        'POST /api/v1/assessments/:id/evidence',
        staffChange(201),
        'POST',
        async () => `/api/v1/assessments/${draftOwn.id}/evidence`,
        async () => ({ kind: 'observation', title: `Duty desk ${unique()}` }),
      ),
      call(
        'PUT /api/v1/assessments/:id/evidence/:evidenceId/links',
        staffChange(200),
        'PUT',
        async () => `/api/v1/assessments/${draftOwn.id}/evidence/${evidence.id}/links`,
        async () => ({ areaIds: ['childrens-services-rating'] }),
      ),
      {
        route: 'POST /api/v1/assessments/:id/evidence/:evidenceId/files',
        expect: staffChange(201),
        run: async (p: Persona) =>
          fetch(`${s.base}/api/v1/assessments/${draftOwn.id}/evidence/${evidence.id}/files?fileName=a.txt`, {
            method: 'POST',
            headers: { 'content-type': 'text/plain', ...(tokens[p] ? { authorization: `Bearer ${tokens[p]}` } : {}) },
            body: 'bytes',
          }),
      },
      call(
        'PUT /api/v1/authorities/:code/self-assessments/:frameworkId/:year',
        { ...all(403), public: 401, officer: 200 },
        'PUT',
        async () => '/api/v1/authorities/E09000020/self-assessments/rating-2009/2009',
        async () => ({ areas: [{ areaId: 'childrens-services-rating', grade: 3, narrative: 'Still well.' }] }),
      ),
      call(
        'POST /api/v1/assessments/:id/comments',
        { ...all(403), public: 401, officer: 201, otherOfficer: 404 },
        'POST',
        async () => `/api/v1/assessments/${facOwn.id}/comments`,
        async () => ({ section: 'general', text: 'From the API.' }),
      ),
      call(
        'POST /api/v1/assessments/:id/comments/:commentId/answers',
        staffChange(201),
        'POST',
        async () => `/api/v1/assessments/${(await commented()).a.id}/comments/${commentOn.id}/answers`,
        async () => ({ outcome: 'not-accepted', text: 'The report is right.' }),
      ),
      call(
        'POST /api/v1/assessments/:id/comments/done',
        { ...all(403), public: 401, officer: 201, otherOfficer: 404 },
        'POST',
        async () => `/api/v1/assessments/${(await atCheck()).id}/comments/done`,
      ),
      form('POST /jobs/rules-check', { ...staffForm, admin: 303 }, async () => '/jobs/rules-check'),
      call('POST /api/v1/jobs/rules-check', jobChange, 'POST', async () => '/api/v1/jobs/rules-check'),
      call(
        'POST /api/v1/jobs/print',
        jobChange,
        'POST',
        async () => '/api/v1/jobs/print',
        async () => ({ assessmentIds: [pub.id] }),
      ),
      {
        route: 'POST /api/v1/jobs/ingest',
        expect: jobChange,
        run: async p =>
          fetch(`${s.base}/api/v1/jobs/ingest?fileName=rating.txt`, {
            method: 'POST',
            headers: { 'content-type': 'text/plain', ...(tokens[p] ? { authorization: `Bearer ${tokens[p]}` } : {}) },
            body: new Uint8Array(await reportText()),
          }),
      },
      {
        route: 'POST /api/v1/jobs/data-import/:kind',
        expect: adminChange(202),
        run: async p =>
          fetch(`${s.base}/api/v1/jobs/data-import/settings?fileName=settings.csv`, {
            method: 'POST',
            headers: { 'content-type': 'text/csv', ...(tokens[p] ? { authorization: `Bearer ${tokens[p]}` } : {}) },
            body: SETTINGS_CSV,
          }),
      },
      {
        route: 'POST /api/v1/ingest',
        expect: staffChange(200),
        run: async p =>
          fetch(`${s.base}/api/v1/ingest?fileName=rating.txt&dryRun=true`, {
            method: 'POST',
            headers: { 'content-type': 'text/plain', ...(tokens[p] ? { authorization: `Bearer ${tokens[p]}` } : {}) },
            body: new Uint8Array(await reportText()),
          }),
      },
      call(
        'POST /api/v1/authorities/:code/aliases',
        adminChange(204),
        'POST',
        async () => '/api/v1/authorities/E09000020/aliases',
        async () => ({ alias: `RBKC ${unique()}` }),
      ),
      call(
        'POST /api/v1/users',
        adminChange(201),
        'POST',
        async () => '/api/v1/users',
        async () => ({
          email: `api${unique()}@example.org`,
          name: 'New',
          role: 'inspector',
          password: 'a long enough password',
        }),
      ),
      call(
        'PATCH /api/v1/users/:id',
        adminChange(200),
        'PATCH',
        async () => `/api/v1/users/${(await throwaway()).id}`,
        async () => ({ active: false }),
      ),
      call(
        'POST /api/v1/tokens',
        { ...all(201), public: 401 },
        'POST',
        async () => '/api/v1/tokens',
        async () => ({ name: 'program' }),
      ),
      call(
        'POST /api/v1/tokens for a service account',
        adminChange(201),
        'POST',
        async () => '/api/v1/tokens',
        async () => ({ userId: (await serviceAccount()).id, name: 'program' }),
      ),
      call(
        'POST /api/v1/tokens for another person',
        { ...all(403), public: 401, otherOfficer: 201 },
        'POST',
        async () => '/api/v1/tokens',
        async () => ({ userId: s.users.otherOfficer.id, name: 'program' }),
      ),
      call(
        'DELETE /api/v1/tokens/:id',
        { ...all(404), public: 401, admin: 204 },
        'DELETE',
        async () => `/api/v1/tokens/${(await serviceToken()).id}`,
      ),
      call(
        'POST /api/v1/service-accounts',
        adminChange(201),
        'POST',
        async () => '/api/v1/service-accounts',
        async () => ({ name: `Loader ${unique()}`, role: 'inspector' }),
      ),
    ]
  }

  /** An upload of the persona's own (any signed-in user; only staff get past the gate). */
  async function uploadFor(p: Persona): Promise<string> {
    const user = p === 'public' ? s.users.inspector : s.users[p]
    const id = randomUUID()
    await s.store.uploads.insert({
      id,
      userId: user.id,
      fileName: 'rating.txt',
      content: await reportText(),
      createdAt: new Date().toISOString(),
    })
    // Its reading, a job of the same id, as the upload form queues it.
    if (user.role !== 'authority-officer')
      await (await jobsOf(s.ctx)).submit(
        actorOf(user),
        { kind: 'read' },
        [{ name: 'rating.txt', bytes: await reportText(), sourceUrl: null }],
        { id },
      )
    return id
  }

  const serviceAccount = () =>
    addServiceAccount(s.ctx, asAdmin, { name: `Loader ${unique()}`, role: 'inspector', authorityCode: null })
  const serviceToken = async () => createToken(s.ctx, asAdmin, { userId: (await serviceAccount()).id, name: 'x' })

  const throwaway = () =>
    addUser(s.ctx, asAdmin, {
      email: `t${unique()}@example.org`,
      name: 'T',
      role: 'inspector',
      authorityCode: null,
      password: 'a long enough password',
    })
})

const SETTINGS_CSV = `urn,setting_type,name,authority_code,year,inspection_date,overall_effectiveness
100001,primary-school,Hill School,E09000020,2009,2009-03-01,2
100002,childminder,A Minder,E09000020,2009,2008-05-01,3
`

/** Reads that the matrix's tables above cover under their concrete paths. */
const asInspector = { id: 'fixture-inspector', role: 'inspector' } as const

const READS_COVERED = [
  'GET /healthz',
  'GET /api/openapi.json',
  'GET /stylesheets/govuk-frontend.min.css',
  'GET /javascripts/govuk-frontend.min.js',
  'GET /sign-in',
  'GET /sign-out',
]

/** "GET /assessments/1234…/report.txt" → "GET /assessments/:id/report.:format", as the router names it. */
function routeOf(path: string): string {
  const p = path
    .replace(/\?.*$/, '')
    .replace(
      /\/api\/v1\/assessments\/[0-9a-f-]{36}\/recommendations\/[^/]+/,
      '/api/v1/assessments/:id/recommendations/:recommendationId',
    )
    .replace(/\/documents\/[0-9a-f]{64}$/, '/documents/:hash')
    .replace(/\/evidence\/[0-9a-f-]{36}(\/files\/[0-9a-f-]{36})?$/, (_m, file) =>
      file ? '/evidence/:evidenceId/files/:fileId' : '/evidence/:evidenceId',
    )
    .replace(/\/self-assessments\/[a-z0-9-]+\/\d{4}$/, '/self-assessments/:frameworkId/:year')
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')
    .replace(/\/authorities\/E\d{8}/, '/authorities/:code')
    .replace(/\/areas\/[a-z.-]+$/, '/areas/:areaId')
    .replace(/\/report\.(txt|pdf)$/, '/report.:format')
    .replace(/\/downloads\/(judgements|summary|national)\.(csv|xlsx)$/, '/downloads/$1.:format')
  return `GET ${p}`
}

type RouterLayer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: RouterLayer[] } }

function registeredRoutes(app: unknown): string[] {
  const out: string[] = []
  const walk = (stack: RouterLayer[]) => {
    for (const l of stack) {
      if (l.route) for (const m of Object.keys(l.route.methods)) out.push(`${m.toUpperCase()} ${l.route.path}`)
      else if (l.handle?.stack) walk(l.handle.stack)
    }
  }
  walk((app as { router: { stack: RouterLayer[] } }).router.stack)
  return out
}
