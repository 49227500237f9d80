import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/lib/logger.js'
import { openStore, type Store } from '../../src/store/store.js'
import { createApp } from '../../src/web/app.js'

describe('web service', () => {
  let store: Store
  let server: ReturnType<ReturnType<typeof createApp>['listen']>
  let base: string
  beforeAll(async () => {
    store = await openStore({ kind: 'pglite', dataDir: null })
    server = createApp({ store, logger: createLogger('silent') }).listen(0)
    await new Promise(resolve => server.once('listening', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.close()
    await store.close()
  })

  it('answers the health check', async () => {
    const res = await fetch(`${base}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok' })
  })

  it('lists the frameworks on the home page, with security headers', async () => {
    const res = await fetch(`${base}/`)
    expect(res.status).toBe(200)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    const html = await res.text()
    expect(html).toContain('Inspection of safeguarding and looked after children services (2012)')
    expect(html).toContain('Performs excellently')
  })

  it('returns 404 for an unknown page', async () => {
    expect((await fetch(`${base}/no-such-page`)).status).toBe(404)
  })
})
