import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, BrowserContext, BrowserContextOptions, Cookie, Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import { PASSWORD } from './web.js'

export const SHOTS = 'test-output/screenshots'
/** Screenshots of the pages checked, for people to look at, on asking (`SCREENSHOTS=1`): a sixth of a journey's time. */
const KEEP_SHOTS = Boolean(process.env.SCREENSHOTS)

interface AxeResults {
  violations: { id: string; help: string; nodes: { target: string[] }[] }[]
}

/**
 * axe-core's minified build: the same code as `axe.source` (its unminified build, 1.4 MB) at less than half the size,
 * which is most of what putting it in each page costs (about 0.1 s a page less).
 */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/**
 * Every axe rule that is not experimental: WCAG 2.0–2.2 A and AA, and best practice (axe's defaults). axe runs in the
 * page itself: our pages have no frames, so the playwright wrapper's per-frame runs, combined in a page of their own,
 * only cost time (about 1 s a page against 0.4 s).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await page.evaluate<AxeResults>(`${AXE}\n;axe.run(document, { resultTypes: ['violations'] })`)
  return results.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join('; ')})`)
}

/**
 * Checks the page as it stands once loaded: no axe violations of any kind, a title of its own, and (with `noSideScroll`)
 * nothing wider than the window; and, with SCREENSHOTS set, keeps a screenshot in test-output/screenshots.
 */
export async function checkPage(page: Page, name: string, options: { noSideScroll?: boolean } = {}): Promise<void> {
  // A click that navigates returns once the new page is committed, not loaded: its styles and scripts may not be in.
  await page.waitForLoadState('load')
  expect(await axeViolations(page), `${name} at ${page.url()}`).toEqual([])
  expect(await page.title()).toMatch(/ – Inspectorate$/)
  if (options.noSideScroll) {
    const [scroll, view] = await page.evaluate<[number, number]>(
      '[document.documentElement.scrollWidth, window.innerWidth]',
    )
    expect(scroll, `${name} is ${scroll} px wide`).toBeLessThanOrEqual(view)
  }
  if (!KEEP_SHOTS) return
  mkdirSync(SHOTS, { recursive: true })
  // JPEG: a tall page encodes in a fraction of the time PNG takes, and a screenshot is for people to look at; so is
  // the text caret, left as it is rather than hidden by a style put in and taken out again (two restyles a page).
  await page.screenshot({ path: `${SHOTS}/${name}.jpg`, fullPage: true, type: 'jpeg', quality: 80, caret: 'initial' })
}

/**
 * The type-ahead box a select marked for it becomes once its script has run (accessible-autocomplete's input, which
 * takes the select's label): never the select beneath it, which also has the combobox role until then.
 */
export function typeAhead(page: Page, name: string): Locator {
  return page.getByRole('combobox', { name }).and(page.locator('input'))
}

/** Signs in through the sign-in form the page is on, as a person would. */
export async function signInOnPage(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForLoadState('load')
}

/** Someone using the service in a browser of their own: cookies (so a session) no one else shares. */
export interface Person {
  context: BrowserContext
  page: Page
  /** Done: off the service's pages, every cookie gone, the browser kept for whoever comes next. */
  leave(): Promise<void>
}

/**
 * The people of a test file, in one Chromium. A new context costs a renderer process and a cold cache of the
 * service's styles, scripts and fonts (about 0.3 s a person); so a person who has left hands their context on to the
 * next, on a blank page and with no cookies, as a shared computer would once signed out.
 */
export class People {
  private readonly idle: BrowserContext[] = []

  constructor(
    private readonly browser: Browser,
    private readonly options: BrowserContextOptions,
  ) {}

  async person(): Promise<Person> {
    const context = this.idle.pop() ?? (await this.browser.newContext(this.options))
    const page = context.pages()[0] ?? (await context.newPage())
    const leave = async () => {
      for (const other of context.pages()) if (other !== page) await other.close()
      await page.goto('about:blank')
      await context.clearCookies()
      this.idle.push(context)
    }
    return { context, page, leave }
  }
}

/**
 * Every kind of page the browser journeys visit, by the file whose journeys visit it: each file checks that its
 * journeys visited its share and no other, and test/e2e/journeys.test.ts that the shares cover every kind. The
 * upload journey's pages are the assessments file's too, visited only when the seed reports are there.
 */
export const JOURNEY_PAGES = {
  public: [
    ...['home', 'search-results', 'authority', 'report', 'national', 'frameworks', 'contact', 'not-found'],
    ...['authority-paged', 'authority-page-2', 'bad-request'],
    ...['sign-in', 'admin-users', 'admin-users-error', 'admin-user', 'account-tokens', 'admin-authorities'],
    ...['admin-data', 'admin-data-imported', 'rating', 'rating-suggested', 'what-if', 'what-if-result', 'profile'],
  ],
  assessments: [
    ...['sign-in', 'staff-dashboard', 'create', 'create-errors', 'work', 'judgement-editor', 'details'],
    ...['work-complete', 'work-factual-accuracy', 'publish-check', 'work-published'],
    ...['officer-home', 'officer-draft', 'officer-commented', 'officer-denied'],
    ...['check-officer', 'check-officer-commented', 'check-comments', 'check-answered', 'check-ended'],
    ...['check-your-answers', 'check-published'],
  ],
  upload: ['upload', 'review', 'uploaded-report', 'verify-upload'],
} as const

/**
 * A journeys file's people, the kinds of page they were checked on, and the session each user signed in to. The
 * pages are checked by name (checkPage) and the name kept, for the file's last test to compare with its share.
 */
export class Journeys {
  readonly visited = new Set<string>()
  private readonly sessions = new Map<string, { cookies: Cookie[]; landing: string }>()

  constructor(private readonly people: People) {}

  person(): Promise<Person> {
    return this.people.person()
  }

  async check(page: Page, name: string): Promise<void> {
    await checkPage(page, name)
    this.visited.add(name)
  }

  /**
   * Signs in from the sign-in page (checked the first time: each later visit sees the same page in the same state)
   * and ends where signing in lands, or on `path`. A user signed in already is given the session's cookies again, as a
   * browser that kept them would be: the form is the same each time, and each sign-in costs a page and a password.
   */
  async signIn(page: Page, email: string, path?: string): Promise<void> {
    const kept = this.sessions.get(email)
    if (kept) {
      await page.context().addCookies(kept.cookies)
      await page.goto(path ?? kept.landing)
      return
    }
    await page.goto('/sign-in')
    if (!this.visited.has('sign-in')) await this.check(page, 'sign-in')
    await signInOnPage(page, email)
    this.sessions.set(email, { cookies: await page.context().cookies(), landing: page.url() })
    if (path) await page.goto(path)
  }
}
