import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import {
  addRecommendation,
  type Context,
  createAssessment,
  moveAssessment,
  recordJudgement,
  updateDetails,
} from '../../src/app/assessments.js'
import { ingestFile } from '../../src/app/ingest.js'
import { jobsOf, stopJobs } from '../../src/app/jobs.js'
import { addUser, createToken } from '../../src/app/users.js'
import {
  type Actor,
  type Assessment,
  AUTHORITIES,
  actorOf,
  type Role,
  type Status,
  type User,
} from '../../src/domain/index.js'
import { CHROMIUM } from '../../src/lib/chromium.js'
import { createLogger } from '../../src/lib/logger.js'
import { PdfPrinter } from '../../src/render/pdf.js'
import type { Store } from '../../src/store/store.js'
import { createApp } from '../../src/web/app.js'
import { sharedChromium } from './chromium.js'
import { freshPglite } from './stores.js'

export const PASSWORD = 'correct horse battery staple'

export interface RunningService {
  base: string
  store: Store
  ctx: Context
  users: Record<'inspector' | 'qa' | 'officer' | 'otherOfficer' | 'admin', User>
  close(): Promise<void>
}

/**
 * The web service over a fresh in-memory store, with a user of each role: an officer of Kensington and Chelsea
 * (E09000020) and one of Camden (E09000007). It prints PDFs in the worker's shared Chromium, launched when first
 * needed. `readingWaitMs`: how long the review page waits for an upload's reading (the service's 5 s unless told).
 */
export async function startService(
  options: { store?: Store; signInLimit?: number; readingWaitMs?: number } = {},
): Promise<RunningService> {
  const store = options.store ?? (await freshPglite())
  const ctx: Context = { store, now: () => new Date(), newId: randomUUID }
  const add = (role: Role, email: string, name: string, authorityCode: string | null = null) =>
    addUser(ctx, role === 'administrator' && email.startsWith('admin') ? null : { id: 'test', role: 'administrator' }, {
      email,
      name,
      role,
      authorityCode,
      password: PASSWORD,
    })
  const admin = await add('administrator', 'admin@example.org', 'Ada Admin')
  const users = {
    admin,
    inspector: await add('inspector', 'inspector@example.org', 'Ian Inspector'),
    qa: await add('quality-assurer', 'qa@example.org', 'Quinn Assurer'),
    officer: await add('authority-officer', 'officer@kensington.example.org', 'Olive Officer', 'E09000020'),
    otherOfficer: await add('authority-officer', 'officer@camden.example.org', 'Oscar Other', 'E09000007'),
  }
  const printer = new PdfPrinter(CHROMIUM, sharedChromium)
  // Long work (an upload's reading, say) runs in the service's own process, as `serve` runs it.
  await (await jobsOf(ctx, { pollingIntervalSeconds: 0.5 })).work()
  const server = createApp({
    store,
    logger: createLogger('silent'),
    printer,
    signInLimit: options.signInLimit ?? 1000,
    ...(options.readingWaitMs === undefined ? {} : { readingWaitMs: options.readingWaitMs }),
  }).listen(0, '127.0.0.1')
  await new Promise(resolve => server.once('listening', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    store,
    ctx,
    users,
    async close() {
      await new Promise(resolve => server.close(resolve))
      server.closeAllConnections()
      await printer.close()
      await stopJobs(store)
      if (!options.store) await store.close()
    },
  }
}

/** Reads published reports into the store, as an administrator's trusted import (`ingest --publish`) would. */
export async function ingestFiles(ctx: Context, paths: readonly string[]) {
  const out = []
  for (const path of paths) {
    const o = await ingestFile(
      ctx,
      { id: 'test', role: 'administrator' },
      { name: path, bytes: readFileSync(path) },
      { publish: true },
    )
    if (!o.ok) throw new Error(`${path}: ${o.error}`)
    out.push(o.assessment)
  }
  return out
}

/** A cookie jar for one person's fetches, with the session's form token once signed in. */
export class Browserless {
  private cookies = new Map<string, string>()
  csrf = ''

  constructor(readonly base: string) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.cookies.size) headers.set('cookie', this.cookieHeader())
    const res = await fetch(`${this.base}${path}`, { ...init, headers, redirect: 'manual' })
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const [k, ...v] = (pair ?? '').split('=')
      if (!k) continue
      const value = v.join('=')
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(k)
      else this.cookies.set(k, value)
    }
    return res
  }

  /** The form token on a page (the hidden _csrf field). */
  async tokenFrom(path: string): Promise<string> {
    const html = await (await this.fetch(path)).text()
    const m = /name="_csrf" value="([^"]+)"/.exec(html)
    if (!m?.[1]) throw new Error(`no form token on ${path}`)
    this.csrf = m[1]
    return this.csrf
  }

  async post(path: string, fields: Record<string, string>): Promise<Response> {
    return this.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: this.csrf, ...fields }).toString(),
    })
  }

  async signIn(email: string, password = PASSWORD): Promise<Response> {
    await this.tokenFrom('/sign-in')
    const res = await this.post('/sign-in', { email, password })
    if (res.status === 303) await this.tokenFrom('/sign-out')
    return res
  }
}

const inspector: Actor = { id: 'fixture-inspector', role: 'inspector' }
const qa: Actor = { id: 'fixture-qa', role: 'quality-assurer' }

/** A 2009 rating of the authority, graded and moved along its lifecycle as far as `status`. */
export async function ratingAt(ctx: Context, authorityCode: string, status: Status, grade = 3): Promise<Assessment> {
  let a = await createAssessment(ctx, inspector, {
    frameworkId: 'rating-2009',
    authorityCode,
    dates: { letter: '2009-12-09' },
  })
  a = await recordJudgement(ctx, inspector, a.id, a.version, {
    areaId: 'childrens-services-rating',
    grade,
    narrative: `The council ${['performs poorly', 'performs adequately', 'performs well', 'performs excellently'][grade - 1]}.`,
  })
  const authority = AUTHORITIES.find(x => x.code === authorityCode)
  a = await updateDetails(ctx, inspector, a.id, a.version, {
    addressee: {
      name: 'Ms A Director',
      title: "Director of Children's Services",
      organisation: authority?.name ?? null,
    },
  })
  a = await addRecommendation(ctx, inspector, a.id, a.version, {
    areaId: null,
    text: 'Improve the timeliness of initial assessments.',
    timescaleId: 'area-for-development',
  })
  const path: Status[] = ['quality-assurance', 'factual-accuracy-check', 'published']
  for (const to of path.slice(0, path.indexOf(status) + 1))
    a = await moveAssessment(ctx, to === 'quality-assurance' ? inspector : qa, a.id, a.version, to)
  return a
}

/** A response's JSON, loosely typed: the tests assert on its shape. */
// biome-ignore lint/suspicious/noExplicitAny: the assertions check the shape
export async function readJson(res: Response | Promise<Response>): Promise<any> {
  return (await res).json()
}

/** An API token for one of the service's users, made by that user (nobody else may make one that acts as them). */
export async function tokenFor(s: RunningService, user: User): Promise<string> {
  return (await createToken(s.ctx, actorOf(user), { name: 'test' })).token
}
