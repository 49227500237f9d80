import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browserless, type RunningService, readJson, startService, tokenFor } from '../support/web.js'

/** Bad input gets a 4xx naming the problem, never a 500, and changes nothing (issue 11, point 9). */
describe('bad input', () => {
  let s: RunningService
  let token: string
  beforeAll(async () => {
    s = await startService()
    token = await tokenFor(s, s.users.inspector)
  })
  afterAll(async () => s.close())

  const created = async () =>
    readJson(
      fetch(`${s.base}/api/v1/assessments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ frameworkId: 'rating-2009', authorityCode: 'E08000025' }),
      }),
    )

  it('refuses NUL and lone surrogates in text with 400, storing nothing', async () => {
    const a = await created()
    for (const narrative of ['before\u0000after', 'half \ud800 a pair']) {
      const res = await fetch(`${s.base}/api/v1/assessments/${a.id}/judgements/childrens-services-rating`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': '"v1"' },
        body: JSON.stringify({ grade: 3, narrative }),
      })
      expect(res.status).toBe(400)
      expect((await readJson(res)).detail).toMatch(/character/)
    }
    expect((await s.store.assessments.get(a.id)).version).toBe(1)
  })

  it('refuses a JSON change sent as text/plain with 415, and the version does not move', async () => {
    const a = await created()
    const res = await fetch(`${s.base}/api/v1/assessments/${a.id}/judgements/childrens-services-rating`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain', 'if-match': '"v1"' },
      body: JSON.stringify({ grade: 3 }),
    })
    expect(res.status).toBe(415)
    expect((await s.store.assessments.get(a.id)).version).toBe(1)
  })

  it('answers a filter the public may not use with 400, not 500', async () => {
    const res = await fetch(`${s.base}/api/v1/assessments?status=draft`)
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    const page = await fetch(`${s.base}/?status=draft&year=2009&year=2010`)
    expect(page.status).toBeLessThan(500)
  })

  it('refuses a form field sent twice, and two files in one upload, with 400', async () => {
    const b = new Browserless(s.base)
    await b.tokenFrom('/sign-in')
    const twice = await b.fetch('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${encodeURIComponent(b.csrf)}&email=a%40example.org&email=b%40example.org&password=x`,
    })
    expect(twice.status).toBe(400)
    expect(await twice.text()).toContain('The form field email was sent more than once')
    await b.signIn(s.users.inspector.email)
    await b.tokenFrom('/staff/upload')
    const form = new FormData()
    form.append('_csrf', b.csrf)
    form.append('file', new Blob(['one']), 'one.txt')
    form.append('file', new Blob(['two']), 'two.txt')
    const before = await s.store.assessments.count()
    const two = await b.fetch(`/staff/upload`, { method: 'POST', body: form })
    expect(two.status).toBe(400)
    expect(await two.text()).toContain('Send one file')
    expect(await s.store.assessments.count()).toBe(before)
  })

  it('keeps an upload form’s token in its body, never in the address, and checks it once the body is read', async () => {
    const b = new Browserless(s.base)
    await b.signIn(s.users.inspector.email)
    const page = await (await b.fetch('/staff/upload')).text()
    expect(page).toMatch(/<form method="post" action="\/staff\/upload" enctype="multipart\/form-data"/)
    expect(page).not.toContain('_csrf=')
    const token = await b.tokenFrom('/staff/upload')
    const file = () => {
      const form = new FormData()
      form.append('file', new Blob(['x']), 'x.txt')
      return form
    }
    const before = await s.store.assessments.count()
    // In the address only, as the form used to send it: refused.
    const inQuery = await b.fetch(`/staff/upload?_csrf=${encodeURIComponent(token)}`, { method: 'POST', body: file() })
    expect(inQuery.status).toBe(403)
    // A multipart body sent to a form that takes no file is checked before its route, as every other request.
    const elsewhere = file()
    elsewhere.append('_csrf', token)
    const moved = await b.fetch('/staff/assessments/none/move', { method: 'POST', body: elsewhere })
    expect(moved.status).toBe(403)
    expect(await s.store.assessments.count()).toBe(before)
  })
})
