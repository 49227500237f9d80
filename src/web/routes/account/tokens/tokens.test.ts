import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browserless, type RunningService, readJson, startService, tokenFor } from '../../../../../test/support/web.js'
import { addServiceAccount, createToken } from '../../../../app/users.js'
import { actorOf, ForbiddenError, ValidationError } from '../../../../domain/index.js'

/** A token acts only for the user who created it, or for a service account audited as itself (issue 11, point 6). */
describe('API tokens', () => {
  let s: RunningService
  let adminToken: string
  beforeAll(async () => {
    s = await startService()
    adminToken = await tokenFor(s, s.users.admin)
  })
  afterAll(async () => s.close())

  const post = (token: string, path: string, body: unknown) =>
    fetch(`${s.base}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })

  it('an administrator cannot mint a token that acts as another person, by the API or otherwise', async () => {
    const res = await post(adminToken, '/tokens', { userId: s.users.qa.id, name: 'as the QA' })
    expect(res.status).toBe(403)
    expect((await readJson(res)).detail).toMatch(/acts only for the person who creates it/)
    await expect(
      createToken(s.ctx, actorOf(s.users.admin), { userId: s.users.inspector.id, name: 'x' }),
    ).rejects.toThrow(ForbiddenError)
    expect((await s.store.users.tokens()).filter(t => t.userId !== s.users.admin.id)).toEqual([])
  })

  it('a token acts as the person who made it, and the audit log names them', async () => {
    const mine = await readJson(post(await tokenFor(s, s.users.inspector), '/tokens', { name: 'my script' }))
    const created = await readJson(
      post(mine.token, '/assessments', { frameworkId: 'rating-2009', authorityCode: 'E08000025' }),
    )
    const [entry] = await s.store.audit.forAssessment(created.id)
    expect(entry?.actor).toBe(s.users.inspector.id)
  })

  it('a service account is made by an administrator, acts and is audited as itself, and never signs in', async () => {
    const res = await post(adminToken, '/service-accounts', { name: 'Nightly loader', role: 'inspector' })
    expect(res.status).toBe(201)
    const account = await readJson(res)
    expect(account).toMatchObject({ service: true, role: 'inspector', active: true })
    const { token } = await readJson(post(adminToken, '/tokens', { userId: account.id, name: 'loader' }))
    const created = await readJson(
      post(token, '/assessments', { frameworkId: 'rating-2009', authorityCode: 'E08000025' }),
    )
    const [entry] = await s.store.audit.forAssessment(created.id)
    expect(entry).toMatchObject({ actor: account.id, actorRole: 'inspector' })
    // It has no password: signing in with its name answers as for an unknown account.
    const service = await new Browserless(s.base).signIn(account.email, 'a long enough password')
    const unknown = await new Browserless(s.base).signIn('nobody@example.org', 'a long enough password')
    expect(service.status).toBe(unknown.status)
    expect(service.status).not.toBe(303)
  })

  it('a service account may not publish or administer', async () => {
    for (const role of ['quality-assurer', 'administrator']) {
      const res = await post(adminToken, '/service-accounts', { name: 'Publisher', role })
      expect(res.status).toBe(400)
    }
    await expect(
      addServiceAccount(s.ctx, actorOf(s.users.admin), { name: 'x', role: 'quality-assurer', authorityCode: null }),
    ).rejects.toThrow(ValidationError)
    await expect(
      addServiceAccount(s.ctx, actorOf(s.users.inspector), { name: 'x', role: 'inspector', authorityCode: null }),
    ).rejects.toThrow(ForbiddenError)
  })
})
