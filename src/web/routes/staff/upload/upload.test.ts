import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SEEDS_PRESENT, seed } from '../../../../../test/support/seeds.js'
import { Browserless, type RunningService, startService } from '../../../../../test/support/web.js'

describe.runIf(SEEDS_PRESENT)('the upload form takes where the report was published', () => {
  let s: RunningService
  beforeAll(async () => {
    s = await startService()
  })
  afterAll(async () => s.close())

  const bytes = () => new Uint8Array(seed('001'))
  async function upload(b: Browserless, sourceUrl: string | undefined): Promise<Response> {
    const form = new FormData()
    form.set('file', new Blob([bytes()], { type: 'text/plain' }), 'rating.txt')
    if (sourceUrl !== undefined) form.set('sourceUrl', sourceUrl)
    const token = await b.tokenFrom('/staff/upload')
    form.append('_csrf', token)
    return b.fetch(`/staff/upload`, { method: 'POST', body: form })
  }

  it('refuses an address that is not http(s), naming the problem in the error summary', async () => {
    const b = new Browserless(s.base)
    await b.signIn(s.users.inspector.email)
    for (const bad of ['ftp://reports.ofsted.gov.uk/x.pdf', 'javascript:alert(1)', 'not an address']) {
      const res = await upload(b, bad)
      expect(res.status, bad).toBe(400)
      const html = await res.text()
      expect(html).toContain('govuk-error-summary')
      expect(html).toContain('href="#sourceUrl"')
      expect(html).toContain('Enter the address the report was published at, starting http:// or https://')
      // What was typed is shown again to be corrected.
      expect(html).toContain(`value="${bad.replaceAll('"', '&quot;')}"`)
    }
  })

  it('keeps a valid address through review and stores it with the original, as the API does', async () => {
    const b = new Browserless(s.base)
    await b.signIn(s.users.inspector.email)
    const url = 'https://reports.ofsted.gov.uk/provider/44/80449'
    const res = await upload(b, url)
    expect(res.status).toBe(303)
    const review = res.headers.get('location') as string
    const html = await (await b.fetch(review)).text()
    expect(html).toContain(`name="sourceUrl" value="${url}"`)
    await b.tokenFrom(review)
    const saved = await b.post(review, { sourceUrl: url })
    expect(saved.status).toBe(303)
    const hash = createHash('sha256').update(bytes()).digest('hex')
    expect((await s.store.documents.find(hash))?.sourceUrl).toBe(url)
    // The public page offers the original with where it came from.
    const page = await (await b.fetch(saved.headers.get('location') as string)).text()
    expect(page).toContain(`href="${url}"`)
  })

  it('refuses a review saved with an address that is not http(s)', async () => {
    const b = new Browserless(s.base)
    await b.signIn(s.users.inspector.email)
    const res = await upload(b, '')
    expect(res.status).toBe(303)
    const review = res.headers.get('location') as string
    expect(review).not.toContain('sourceUrl')
    expect((await b.fetch(`${review}?sourceUrl=file%3A%2F%2F%2Fetc%2Fpasswd`)).status).toBe(400)
    await b.tokenFrom(review)
    expect((await b.post(review, { sourceUrl: 'file:///etc/passwd' })).status).toBe(400)
  })
})
